// Who may see and keep an organization's contacts: its members (advisors, staff, admins). Applicants
// and partners hold no organization role: for them, and for other organizations, a contact is not found.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";

export async function memberOf(actor: Pick<Actor, "userId">, organizationId: string): Promise<boolean> {
  const m = await db().membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { id: true },
  });
  return m !== null;
}
