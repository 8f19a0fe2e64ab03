// Section 2 of DESIGN.md as data: every dossier action and the dossier roles that may do it.
// Policies answer from this table; reading it tells the whole model.

/**
 * The roles a user can hold on one dossier. "staff" is an organization role (staff or admin).
 * "readonly" is a sender who kept a read-only copy after a transfer (T4): it reads, and nothing else.
 */
export type DossierRole = "referent" | "applicant" | "advisor" | "holder" | "staff" | "readonly";

export const dossierPermissions = {
  "dossier.read": ["referent", "applicant", "advisor", "holder", "staff", "readonly"],
  /** uploads to the Documents tab: every member of both sides and staff, never a read-only copy (T4) */
  "document.upload": ["referent", "applicant", "advisor", "holder", "staff"],
  "message.post": ["referent", "applicant", "advisor", "holder", "staff"],
  "recommendation.create": ["advisor", "holder", "staff"],
  "recommendation.status": ["referent", "applicant", "advisor", "holder", "staff"],
  "dossier.pause": ["referent", "staff"],
  "dossier.leave": ["applicant", "advisor", "readonly"],
  "solicitation.create": ["advisor", "holder", "staff"],
  "party.manage": ["advisor", "holder", "staff"],
  /** K: activities, allocation, proformas and invoices (advisor side only, A4) */
  "billing.manage": ["advisor", "holder", "staff"],
  "dossier.transfer": ["holder", "staff"],
  /** advisor-only content: internal notes, the advisors' room (A4) */
  "dossier.advisorSide": ["advisor", "holder", "staff"],
  /** S8 (issue 16 item 4): the template's applicant-view fields are filled by the applicant side */
  "fields.applicant": ["referent", "applicant"],
  /** S8: its internal-view fields by the advisor side (A4: the applicant side never sees them) */
  "fields.internal": ["advisor", "holder", "staff"],
} as const satisfies Record<string, readonly DossierRole[]>;

export type DossierAction = keyof typeof dossierPermissions;

export function can(roles: readonly DossierRole[], action: DossierAction): boolean {
  const allowed: readonly DossierRole[] = dossierPermissions[action];
  return roles.some((r) => allowed.includes(r));
}
