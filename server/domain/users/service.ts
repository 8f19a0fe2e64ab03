// User management for admins (T1, issue 13, X1): list the organization's users with role, title and
// active dossiers; change a role; deactivate an account (no more sign-in or actor, sockets cut at once);
// grant or remove the coordinator flag after a confirmation. Every change goes into the organization's
// audit list with who and when. Not about one dossier: a Prisma transaction each.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { endUserSessions } from "../session/service";
import type { AuditAction, OrgRole } from "./events";
import { adminOrganizationIds, isAdminOf } from "./policy";
import { activeDossierCounts, orgUserSelect } from "./queries";
import { changeRoleSchema, coordinatorSchema, deactivateSchema } from "./schema";

export type OrgUserView = {
  id: string;
  name: string;
  email: string;
  title: string | null;
  role: string;
  coordinator: boolean;
  deactivated: boolean;
  activeDossiers: number;
};

export type AuditView = {
  id: string;
  at: string;
  actorName: string;
  targetName: string;
  action: string;
  detail: string;
};

export type UsersPage = { organizations: { id: string; name: string; users: OrgUserView[]; audit: AuditView[] }[] };

/** T1: the admin's organizations, their users and their audit list; null (404) for anyone else. */
export async function usersPage(actor: Actor): Promise<UsersPage | null> {
  const orgIds = await adminOrganizationIds(actor);
  if (orgIds.length === 0) return null;
  const organizations = [];
  for (const org of await db().organization.findMany({
    where: { id: { in: orgIds } },
    select: { id: true, name: true },
  })) {
    const members = await db().membership.findMany({
      where: { organizationId: org.id },
      select: orgUserSelect,
      orderBy: { createdAt: "asc" },
    });
    const counts = await activeDossierCounts(
      org.id,
      members.map((m) => m.user.id),
    );
    const audit = await db().organizationAudit.findMany({
      where: { organizationId: org.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
    });
    const ids = [...new Set(audit.flatMap((a) => [a.actorId, a.targetUserId ?? ""]).filter(Boolean))];
    const names = new Map(
      (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map(
        (u) => [u.id, u.name ?? u.email],
      ),
    );
    organizations.push({
      id: org.id,
      name: org.name,
      users: members.map((m) => ({
        id: m.user.id,
        name: m.user.name ?? m.user.email,
        email: m.user.email,
        title: m.user.title,
        role: m.role,
        coordinator: m.coordinator,
        deactivated: m.user.deactivatedAt !== null,
        activeDossiers: counts.get(m.user.id) ?? 0,
      })),
      audit: audit.map((a) => ({
        id: a.id,
        at: a.createdAt.toISOString(),
        actorName: names.get(a.actorId) ?? "",
        targetName: a.targetUserId ? (names.get(a.targetUserId) ?? "") : "",
        action: a.action,
        detail: a.detail,
      })),
    });
  }
  return { organizations };
}

async function targetMembership(organizationId: string, userId: string) {
  return db().membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, coordinator: true },
  });
}

async function audit(organizationId: string, actor: Actor, targetUserId: string, action: AuditAction, detail = "") {
  await db().organizationAudit.create({
    data: { organizationId, actorId: actor.userId, targetUserId, action, detail },
  });
}

/** Changes a user's organization role; their sessions end and their sockets are cut, so they come back with the new rights (X1). */
export async function changeRole(actor: Actor, raw: unknown): Promise<Result<{ role: OrgRole }>> {
  const parsed = changeRoleSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { organizationId, userId, role } = parsed.data;
  if (!(await isAdminOf(actor, organizationId))) return fail("not_found", actor.locale);
  const current = await targetMembership(organizationId, userId);
  if (!current) return fail("not_found", actor.locale);
  // An admin does not demote themself: the organization would risk having no admin.
  if (userId === actor.userId) return fail("invalid", actor.locale, "users.error.self");
  if (current.role === role) return ok({ role });
  await db().$transaction(async (tx) => {
    await tx.membership.update({ where: { organizationId_userId: { organizationId, userId } }, data: { role } });
    await tx.organizationAudit.create({
      data: {
        organizationId,
        actorId: actor.userId,
        targetUserId: userId,
        action: "role.changed",
        detail: `${current.role} → ${role}`,
      },
    });
  });
  await endUserSessions(userId, "role-changed");
  return ok({ role });
}

/** X1: the account is deactivated: no sign-in, no actor, its sessions end and its sockets are cut now. */
export async function deactivateUser(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ deactivated: true }>> {
  const parsed = deactivateSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { organizationId, userId } = parsed.data;
  if (!(await isAdminOf(actor, organizationId))) return fail("not_found", actor.locale);
  if (!(await targetMembership(organizationId, userId))) return fail("not_found", actor.locale);
  if (userId === actor.userId) return fail("invalid", actor.locale, "users.error.self");
  const changed = await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, deactivatedAt: null },
      data: { deactivatedAt: now },
    });
    if (count === 0) return false;
    await tx.organizationAudit.create({
      data: { organizationId, actorId: actor.userId, targetUserId: userId, action: "user.deactivated", createdAt: now },
    });
    return true;
  });
  if (changed) await endUserSessions(userId, "deactivated");
  return ok({ deactivated: true });
}

/** T1: only an admin grants or removes the coordinator flag, after the confirmation. */
export async function setCoordinator(actor: Actor, raw: unknown): Promise<Result<{ coordinator: boolean }>> {
  const parsed = coordinatorSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale, "users.error.confirm");
  const { organizationId, userId, coordinator } = parsed.data;
  if (!(await isAdminOf(actor, organizationId))) return fail("not_found", actor.locale);
  const current = await targetMembership(organizationId, userId);
  if (!current) return fail("not_found", actor.locale);
  if (current.coordinator === coordinator) return ok({ coordinator });
  await db().membership.update({
    where: { organizationId_userId: { organizationId, userId } },
    data: { coordinator },
  });
  await audit(organizationId, actor, userId, coordinator ? "coordinator.granted" : "coordinator.removed");
  return ok({ coordinator });
}
