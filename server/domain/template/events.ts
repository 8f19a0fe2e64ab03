// What the template area publishes.
export const DOSSIER_STATUS_CHANGED = "dossier.status_changed";
export const DOSSIER_FIELDS_CHANGED = "dossier.fields_changed";

export type StatusChangedPayload = { status: string; label: string; partnerVisible: boolean; byName: string };
/** Keys only, never values: the event reaches everyone allowed to see some of the fields. */
export type FieldsChangedPayload = { keys: string[]; byName: string; solicitationId?: string | null };
