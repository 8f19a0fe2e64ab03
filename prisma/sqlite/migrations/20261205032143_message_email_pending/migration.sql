-- Issue 18 (C2, C3, C7): a message's notification emails are written after its send, in batches
-- (server/domain/notification/pending.ts); the send stores only this row. WITHOUT ROWID, written by
-- hand (Prisma cannot say it): the row lives in its primary key's B-tree, one B-tree insert per send.
-- CreateTable
CREATE TABLE "MessageEmailPending" (
    "messageId" TEXT NOT NULL PRIMARY KEY,
    "side" TEXT NOT NULL,
    CONSTRAINT "MessageEmailPending_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
