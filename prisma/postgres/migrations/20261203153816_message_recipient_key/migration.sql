-- DropIndex
DROP INDEX "MessageRecipient_userId_idx";

-- DropIndex
DROP INDEX "MessageRecipient_messageId_userId_key";

-- AlterTable
ALTER TABLE "MessageRecipient" DROP CONSTRAINT "MessageRecipient_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "MessageRecipient_pkey" PRIMARY KEY ("messageId", "userId");

