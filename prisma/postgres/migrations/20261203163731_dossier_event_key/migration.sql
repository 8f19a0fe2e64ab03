-- DropIndex
DROP INDEX "DossierEvent_dossierId_seq_key";

-- AlterTable
ALTER TABLE "DossierEvent" DROP CONSTRAINT "DossierEvent_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "DossierEvent_pkey" PRIMARY KEY ("dossierId", "seq");

