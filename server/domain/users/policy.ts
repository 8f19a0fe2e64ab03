// Who manages users (T1, section 2): admins of the organization only; anyone else gets 404 (A1).
import type { Actor } from "../../auth/actor";
import { db } from "../../db";

export async function adminOrganizationIds(actor: Pick<Actor, "userId">): Promise<string[]> {
  const rows = await db().membership.findMany({
    where: { userId: actor.userId, role: "admin" },
    select: { organizationId: true },
  });
  return rows.map((r) => r.organizationId);
}

export async function isAdminOf(actor: Pick<Actor, "userId">, organizationId: string): Promise<boolean> {
  return (await adminOrganizationIds(actor)).includes(organizationId);
}
