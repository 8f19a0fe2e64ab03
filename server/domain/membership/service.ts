// Dossier creation and membership (issue item 1, A3, A4): invite, remove, leave. Each change writes its
// DossierEvent and, for invitations, the email in the outbox, in one transaction; after commit it
// publishes and, when someone lost access, revokes their live sockets at once.
import type { Actor } from "../../auth/actor";
import { db, isUniqueViolation, type Tx } from "../../db";
import { invitationEmail } from "../../email/templates";
import { env } from "../../env";
import { fail, ok, type AppError, type Result } from "../../errors";
import { t, toLocale, type Locale, type MessageKey } from "../../i18n";
import { recordEmail } from "../outbox/queries";
import { kickOutbox } from "../ports";
import { publisher } from "../ports";
import type { PublishedEvent } from "../dossier/events";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { dossierAccess } from "../dossier/policy";
import {
  DOSSIER_CREATED,
  MEMBER_ADDED,
  MEMBER_LEFT,
  MEMBER_REMOVED,
  type DossierCreatedPayload,
  type MemberAddedPayload,
  type MemberLeftPayload,
  type MemberRemovedPayload,
  type MemberRole,
} from "./events";
import { canManageMembers, isStaffRole, leaveProblem, organizationRole } from "./policy";
import { createDossierSchema, inviteSchema, leaveSchema, normalizeEmails, removeMemberSchema } from "./schema";

type Failure = { ok: false; error: AppError };

function failWith(code: AppError["code"], locale: Locale, key: MessageKey, params?: Record<string, string>): Failure {
  return { ok: false, error: { code, message: t(locale, key, params) } };
}

/** Thrown inside a transaction to roll it back; turned into the failure it carries. */
class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code);
  }
}

type Invitee = { id: string; name: string | null; email: string; locale: string };

/** An existing user by email, or a new one (applicants can be anyone). A new user gets the inviter's language. */
async function findOrCreateUser(tx: Tx, email: string, locale: Locale): Promise<Invitee> {
  return tx.user.upsert({
    where: { email },
    create: { email, locale },
    update: {},
    select: { id: true, name: true, email: true, locale: true },
  });
}

/** Org members among these emails; the first email that is not one is returned as missing. */
async function organizationMembersByEmail(tx: Tx | ReturnType<typeof db>, organizationId: string, emails: string[]) {
  const users = await tx.user.findMany({
    where: { email: { in: emails }, memberships: { some: { organizationId } } },
    select: { id: true, name: true, email: true, locale: true },
  });
  const missing = emails.find((e) => !users.some((u) => u.email === e));
  return { users, missing };
}

const displayName = (u: { name: string | null; email: string }) => u.name ?? u.email.split("@")[0];

async function addMember(
  tx: Tx,
  ctx: { dossierId: string; title: string; organizationName: string; actor: Actor; now: Date },
  user: Invitee,
  role: MemberRole,
  holder: boolean,
  invite: boolean,
): Promise<PublishedEvent> {
  const { seq, organizationId } = await nextSeq(tx, ctx.dossierId, ctx.now);
  await tx.dossierMember.create({
    data: {
      dossierId: ctx.dossierId,
      userId: user.id,
      role,
      side: role === "advisor" ? "advisor" : "applicant",
      holder,
      createdAt: ctx.now,
    },
  });
  const payload: MemberAddedPayload = {
    userId: user.id,
    name: displayName(user),
    role,
    holder,
    byUserId: ctx.actor.userId,
    byName: ctx.actor.name,
  };
  const event = await appendEvent(tx, {
    dossierId: ctx.dossierId,
    organizationId,
    seq,
    type: MEMBER_ADDED,
    audience: "all",
    actorId: ctx.actor.userId,
    payload,
    at: ctx.now,
  });
  if (invite) {
    const locale = toLocale(user.locale);
    const url = `${env().appUrl}/dossiers/${ctx.dossierId}`;
    const mail = invitationEmail(locale, {
      inviter: ctx.actor.name,
      title: ctx.title,
      organization: ctx.organizationName,
      url,
    });
    await recordEmail(
      {
        ...mail,
        kind: "transactional",
        template: "invitation",
        toEmail: user.email,
        locale,
        userId: user.id,
        dossierId: ctx.dossierId,
      },
      tx,
    );
  }
  return event;
}

export type CreateDossierInput = {
  organizationId: string;
  title: string;
  referentEmail: string;
  applicantEmails?: string[];
  advisorEmails?: string[];
};

/**
 * An advisor (organization member) or staff creates a dossier: title, referent, optional applicant
 * members and advisors. An advisor creator becomes the holder; a staff creator is not added (staff see
 * every dossier of their organization) and the first advisor listed becomes the holder.
 */
export async function createDossier(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ dossierId: string }>> {
  const parsed = createDossierSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const input = parsed.data;
  const all = normalizeEmails([input.referentEmail, ...input.applicantEmails, ...input.advisorEmails]);
  if (!all.ok) return failWith("invalid", actor.locale, "membership.invalidEmail", { email: all.invalid });
  const referentEmail = input.referentEmail.trim().toLowerCase();
  // The referent is the applicant-side owner: never the advisor or staff creating the dossier.
  if (referentEmail === actor.email.toLowerCase()) return fail("invalid", actor.locale);
  const advisorEmails = (normalizeEmails(input.advisorEmails) as { emails: string[] }).emails.filter(
    (e) => e !== referentEmail && e !== actor.email.toLowerCase(),
  );
  const applicantEmails = (normalizeEmails(input.applicantEmails) as { emails: string[] }).emails.filter(
    (e) => e !== referentEmail && !advisorEmails.includes(e),
  );

  const role = await organizationRole(actor, input.organizationId);
  if (!role) return fail("not_found", actor.locale);
  const advisors = await organizationMembersByEmail(db(), input.organizationId, advisorEmails);
  if (advisors.missing)
    return failWith("invalid", actor.locale, "membership.notOrgMember", { email: advisors.missing });

  const creatorIsHolder = !isStaffRole(role);
  const { dossierId, events } = await db().$transaction(async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: input.organizationId },
      select: { name: true },
    });
    const dossier = await tx.dossier.create({
      data: { organizationId: input.organizationId, title: input.title, createdAt: now, lastActivityAt: now },
      select: { id: true },
    });
    const ctx = { dossierId: dossier.id, title: input.title, organizationName: organization.name, actor, now };
    const { seq, organizationId } = await nextSeq(tx, dossier.id, now);
    const created: DossierCreatedPayload = { title: input.title, byUserId: actor.userId, byName: actor.name };
    const events = [
      await appendEvent(tx, {
        dossierId: dossier.id,
        organizationId,
        seq,
        type: DOSSIER_CREATED,
        audience: "all",
        actorId: actor.userId,
        payload: created,
        at: now,
      }),
    ];
    if (creatorIsHolder) {
      const me = await tx.user.findUniqueOrThrow({
        where: { id: actor.userId },
        select: { id: true, name: true, email: true, locale: true },
      });
      events.push(await addMember(tx, ctx, me, "advisor", true, false));
    }
    const referent = await findOrCreateUser(tx, referentEmail, actor.locale);
    events.push(await addMember(tx, ctx, referent, "referent", false, referent.id !== actor.userId));
    for (const [i, a] of advisors.users.entries())
      events.push(await addMember(tx, ctx, a, "advisor", !creatorIsHolder && i === 0, true));
    for (const email of applicantEmails)
      events.push(await addMember(tx, ctx, await findOrCreateUser(tx, email, actor.locale), "applicant", false, true));
    return { dossierId: dossier.id, events };
  });
  publishAll(events);
  kickOutbox();
  return ok({ dossierId });
}

/**
 * The advisor side invites applicant members (anyone: an unknown email becomes a new user) or advisors
 * (members of the dossier's organization only). People already on the dossier are skipped.
 */
export async function inviteMembers(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ added: { userId: string; name: string }[]; skipped: number }>> {
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const input = parsed.data;
  const list = normalizeEmails(input.emails);
  if (!list.ok) return failWith("invalid", actor.locale, "membership.invalidEmail", { email: list.invalid });
  const access = await dossierAccess(actor, input.dossierId);
  if (!canManageMembers(access)) return fail("not_found", actor.locale);
  let advisors: Invitee[] = [];
  if (input.side === "advisor") {
    const found = await organizationMembersByEmail(db(), access.organizationId, list.emails);
    if (found.missing) return failWith("invalid", actor.locale, "membership.notOrgMember", { email: found.missing });
    advisors = found.users;
  }
  try {
    const result = await db().$transaction(async (tx) => {
      const dossier = await tx.dossier.findUniqueOrThrow({
        where: { id: input.dossierId },
        select: { title: true, organization: { select: { name: true } } },
      });
      const ctx = {
        dossierId: input.dossierId,
        title: dossier.title,
        organizationName: dossier.organization.name,
        actor,
        now,
      };
      const events: PublishedEvent[] = [];
      const added: { userId: string; name: string }[] = [];
      let skipped = 0;
      const people =
        input.side === "advisor"
          ? advisors
          : await Promise.all(list.emails.map((e) => findOrCreateUser(tx, e, actor.locale)));
      for (const user of people) {
        const existing = await tx.dossierMember.findUnique({
          where: { dossierId_userId: { dossierId: input.dossierId, userId: user.id } },
          select: { id: true },
        });
        if (existing) {
          skipped++;
          continue;
        }
        events.push(await addMember(tx, ctx, user, input.side === "advisor" ? "advisor" : "applicant", false, true));
        added.push({ userId: user.id, name: displayName(user) });
      }
      return { events, added, skipped };
    });
    publishAll(result.events);
    kickOutbox();
    return ok({ added: result.added, skipped: result.skipped });
  } catch (e) {
    // Two invitations of the same person at once: one wins, the other changes nothing.
    if (isUniqueViolation(e)) return fail("conflict", actor.locale);
    throw e;
  }
}

/** After commit: a user who no longer may see the dossier loses its rooms and open pages now (A3). */
async function revokeIfGone(userId: string, dossierId: string) {
  if (!(await dossierAccess({ userId }, dossierId))) publisher().revoke(userId, dossierId);
}

/** The advisor side removes a member. The referent and the holder stay (no transfer of those roles here). */
export async function removeMember(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ userId: string }>> {
  const parsed = removeMemberSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, userId } = parsed.data;
  const access = await dossierAccess(actor, dossierId);
  if (!canManageMembers(access)) return fail("not_found", actor.locale);
  try {
    const events = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, dossierId, now);
      const member = await tx.dossierMember.findUnique({
        where: { dossierId_userId: { dossierId, userId } },
        select: { role: true, holder: true, user: { select: { name: true, email: true } } },
      });
      if (!member) throw new Refused(failWith("not_found", actor.locale, "membership.notMember"));
      if (member.role === "referent")
        throw new Refused(failWith("conflict", actor.locale, "membership.referentCannotBeRemoved"));
      if (member.holder) throw new Refused(failWith("conflict", actor.locale, "membership.holderCannotBeRemoved"));
      await tx.dossierMember.delete({ where: { dossierId_userId: { dossierId, userId } } });
      const payload: MemberRemovedPayload = {
        userId,
        name: displayName(member.user),
        byUserId: actor.userId,
        byName: actor.name,
      };
      return [
        await appendEvent(tx, {
          dossierId,
          organizationId,
          seq,
          type: MEMBER_REMOVED,
          audience: "all",
          actorId: actor.userId,
          payload,
          at: now,
        }),
      ];
    });
    publishAll(events);
    await revokeIfGone(userId, dossierId);
    return ok({ userId });
  } catch (e) {
    if (e instanceof Refused) return e.failure;
    throw e;
  }
}

/** A member leaves by themselves ("dossier.leave"): not the referent, not the holder. */
export async function leaveDossier(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ dossierId: string }>> {
  const parsed = leaveSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId } = parsed.data;
  const access = await dossierAccess(actor, dossierId);
  if (!access) return fail("not_found", actor.locale);
  const problem = leaveProblem(access);
  if (problem) return failWith("conflict", actor.locale, problem);
  try {
    const events = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, dossierId, now);
      // Guarded in the database: a concurrent promotion to referent or holder makes this a no-op.
      const gone = await tx.dossierMember.deleteMany({
        where: { dossierId, userId: actor.userId, role: { in: ["applicant", "advisor"] }, holder: false },
      });
      if (gone.count === 0) throw new Refused(failWith("conflict", actor.locale, "membership.notMember"));
      const payload: MemberLeftPayload = { userId: actor.userId, name: actor.name };
      return [
        await appendEvent(tx, {
          dossierId,
          organizationId,
          seq,
          type: MEMBER_LEFT,
          audience: "all",
          actorId: actor.userId,
          payload,
          at: now,
        }),
      ];
    });
    publishAll(events);
    await revokeIfGone(actor.userId, dossierId);
    return ok({ dossierId });
  } catch (e) {
    if (e instanceof Refused) return e.failure;
    throw e;
  }
}

/** What the members panel shows: emails only to the advisor side (A4). */
export async function membersPanel(actor: Actor, dossierId: string) {
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  const rows = await db().dossierMember.findMany({
    where: { dossierId },
    orderBy: { createdAt: "asc" },
    select: { role: true, side: true, holder: true, user: { select: { id: true, name: true, email: true } } },
  });
  const advisorSide = canManageMembers(access);
  return {
    access,
    canManage: advisorSide,
    leaveProblem: leaveProblem(access),
    members: rows.map((m) => ({
      userId: m.user.id,
      name: displayName(m.user),
      email: advisorSide ? m.user.email : null,
      role: m.role as MemberRole,
      holder: m.holder,
      removable: advisorSide && m.role !== "referent" && !m.holder,
    })),
  };
}

/** Organizations where the actor may create dossiers (advisors and staff). */
export async function creatableOrganizations(actor: Actor) {
  const rows = await db().membership.findMany({
    where: { userId: actor.userId },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.organization);
}
