// What the billing area publishes (K1–K8). Billing is advisor-side only: every event goes to the
// "advisors" audience (A4), so applicants and partners never receive it, live or in catch-up.

export const PARTY_ADDED = "party.added";
export const PARTY_REMOVED = "party.removed";
export const PARTY_STATUS_CHANGED = "party.status_changed";
export const PARTY_PORTAL_CHANGED = "party.portal_changed";
export const ALLOCATION_CHANGED = "billing.allocation_changed";
export const ACTIVITY_CREATED = "activity.created";
export const ACTIVITIES_MOVED_IN = "activity.moved_in";
export const ACTIVITIES_MOVED_OUT = "activity.moved_out";
export const PROFORMA_CREATED = "proforma.created";
export const PROFORMA_CANCELLED = "proforma.cancelled";
export const INVOICE_ISSUED = "invoice.issued";
export const INVOICE_CANCELLED = "invoice.cancelled";

/** Every billing event type: the Billing tab refreshes on any of them. */
export const BILLING_EVENTS: readonly string[] = [
  PARTY_ADDED,
  PARTY_REMOVED,
  PARTY_STATUS_CHANGED,
  PARTY_PORTAL_CHANGED,
  ALLOCATION_CHANGED,
  ACTIVITY_CREATED,
  ACTIVITIES_MOVED_IN,
  ACTIVITIES_MOVED_OUT,
  PROFORMA_CREATED,
  PROFORMA_CANCELLED,
  INVOICE_ISSUED,
  INVOICE_CANCELLED,
];

type By = { byUserId: string; byName: string };

export type PartyAddedPayload = By & {
  partyId: string;
  contactId: string;
  name: string;
  role: string;
  active: boolean;
};
export type PartyRemovedPayload = By & { partyId: string; name: string; role: string; resplit: number };
export type PartyStatusChangedPayload = By & {
  partyId: string;
  name: string;
  active: boolean;
  /** K7: the client's portal sharing was turned off by this change */
  portalCut: boolean;
  /** K4: shared activities split again */
  resplit: number;
};
export type PartyPortalChangedPayload = By & { partyId: string; name: string; shared: boolean };
export type AllocationChangedPayload = By & {
  percents: { partyId: string; percent: number }[] | null;
  resplit: number;
};
export type ActivityCreatedPayload = By & {
  activityId: string;
  kind: string;
  description: string;
  amountCents: number;
  clientPartyId: string | null;
};
export type ActivitiesMovedPayload = By & { activityIds: string[]; otherDossierId: string; totalCents: number };
export type ProformaCreatedPayload = By & { proformaId: string; totalCents: number; activities: number };
export type ProformaCancelledPayload = By & { proformaId: string };
export type InvoiceIssuedPayload = By & {
  proformaId: string;
  invoices: { invoiceId: string; number: number; totalCents: number }[];
};
export type InvoiceCancelledPayload = By & {
  invoiceId: string;
  number: number;
  creditNoteId: string;
  creditNumber: number;
};
