"use server";
// Server actions of documents: thin, through the one action builder (uploads are route handlers).
import { action } from "../../auth/action";
import { partnerDocumentsPanel, setPartnerVisibility } from "./visibility";

/** S7: the advisor side marks a document visible to partners, or not. */
export const setPartnerVisibilityAction = action("document.partnerVisibility", (actor, input: unknown) =>
  setPartnerVisibility(actor, input),
);

/** Issue 16 item 11: the Partners tab's documents, refetched live. */
export const partnerDocumentsAction = action("document.partnerDocuments", (actor, dossierId: unknown) =>
  partnerDocumentsPanel(actor, dossierId),
);
