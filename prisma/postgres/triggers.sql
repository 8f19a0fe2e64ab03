-- C9: keeps "SearchEntry" (migration 20261203095327_search) in step with the searchable tables.
-- Applied by scripts/db.mjs after every migration run: idempotent (CREATE OR REPLACE).
-- Foreign-key cascades fire the delete triggers (a deleted dossier takes its entries along).

-- What is indexed is relais_search_vector (defined by the migration, with the backfill).

CREATE OR REPLACE FUNCTION relais_search_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchEntry" WHERE "kind" = 'message' AND "refId" = OLD."id";
        RETURN OLD;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
        VALUES ('message', NEW."id", NEW."dossierId", NEW."seq", NEW."body", NEW."createdAt", relais_search_vector(NEW."body"));
    ELSIF NEW."body" IS DISTINCT FROM OLD."body" THEN
        UPDATE "SearchEntry" SET "text" = NEW."body", "tsv" = relais_search_vector(NEW."body")
        WHERE "kind" = 'message' AND "refId" = NEW."id";
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER "Message_search" AFTER INSERT OR DELETE OR UPDATE OF "body" ON "Message"
    FOR EACH ROW EXECUTE FUNCTION relais_search_message();

CREATE OR REPLACE FUNCTION relais_search_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchEntry" WHERE "kind" = 'dossier' AND "refId" = OLD."id";
        RETURN OLD;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
        VALUES ('dossier', NEW."id", NEW."id", NULL, NEW."title", NEW."createdAt", relais_search_vector(NEW."title"));
    ELSIF NEW."title" IS DISTINCT FROM OLD."title" THEN
        UPDATE "SearchEntry" SET "text" = NEW."title", "tsv" = relais_search_vector(NEW."title")
        WHERE "kind" = 'dossier' AND "refId" = NEW."id";
    END IF;
    RETURN NEW;
END $$;
-- Only a change of title: the dossier row is updated by every change (its seq counter).
CREATE OR REPLACE TRIGGER "Dossier_search" AFTER INSERT OR DELETE OR UPDATE OF "title" ON "Dossier"
    FOR EACH ROW EXECUTE FUNCTION relais_search_dossier();

CREATE OR REPLACE FUNCTION relais_search_recommendation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchEntry" WHERE "kind" = 'recommendation' AND "refId" = OLD."id";
        RETURN OLD;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
        VALUES ('recommendation', NEW."id", NEW."dossierId", NULL, NEW."title", NEW."createdAt", relais_search_vector(NEW."title"));
    ELSIF NEW."title" IS DISTINCT FROM OLD."title" THEN
        UPDATE "SearchEntry" SET "text" = NEW."title", "tsv" = relais_search_vector(NEW."title")
        WHERE "kind" = 'recommendation' AND "refId" = NEW."id";
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER "Recommendation_search" AFTER INSERT OR DELETE OR UPDATE OF "title" ON "Recommendation"
    FOR EACH ROW EXECUTE FUNCTION relais_search_recommendation();

CREATE OR REPLACE FUNCTION relais_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchEntry" WHERE "kind" = 'document' AND "refId" = OLD."id";
        RETURN OLD;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at", "tsv")
        VALUES ('document', NEW."id", NEW."dossierId", NULL, NEW."originalName", NEW."createdAt", relais_search_vector(NEW."originalName"));
    ELSIF NEW."originalName" IS DISTINCT FROM OLD."originalName" THEN
        UPDATE "SearchEntry" SET "text" = NEW."originalName", "tsv" = relais_search_vector(NEW."originalName")
        WHERE "kind" = 'document' AND "refId" = NEW."id";
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER "Document_search" AFTER INSERT OR DELETE OR UPDATE OF "originalName" ON "Document"
    FOR EACH ROW EXECUTE FUNCTION relais_search_document();
