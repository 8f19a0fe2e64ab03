-- CreateTable
CREATE TABLE "MessageEmailPending" (
    "messageId" TEXT NOT NULL,
    "side" TEXT NOT NULL,

    CONSTRAINT "MessageEmailPending_pkey" PRIMARY KEY ("messageId")
);

-- AddForeignKey
ALTER TABLE "MessageEmailPending" ADD CONSTRAINT "MessageEmailPending_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

