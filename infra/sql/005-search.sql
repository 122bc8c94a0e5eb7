-- 005-search.sql
--
-- The search index (Cluster profile): a read model of users, posts and hashtags, written by the silos' search
-- indexer grains from the post and user event streams, and rebuildable from grain state
-- (dotnet run --project Silo -- rebuild-search-index). Nothing else depends on it: dropping these tables loses no
-- data, a rebuild brings them back.
--
-- Every row carries the Orleans ServiceId as "scope" (like the Orleans tables), so services or test clusters that
-- share a database neither see nor sweep each other's entries.
--
-- Needs pg_trgm (trigram similarity, LIKE on GIN) and fuzzystrmatch (levenshtein_less_equal). Both are "trusted"
-- extensions: the database owner may create them without superuser rights (PostgreSQL 13+). On Azure Database
-- for PostgreSQL they must also be allow-listed (server parameter azure.extensions = PG_TRGM,FUZZYSTRMATCH).
--
-- Idempotent.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- Orders every write, so a rebuild can drop exactly the entries written before it started and not re-written.
CREATE SEQUENCE IF NOT EXISTS search_stamp;

-- username and full_name are stored lower-case (matching only; display data comes from the user grain).
-- known = false: a placeholder for an author whose profile is not indexed yet; it counts as private.
CREATE TABLE IF NOT EXISTS search_users
(
    scope       varchar(150) NOT NULL,
    user_id     bigint       NOT NULL,
    username    text         NOT NULL,
    full_name   text         NOT NULL,
    is_private  boolean      NOT NULL,
    is_verified boolean      NOT NULL,
    known       boolean      NOT NULL,
    stamp       bigint       NOT NULL,
    CONSTRAINT pk_search_users PRIMARY KEY (scope, user_id)
);

CREATE INDEX IF NOT EXISTS ix_search_users_username ON search_users (scope, username text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_search_users_username_reversed ON search_users (scope, reverse(username) text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_search_users_full_name ON search_users (scope, full_name text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_search_users_username_trgm ON search_users USING gin (username gin_trgm_ops);
CREATE INDEX IF NOT EXISTS ix_search_users_full_name_trgm ON search_users USING gin (full_name gin_trgm_ops);

-- Published posts only; a deleted post's row is deleted. Post ids are time-sortable, so "newest first" is
-- "post_id descending".
CREATE TABLE IF NOT EXISTS search_posts
(
    scope       varchar(150)     NOT NULL,
    post_id     bigint           NOT NULL,
    author_id   bigint           NOT NULL,
    caption     text             NOT NULL,
    caption_tsv tsvector         GENERATED ALWAYS AS (to_tsvector('english'::regconfig, caption)) STORED,
    hashtags    text[]           NOT NULL,
    lat         double precision NULL,
    lng         double precision NULL,
    created_at  timestamptz      NOT NULL,
    stamp       bigint           NOT NULL,
    CONSTRAINT pk_search_posts PRIMARY KEY (scope, post_id)
);

CREATE INDEX IF NOT EXISTS ix_search_posts_caption ON search_posts USING gin (caption_tsv);
CREATE INDEX IF NOT EXISTS ix_search_posts_hashtags ON search_posts USING gin (hashtags);
CREATE INDEX IF NOT EXISTS ix_search_posts_place ON search_posts USING gist (point(lng, lat));
CREATE INDEX IF NOT EXISTS ix_search_posts_author ON search_posts (scope, author_id);

-- Per tag: live posts, and live posts by public authors (kept exact by the writers; recounted by a rebuild).
CREATE TABLE IF NOT EXISTS search_hashtags
(
    scope             varchar(150) NOT NULL,
    tag               text         NOT NULL,
    post_count        bigint       NOT NULL,
    public_post_count bigint       NOT NULL,
    CONSTRAINT pk_search_hashtags PRIMARY KEY (scope, tag)
);

CREATE INDEX IF NOT EXISTS ix_search_hashtags_tag ON search_hashtags (scope, tag text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_search_hashtags_tag_reversed ON search_hashtags (scope, reverse(tag) text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_search_hashtags_tag_trgm ON search_hashtags USING gin (tag gin_trgm_ops);
