// What notes and confidentiality publish (A4, T6, T7). Every event is for the advisor side and carries
// no content (no body, no document name): a confidential item must not reach anyone but the people who
// may see it, and a per-viewer filter on the live channel would cost every delivery. Viewers refetch.
// No zod here: the browser imports this file.

export const NOTE_CREATED = "note.created";
export const NOTE_CONFIDENTIALITY = "note.confidentiality";
export const DOCUMENT_FLAGS = "document.flags";
export const APPOINTMENT_CREATED = "appointment.created";
export const TASK_CHANGED = "task.changed";

export const PRIVATE_EVENTS = [NOTE_CREATED, NOTE_CONFIDENTIALITY, DOCUMENT_FLAGS, APPOINTMENT_CREATED, TASK_CHANGED];

/** T6: none, some ("Partiellement confidentiel") or all ("Confidentiel") of the notes and documents. */
export type Confidentiality = "none" | "partial" | "all";

export type PrivateItemPayload = { id: string; confidentiality: Confidentiality };

export function confidentialityOf(confidential: number, total: number): Confidentiality {
  if (confidential === 0 || total === 0) return "none";
  return confidential >= total ? "all" : "partial";
}
