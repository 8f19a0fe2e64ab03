// Who may change a dossier's members (A1). Inviting and removing belong to the advisor side (advisors,
// holder, staff of the organization); leaving follows "dossier.leave" of the permission table.
import type { Actor } from "../../auth/actor";
import { db, type Db, type Tx } from "../../db";
import { allows, type DossierAccess } from "../dossier/policy";

export function canManageMembers(access: DossierAccess | null): access is DossierAccess {
  return allows(access, "dossier.advisorSide");
}

/** Why this actor may not leave, as a catalogue key, or null when they may. */
export function leaveProblem(
  access: DossierAccess,
): "membership.referentCannotLeave" | "membership.holderCannotLeave" | "membership.notMember" | null {
  if (access.roles.includes("referent")) return "membership.referentCannotLeave";
  // The holder hands the dossier over first (T2): a dossier always keeps its holder.
  if (access.roles.includes("holder")) return "membership.holderCannotLeave";
  if (!allows(access, "dossier.leave")) return "membership.notMember";
  return null;
}

/** The organization role of an actor, or null when they are not in it. Advisors and staff create dossiers. */
export async function organizationRole(actor: Pick<Actor, "userId">, organizationId: string, client: Db | Tx = db()) {
  const m = await client.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { role: true },
  });
  return m?.role ?? null;
}

export const isStaffRole = (role: string | null) => role === "staff" || role === "admin";
