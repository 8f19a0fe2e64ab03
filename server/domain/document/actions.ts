"use server";
// Server actions of documents: thin, through the one action builder (uploads are route handlers).
import { action } from "../../auth/action";
import { setPartnerVisibility } from "./visibility";

/** S7: the advisor side marks a document visible to partners, or not. */
export const setPartnerVisibilityAction = action("document.partnerVisibility", (actor, input: unknown) =>
  setPartnerVisibility(actor, input),
);
