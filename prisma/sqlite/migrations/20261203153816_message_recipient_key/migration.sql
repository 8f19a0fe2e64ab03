-- Issue 18: MessageRecipient keyed by (message, user), WITHOUT ROWID: the row lives in its primary
-- key's B-tree, so a recipient costs one B-tree insert (was the table, its id index, the unique pair and
-- the user index). Written by hand from Prisma's table rebuild: Prisma cannot say WITHOUT ROWID, so a
-- later rebuild of this table must keep it (server/db/schema.int.test.ts checks).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MessageRecipient" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("messageId", "userId"),
    CONSTRAINT "MessageRecipient_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_MessageRecipient" ("messageId", "userId") SELECT "messageId", "userId" FROM "MessageRecipient";
DROP TABLE "MessageRecipient";
ALTER TABLE "new_MessageRecipient" RENAME TO "MessageRecipient";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

