-- CreateIndex
CREATE INDEX "Recommendation_documentId_idx" ON "Recommendation"("documentId");

-- CreateIndex
CREATE INDEX "Document_solicitationId_idx" ON "Document"("solicitationId");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE INDEX "Transfer_dossierId_status_idx" ON "Transfer"("dossierId", "status");

