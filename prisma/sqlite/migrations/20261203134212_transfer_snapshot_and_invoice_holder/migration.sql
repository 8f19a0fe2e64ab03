-- AlterTable
ALTER TABLE "DossierMember" ADD COLUMN "readOnlySeq" INTEGER;

-- AlterTable
ALTER TABLE "Proforma" ADD COLUMN "holderId" TEXT;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN "holderId" TEXT;

