-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "toEmail" TEXT NOT NULL,
    "userId" TEXT,
    "dossierId" TEXT,
    "locale" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "subject" TEXT NOT NULL DEFAULT '',
    "html" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "headers" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "providerId" TEXT,
    "sentAt" DATETIME,
    "aboutSeq" INTEGER,
    "organizationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_EmailDelivery" ("aboutSeq", "attempts", "createdAt", "dossierId", "headers", "html", "id", "kind", "lastError", "locale", "lockedUntil", "nextAttemptAt", "organizationId", "providerId", "sentAt", "status", "subject", "template", "text", "toEmail", "userId") SELECT "aboutSeq", "attempts", "createdAt", "dossierId", "headers", "html", "id", "kind", "lastError", "locale", "lockedUntil", "nextAttemptAt", "organizationId", "providerId", "sentAt", "status", "subject", "template", "text", "toEmail", "userId" FROM "EmailDelivery";
DROP TABLE "EmailDelivery";
ALTER TABLE "new_EmailDelivery" RENAME TO "EmailDelivery";
CREATE INDEX "EmailDelivery_status_nextAttemptAt_idx" ON "EmailDelivery"("status", "nextAttemptAt");
CREATE INDEX "EmailDelivery_userId_dossierId_status_idx" ON "EmailDelivery"("userId", "dossierId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

