// What the partner area publishes. X2: nothing here ever goes to the partners' room with content.

/** S5, issue 16 item 11: a partner supplied a file; advisor side only, ids only (S11: no name). */
export const SUPPLEMENT_UPLOADED = "partner.supplement_uploaded";
export type SupplementUploadedPayload = { solicitationId: string };

/**
 * X2, issue 16: what partners may see changed (a document shared or withdrawn, a stage or template
 * change); partner pages refetch through their own filters. Partner audience, empty payload: one room
 * holds every partner of the dossier.
 */
export const PARTNER_VIEW_CHANGED = "partner.view_changed";
export type PartnerViewChangedPayload = Record<string, never>;

/** S5, issue 16 item 5: what one partner supplied, shown on their solicitation's card (advisor side). */
export type Supplied = {
  fields: { key: string; label: string; value: string }[];
  files: { id: string; name: string; size: number }[];
};

/** S9: the partner named the person an on-behalf entry is for (the name only: shown to both sides). */
export const ON_BEHALF_NAMED = "partner.on_behalf_named";
export type OnBehalfNamedPayload = { solicitationId: string; personName: string; byName: string };
