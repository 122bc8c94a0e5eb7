-- 006-author-posts.sql
--
-- The author-posts read model (Cluster profile): one row per author holding that author's newest post ids, newest
-- first, as many as a cold feed's rebuild takes of one author (Feed:RebuildPostsPerAuthor). The author's timeline
-- grain replaces the row whenever its newest posts change (publish, delete), before the post is fanned out. A cold
-- feed is rebuilt from it with one query, one index lookup per followed author, merged in the silo: the newest posts
-- of 500 authors cost about as much as reading 500 short rows. Rows are scoped by the Orleans ServiceId, like the
-- Orleans tables. A timeline hands the table its posts when it activates without having done so, so a lost table
-- comes back as authors post or are read.
--
-- Until the eleventh release the model kept one row per post (feed_author_posts); a rebuild then walked every kept
-- post of every followed author and sorted them, ten times the database time once authors had fifty posts each. That
-- table is carried over here and dropped: stop the silos of earlier releases before applying this.
--
-- Idempotent.

CREATE TABLE IF NOT EXISTS feed_author_newest_posts
(
    scope     varchar(150) NOT NULL,
    author_id bigint       NOT NULL,
    post_ids  bigint[]     NOT NULL,
    PRIMARY KEY (scope, author_id)
);

DO $$
BEGIN
    IF to_regclass('feed_author_posts') IS NOT NULL THEN
        INSERT INTO feed_author_newest_posts (scope, author_id, post_ids)
        SELECT scope, author_id, (array_agg(post_id ORDER BY post_id DESC))[1:50]
        FROM feed_author_posts
        GROUP BY scope, author_id
        ON CONFLICT (scope, author_id) DO NOTHING;
        DROP TABLE feed_author_posts;
    END IF;
END
$$;
