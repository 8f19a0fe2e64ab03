-- CreateIndex
CREATE INDEX "Activity_proformaId_idx" ON "Activity"("proformaId");

-- CreateIndex
CREATE INDEX "ProformaLine_partyId_idx" ON "ProformaLine"("partyId");

-- CreateIndex
CREATE INDEX "Invoice_partyId_idx" ON "Invoice"("partyId");

