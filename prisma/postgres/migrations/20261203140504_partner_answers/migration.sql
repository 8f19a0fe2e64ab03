-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "solicitationId" TEXT;

-- AlterTable
ALTER TABLE "Solicitation" ADD COLUMN     "fieldValues" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "onBehalfEmail" TEXT,
ADD COLUMN     "onBehalfName" TEXT,
ADD COLUMN     "partnerStages" TEXT;

-- CreateTable
CREATE TABLE "DocumentPartnerShare" (
    "documentId" TEXT NOT NULL,
    "solicitationId" TEXT NOT NULL,

    CONSTRAINT "DocumentPartnerShare_pkey" PRIMARY KEY ("documentId","solicitationId")
);

-- CreateIndex
CREATE INDEX "DocumentPartnerShare_solicitationId_idx" ON "DocumentPartnerShare"("solicitationId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_solicitationId_fkey" FOREIGN KEY ("solicitationId") REFERENCES "Solicitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentPartnerShare" ADD CONSTRAINT "DocumentPartnerShare_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentPartnerShare" ADD CONSTRAINT "DocumentPartnerShare_solicitationId_fkey" FOREIGN KEY ("solicitationId") REFERENCES "Solicitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


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
