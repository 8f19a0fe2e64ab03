// Who may design templates (S8: admins of the organization) and move a dossier's workflow status
// (its advisor side and staff, like solicitations).
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { allows, authorizeFor, type DossierAccess } from "../dossier/policy";

export function canChangeStatus(access: DossierAccess | null): access is DossierAccess {
  return allows(access, "dossier.advisorSide");
}

/** canChangeStatus as a change's authorize: asked under the dossier's lock (change.ts). */
export const authorizeStatusChange = (actor: Pick<Actor, "userId">) => authorizeFor(actor, "dossier.advisorSide");

export async function isOrganizationAdmin(actor: Pick<Actor, "userId">, organizationId: string): Promise<boolean> {
  const m = await db().membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { role: true },
  });
  return m?.role === "admin";
}

export async function adminOrganizations(actor: Pick<Actor, "userId">) {
  const rows = await db().membership.findMany({
    where: { userId: actor.userId, role: "admin" },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.organization);
}
