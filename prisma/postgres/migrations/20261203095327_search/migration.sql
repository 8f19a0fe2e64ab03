-- C9: full-text search. Written by hand: Prisma cannot express a tsvector column, a GIN index or
-- triggers, and scripts/db.mjs computes the next migration from the models (schema.prisma beside this
-- file is the previous one, unchanged), so no later diff ever sees, or drops, what is below.
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- One row per searchable thing (a message, a dossier title, a recommendation title, a document name),
-- kept in step with its table by the triggers of prisma/postgres/triggers.sql (applied after every
-- migration run).
CREATE TABLE "SearchEntry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    -- "message" | "dossier" | "recommendation" | "document"
    "kind" TEXT NOT NULL,
    "refId" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    -- the message's seq, to open it in its place
    "seq" INTEGER,
    -- "all" (both sides) or "advisors" (A4: advisor side and staff only)
    "audience" TEXT NOT NULL DEFAULT 'all',
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    -- French stemming on the unaccented text: "École" and "ecoles" give the same lexeme
    "tsv" TSVECTOR NOT NULL
);
CREATE UNIQUE INDEX "SearchEntry_kind_refId_key" ON "SearchEntry"("kind", "refId");
CREATE INDEX "SearchEntry_dossierId_idx" ON "SearchEntry"("dossierId");
CREATE INDEX "SearchEntry_tsv_idx" ON "SearchEntry" USING GIN ("tsv");

-- The one definition of what is indexed: French stemming on the unaccented text, so that "École",
-- "ecoles" and "écoles" give the same lexeme; file names, hyphenated words, addresses and links are cut
-- into words first ("plan-école.pdf" → plan, ecol, pdf), as SQLite's unicode61 tokenizer does, instead
-- of staying one token. The triggers (triggers.sql) and the backfill use it; changing it means reindexing.
CREATE OR REPLACE FUNCTION relais_search_vector(t TEXT) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('french'::regconfig, translate(public.unaccent(t), '-_./\@+:', '         '))
$$;

-- Backfill what exists.
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
    SELECT 'dossier', "id", "id", NULL, "title", "createdAt", relais_search_vector("title") FROM "Dossier";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
    SELECT 'message', "id", "dossierId", "seq", "body", "createdAt", relais_search_vector("body") FROM "Message";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
    SELECT 'recommendation', "id", "dossierId", NULL, "title", "createdAt", relais_search_vector("title") FROM "Recommendation";
INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
    SELECT 'document', "id", "dossierId", NULL, "originalName", "createdAt", relais_search_vector("originalName") FROM "Document";
