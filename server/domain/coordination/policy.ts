// Who coordinates (T3, T5, A2): members of an organization with the coordinator flag. The flag opens the
// practitioners list and transfers, never a dossier's content (dossierAccess ignores it).
import type { Actor } from "../../auth/actor";
import { db } from "../../db";

export async function coordinatedOrganizationIds(actor: Pick<Actor, "userId">): Promise<string[]> {
  const rows = await db().membership.findMany({
    where: { userId: actor.userId, coordinator: true, user: { deactivatedAt: null } },
    select: { organizationId: true },
  });
  return rows.map((r) => r.organizationId);
}
