-- C9: full-text search. Written by hand: Prisma cannot express a virtual table or triggers, and
-- scripts/db.mjs computes the next migration from the models (schema.prisma beside this file is the
-- previous one, unchanged), so no later diff ever sees, or drops, what is below.
-- One row per searchable thing (a message, a dossier title, a recommendation title, a document name),
-- kept in step with its table by the triggers of prisma/sqlite/triggers.sql (applied after every
-- migration run, so that a table redefined by a later migration gets them back).
CREATE TABLE "SearchEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    -- "message" | "dossier" | "recommendation" | "document"
    "kind" TEXT NOT NULL,
    "refId" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    -- the message's seq, to open it in its place
    "seq" INTEGER,
    -- "all" (both sides) or "advisors" (A4: advisor side and staff only)
    "audience" TEXT NOT NULL DEFAULT 'all',
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "SearchEntry_kind_refId_key" ON "SearchEntry"("kind", "refId");
CREATE INDEX "SearchEntry_dossierId_idx" ON "SearchEntry"("dossierId");

-- External-content FTS5 index over SearchEntry.text: accents and case folded by the tokenizer;
-- word forms by the query (server/domain/search/terms.ts: a light French stemmer and prefixes).
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "text",
    content = 'SearchEntry',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Backfill what exists.
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
    SELECT 'dossier', "id", "id", NULL, "title", "createdAt" FROM "Dossier";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
    SELECT 'message', "id", "dossierId", "seq", "body", "createdAt" FROM "Message";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
    SELECT 'recommendation', "id", "dossierId", NULL, "title", "createdAt" FROM "Recommendation";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
    SELECT 'document', "id", "dossierId", NULL, "originalName", "createdAt" FROM "Document";
INSERT INTO "SearchIndex" ("SearchIndex") VALUES ('rebuild');
