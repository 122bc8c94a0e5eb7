-- 006-author-posts.sql
--
-- The author-posts read model (Cluster profile): one row per published post, written by the author's timeline grain
-- before the post is fanned out, deleted with the post. A cold feed is rebuilt from it with one query (the newest
-- posts of the followed authors) instead of one grain activation per followed author. Rows are scoped by the Orleans
-- ServiceId, like the Orleans tables. The grains re-add an author's posts whenever its timeline activates without
-- having done so, so a lost table comes back as authors post or are read.
--
-- Idempotent.

CREATE TABLE IF NOT EXISTS feed_author_posts
(
    scope     varchar(150) NOT NULL,
    author_id bigint       NOT NULL,
    post_id   bigint       NOT NULL,
    PRIMARY KEY (scope, author_id, post_id)
);
