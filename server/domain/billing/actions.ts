"use server";
// Thin server actions for the Billing tab, the contact card and the proforma page, through the one
// action builder (server/auth/action.ts).
import { action } from "../../auth/action";
import * as billing from "./service";

export const addPartyAction = action("billing.addParty", (actor, input: unknown) => billing.addParty(actor, input));
export const removePartyAction = action("billing.removeParty", (actor, input: unknown) =>
  billing.removeParty(actor, input),
);
export const setClientActiveAction = action("billing.setClientActive", (actor, input: unknown) =>
  billing.setClientActive(actor, input),
);
export const setPortalSharingAction = action("billing.setPortalSharing", (actor, input: unknown) =>
  billing.setPortalSharing(actor, input),
);
export const setAllocationAction = action("billing.setAllocation", (actor, input: unknown) =>
  billing.setAllocation(actor, input),
);
export const createActivityAction = action("billing.createActivity", (actor, input: unknown) =>
  billing.createActivity(actor, input),
);
export const moveActivitiesAction = action("billing.moveActivities", (actor, input: unknown) =>
  billing.moveActivities(actor, input),
);
export const createProformaAction = action("billing.createProforma", (actor, input: unknown) =>
  billing.createProforma(actor, input),
);
export const cancelProformaAction = action("billing.cancelProforma", (actor, input: unknown) =>
  billing.cancelProforma(actor, input),
);
export const validateProformaAction = action("billing.validateProforma", (actor, input: unknown) =>
  billing.validateProforma(actor, input),
);
export const cancelInvoiceAction = action("billing.cancelInvoice", (actor, input: unknown) =>
  billing.cancelInvoice(actor, input),
);
export const setVatRateAction = action("billing.setVatRate", (actor, input: unknown) =>
  billing.setVatRate(actor, input),
);

/** K3: the quick-add "+" menu's dossiers: those the actor may bill that have an active client. */
export const quickAddDossiersAction = action("billing.quickAdd", async (actor) => ({
  ok: true as const,
  value: await billing.billableDossiers(actor),
}));
