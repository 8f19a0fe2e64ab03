// Who sees and writes notes, appointments and tasks (A4, T7): the advisor side only (never the
// applicant side, never a read-only copy). Marking confidential is the holder's (T7: confidential items
// are the holder's); staff and other advisors never see a confidential item.
import type { Actor } from "../../auth/actor";
import type { HotQueries } from "../../db/hot";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";

export async function canWriteNotes(actor: Pick<Actor, "userId">, dossierId: string, q?: HotQueries) {
  const access = await dossierAccess(actor, dossierId, q);
  return allows(access, "dossier.advisorSide") ? access : null;
}

/** T7: confidentiality is set by the holder, who alone will see the item. */
export function canMarkConfidential(access: DossierAccess): boolean {
  return access.roles.includes("holder");
}

/** Prisma's form of T7's rule: items without restriction, or restricted to this viewer. */
export function visibleItemsWhere(viewerId: string) {
  if (typeof viewerId !== "string" || viewerId.length === 0) throw new Error("visibleItemsWhere needs a user id");
  return { OR: [{ visibleToUserId: null }, { visibleToUserId: viewerId }] };
}
