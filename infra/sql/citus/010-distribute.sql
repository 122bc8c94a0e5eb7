-- 010-distribute.sql
--
-- Azure Cosmos DB for PostgreSQL (Citus): spreads the grain-state and reminder tables over the worker nodes.
-- Run on the coordinator AFTER infra/sql/001-007 (the same scripts as a single server; Citus keeps the DDL).
-- Not part of the single-server schema job: only a Citus deployment runs it. See docs/sharding.md.
--
-- Distribution columns:
--   OrleansStorage        GrainIdHash  - the Orleans hash of the grain's KEY bytes only (not its type), so every
--                                        grain keyed by one user id (user, feed, following, posts...) is co-located
--                                        on one shard, and every statement of the provider filters on it: reads,
--                                        writes, clears are single-shard (router) queries.
--   OrleansRemindersTable GrainId      - part of its primary key (Citus requires the distribution column in every
--                                        unique constraint). The silos' range reads (GrainHash BETWEEN ...) fan out
--                                        to all shards; they run at start and on ring changes, over few rows
--                                        (one reminder per story reel, not per story).
-- Left on the coordinator: the membership tables (a few rows per silo, updated in one transaction with their
-- version row) and OrleansQuery (read once per provider at start).
--
-- Idempotent: each call is skipped when the table is already distributed.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'orleansstorage'::regclass) THEN
        PERFORM create_distributed_table('orleansstorage', 'grainidhash');
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'orleansreminderstable'::regclass) THEN
        PERFORM create_distributed_table('orleansreminderstable', 'grainid');
    END IF;

    -- The author-posts read model (006): by author. A cold feed's "newest posts of these authors" becomes one
    -- parallel query over the shards holding them; its primary key (scope, author_id) contains author_id.
    IF to_regclass('feed_author_newest_posts') IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'feed_author_newest_posts'::regclass) THEN
        PERFORM create_distributed_table('feed_author_newest_posts', 'author_id');
    END IF;
END
$$;

-- writetostorage runs where the grain's shard lives (its advisory lock and NOT EXISTS check then stay on one node):
-- the call is delegated by its first argument, colocated with OrleansStorage.
SELECT create_distributed_function(
    'writetostorage(integer, bigint, bigint, integer, character varying, character varying, character varying, integer, bytea)',
    '_grainidhash',
    colocate_with := 'orleansstorage');
