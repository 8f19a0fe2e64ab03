-- Issue 18 (C9): FTS5's automatic merges ran in quanta of 20–30 ms inside a send's batch; the search
-- indexer merges in small steps instead (server/domain/search/indexer.ts, mergeSearchIndex). The
-- setting is stored in the index's own config table. Written by hand: no model changes.
INSERT INTO "SearchIndex" ("SearchIndex", "rank") VALUES ('automerge', 0);
