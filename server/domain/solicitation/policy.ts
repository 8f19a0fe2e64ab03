// Who may do what with solicitations (A1, S6, S11). Creating, reminding and revoking belong to the
// dossier's advisor side (its advisors and holder) and the organization's staff, never to another
// advisor of the organization: dossierAccess already finds no dossier for them.
import { allows, type DossierAccess } from "../dossier/policy";

export function canManageSolicitations(access: DossierAccess | null): access is DossierAccess {
  return allows(access, "solicitation.create");
}

/** S11: a confidential answer is read by the advisor who asked and by staff only. */
export function mayReadAnswer(
  access: DossierAccess,
  s: { confidential: boolean; askedById: string },
  userId: string,
): boolean {
  return !s.confidential || s.askedById === userId || access.roles.includes("staff");
}
