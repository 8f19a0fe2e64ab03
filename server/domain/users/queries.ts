// Prisma selects of user management and coordination: names, titles and counts, never dossier content (A2).
import { db } from "../../db";

/** Active dossiers a user holds (not paused, not a read-only copy), per user of the organization. */
export async function activeDossierCounts(organizationId: string, userIds: string[]): Promise<Map<string, number>> {
  const rows = await db().dossierMember.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, holder: true, readOnly: false, dossier: { organizationId, pausedAt: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.userId, r._count._all]));
}

/** Pending transfers a user gives or receives in the organization. */
export async function pendingTransferCounts(organizationId: string, userIds: string[]): Promise<Map<string, number>> {
  const rows = await db().transfer.findMany({
    where: { organizationId, status: "pending", OR: [{ fromUserId: { in: userIds } }, { toUserId: { in: userIds } }] },
    select: { fromUserId: true, toUserId: true },
  });
  const counts = new Map<string, number>();
  for (const r of rows) for (const u of new Set([r.fromUserId, r.toUserId])) counts.set(u, (counts.get(u) ?? 0) + 1);
  return counts;
}

export const orgUserSelect = {
  role: true,
  coordinator: true,
  organizationId: true,
  user: { select: { id: true, name: true, email: true, title: true, deactivatedAt: true } },
} as const;
