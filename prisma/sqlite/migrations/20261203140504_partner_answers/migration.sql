-- CreateTable
CREATE TABLE "DocumentPartnerShare" (
    "documentId" TEXT NOT NULL,
    "solicitationId" TEXT NOT NULL,

    PRIMARY KEY ("documentId", "solicitationId"),
    CONSTRAINT "DocumentPartnerShare_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DocumentPartnerShare_solicitationId_fkey" FOREIGN KEY ("solicitationId") REFERENCES "Solicitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dossierId" TEXT NOT NULL,
    "uploaderId" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "visibleToPartner" BOOLEAN NOT NULL DEFAULT false,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "rawData" BOOLEAN NOT NULL DEFAULT false,
    "visibleToUserId" TEXT,
    "solicitationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Document_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_solicitationId_fkey" FOREIGN KEY ("solicitationId") REFERENCES "Solicitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Document" ("confidential", "createdAt", "dossierId", "id", "mimeType", "originalName", "rawData", "sha256", "size", "storageKey", "uploaderId", "visibleToPartner", "visibleToUserId") SELECT "confidential", "createdAt", "dossierId", "id", "mimeType", "originalName", "rawData", "sha256", "size", "storageKey", "uploaderId", "visibleToPartner", "visibleToUserId" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE UNIQUE INDEX "Document_storageKey_key" ON "Document"("storageKey");
CREATE INDEX "Document_dossierId_createdAt_idx" ON "Document"("dossierId", "createdAt");
CREATE TABLE "new_Solicitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dossierId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "external" BOOLEAN NOT NULL,
    "partnerEmail" TEXT NOT NULL,
    "partnerUserId" TEXT,
    "askedById" TEXT NOT NULL,
    "dueDate" DATETIME,
    "instructions" TEXT NOT NULL DEFAULT '',
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "keyHash" TEXT,
    "keyExpiresAt" DATETIME,
    "attachedAt" DATETIME,
    "answeredAt" DATETIME,
    "opinionText" TEXT,
    "fileKey" TEXT,
    "fileName" TEXT,
    "fileMime" TEXT,
    "fileSize" INTEGER,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "lastRemindedAt" DATETIME,
    "fieldValues" TEXT NOT NULL DEFAULT '{}',
    "partnerStages" TEXT,
    "onBehalfName" TEXT,
    "onBehalfEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Solicitation_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Solicitation_partnerUserId_fkey" FOREIGN KEY ("partnerUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Solicitation_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Solicitation" ("answeredAt", "askedById", "attachedAt", "confidential", "createdAt", "dossierId", "dueDate", "external", "fileKey", "fileMime", "fileName", "fileSize", "id", "instructions", "keyExpiresAt", "keyHash", "kind", "lastRemindedAt", "opinionText", "partnerEmail", "partnerUserId", "revokedAt", "revokedById", "scope") SELECT "answeredAt", "askedById", "attachedAt", "confidential", "createdAt", "dossierId", "dueDate", "external", "fileKey", "fileMime", "fileName", "fileSize", "id", "instructions", "keyExpiresAt", "keyHash", "kind", "lastRemindedAt", "opinionText", "partnerEmail", "partnerUserId", "revokedAt", "revokedById", "scope" FROM "Solicitation";
DROP TABLE "Solicitation";
ALTER TABLE "new_Solicitation" RENAME TO "Solicitation";
CREATE UNIQUE INDEX "Solicitation_keyHash_key" ON "Solicitation"("keyHash");
CREATE INDEX "Solicitation_dossierId_idx" ON "Solicitation"("dossierId");
CREATE INDEX "Solicitation_partnerUserId_idx" ON "Solicitation"("partnerUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DocumentPartnerShare_solicitationId_idx" ON "DocumentPartnerShare"("solicitationId");


-- X2: a supplement uploaded by a partner (not a member of the dossier) belongs to their solicitation and
-- is no longer shown to every partner.
UPDATE "Document" SET
  "solicitationId" = (SELECT s."id" FROM "Solicitation" s
    WHERE s."dossierId" = "Document"."dossierId" AND s."partnerUserId" = "Document"."uploaderId"
      AND s."kind" IN ('supplement', 'both', 'on_behalf')
    ORDER BY s."createdAt" LIMIT 1),
  "visibleToPartner" = false
WHERE "solicitationId" IS NULL
  AND EXISTS (SELECT 1 FROM "Solicitation" s
    WHERE s."dossierId" = "Document"."dossierId" AND s."partnerUserId" = "Document"."uploaderId"
      AND s."kind" IN ('supplement', 'both', 'on_behalf'))
  AND NOT EXISTS (SELECT 1 FROM "DossierMember" m
    WHERE m."dossierId" = "Document"."dossierId" AND m."userId" = "Document"."uploaderId");
