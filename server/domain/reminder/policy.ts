// R3: who may change an organization's reminder settings: its admins (organization settings are theirs).
import type { Actor } from "../../auth/actor";
import { db, type Db, type Tx } from "../../db";

export async function adminOrganizationIds(actor: Pick<Actor, "userId">, client: Db | Tx = db()): Promise<string[]> {
  if (!actor.userId) return [];
  const rows = await client.membership.findMany({
    where: { userId: actor.userId, role: "admin" },
    select: { organizationId: true },
  });
  return rows.map((r) => r.organizationId);
}

export async function canManageReminders(
  actor: Pick<Actor, "userId">,
  organizationId: string,
  client?: Db | Tx,
): Promise<boolean> {
  return (await adminOrganizationIds(actor, client)).includes(organizationId);
}
