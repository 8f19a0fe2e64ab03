-- C9: keeps "SearchEntry" and its FTS5 index "SearchIndex" (migration 20261203095327_search) in step
-- with the searchable tables. Applied by scripts/db.mjs after every migration run: idempotent, and a
-- table that a later migration redefines (DROP TABLE + RENAME drops its triggers) gets them back.
-- Foreign-key cascades fire the delete triggers (a deleted dossier takes its entries along).

-- The FTS5 index is written apart from the change that adds an entry (issue 18): FTS5 writes a new
-- segment at every commit (about 6 of a lone send's 29 WAL pages, and its pending terms at every
-- savepoint's RELEASE in a group commit), so an entry is only queued in "SearchPending" here and
-- server/domain/search/indexer.ts moves the queue into the index in batches, shortly after, and before
-- any search (which therefore still finds every committed entry). A queued entry is not in the index:
-- deleting or changing it must not tell FTS5 to remove terms it never had.
CREATE TABLE IF NOT EXISTS "SearchPending" ("entryId" INTEGER NOT NULL PRIMARY KEY);
DROP TRIGGER IF EXISTS "SearchEntry_ai";
DROP TRIGGER IF EXISTS "SearchEntry_ad";
DROP TRIGGER IF EXISTS "SearchEntry_au";
CREATE TRIGGER "SearchEntry_ai" AFTER INSERT ON "SearchEntry" BEGIN
    INSERT INTO "SearchPending" ("entryId") VALUES (NEW."id");
END;
CREATE TRIGGER "SearchEntry_ad" AFTER DELETE ON "SearchEntry" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", "rowid", "text")
        SELECT 'delete', OLD."id", OLD."text"
        WHERE NOT EXISTS (SELECT 1 FROM "SearchPending" WHERE "entryId" = OLD."id");
    DELETE FROM "SearchPending" WHERE "entryId" = OLD."id";
END;
CREATE TRIGGER "SearchEntry_au" AFTER UPDATE OF "text" ON "SearchEntry"
    WHEN NOT EXISTS (SELECT 1 FROM "SearchPending" WHERE "entryId" = OLD."id") BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", "rowid", "text") VALUES ('delete', OLD."id", OLD."text");
    INSERT INTO "SearchIndex" ("rowid", "text") VALUES (NEW."id", NEW."text");
END;

-- A message, the one searchable thing written at a high rate, is queued by its id alone (one B-tree, the
-- table being WITHOUT ROWID): the indexer writes its "SearchEntry" row with the batch (a lone send: 3
-- fewer WAL pages). Until then there is no entry to update, and the indexer reads the body as it is then.
CREATE TABLE IF NOT EXISTS "MessageSearchPending" ("messageId" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
DROP TRIGGER IF EXISTS "Message_search_ai";
DROP TRIGGER IF EXISTS "Message_search_ad";
CREATE TRIGGER "Message_search_ai" AFTER INSERT ON "Message" BEGIN
    INSERT INTO "MessageSearchPending" ("messageId") VALUES (NEW."id");
END;
CREATE TRIGGER IF NOT EXISTS "Message_search_au" AFTER UPDATE OF "body" ON "Message" BEGIN
    UPDATE "SearchEntry" SET "text" = NEW."body" WHERE "kind" = 'message' AND "refId" = NEW."id";
END;
CREATE TRIGGER "Message_search_ad" AFTER DELETE ON "Message" BEGIN
    DELETE FROM "MessageSearchPending" WHERE "messageId" = OLD."id";
    DELETE FROM "SearchEntry" WHERE "kind" = 'message' AND "refId" = OLD."id";
END;

-- Only a change of title: the dossier row is updated by every change (its seq counter).
CREATE TRIGGER IF NOT EXISTS "Dossier_search_ai" AFTER INSERT ON "Dossier" BEGIN
    INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
        VALUES ('dossier', NEW."id", NEW."id", NULL, NEW."title", NEW."createdAt");
END;
CREATE TRIGGER IF NOT EXISTS "Dossier_search_au" AFTER UPDATE OF "title" ON "Dossier" WHEN NEW."title" IS NOT OLD."title" BEGIN
    UPDATE "SearchEntry" SET "text" = NEW."title" WHERE "kind" = 'dossier' AND "refId" = NEW."id";
END;
CREATE TRIGGER IF NOT EXISTS "Dossier_search_ad" AFTER DELETE ON "Dossier" BEGIN
    DELETE FROM "SearchEntry" WHERE "kind" = 'dossier' AND "refId" = OLD."id";
END;

CREATE TRIGGER IF NOT EXISTS "Recommendation_search_ai" AFTER INSERT ON "Recommendation" BEGIN
    INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
        VALUES ('recommendation', NEW."id", NEW."dossierId", NULL, NEW."title", NEW."createdAt");
END;
CREATE TRIGGER IF NOT EXISTS "Recommendation_search_au" AFTER UPDATE OF "title" ON "Recommendation" WHEN NEW."title" IS NOT OLD."title" BEGIN
    UPDATE "SearchEntry" SET "text" = NEW."title" WHERE "kind" = 'recommendation' AND "refId" = NEW."id";
END;
CREATE TRIGGER IF NOT EXISTS "Recommendation_search_ad" AFTER DELETE ON "Recommendation" BEGIN
    DELETE FROM "SearchEntry" WHERE "kind" = 'recommendation' AND "refId" = OLD."id";
END;

CREATE TRIGGER IF NOT EXISTS "Document_search_ai" AFTER INSERT ON "Document" BEGIN
    INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
        VALUES ('document', NEW."id", NEW."dossierId", NULL, NEW."originalName", NEW."createdAt");
END;
CREATE TRIGGER IF NOT EXISTS "Document_search_au" AFTER UPDATE OF "originalName" ON "Document" WHEN NEW."originalName" IS NOT OLD."originalName" BEGIN
    UPDATE "SearchEntry" SET "text" = NEW."originalName" WHERE "kind" = 'document' AND "refId" = NEW."id";
END;
CREATE TRIGGER IF NOT EXISTS "Document_search_ad" AFTER DELETE ON "Document" BEGIN
    DELETE FROM "SearchEntry" WHERE "kind" = 'document' AND "refId" = OLD."id";
END;
