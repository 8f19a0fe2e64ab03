-- Issue 18: an event is named by its dossier and seq, as everything reads it; the random id and its
-- index go (a lone send writes one B-tree fewer). Prisma's table rebuild.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DossierEvent" (
    "dossierId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT 'all',
    "actorId" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("dossierId", "seq"),
    CONSTRAINT "DossierEvent_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DossierEvent" ("actorId", "audience", "createdAt", "dossierId", "payload", "seq", "type") SELECT "actorId", "audience", "createdAt", "dossierId", "payload", "seq", "type" FROM "DossierEvent";
DROP TABLE "DossierEvent";
ALTER TABLE "new_DossierEvent" RENAME TO "DossierEvent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;