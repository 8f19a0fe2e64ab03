// Dossier creation and membership (issue item 1, A3, A4): invite, remove, leave. Each change goes
// through change.ts: its DossierEvents and, for invitations, the emails in the outbox are written in
// one transaction under the dossier's lock; after commit it publishes and, when someone lost access,
// revokes their live sockets at once.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { asBool, isHotUniqueViolation, newId, type HotQueries } from "../../db/hot";
import { env } from "../../env";
import { fail, invalidInput, type AppError, type Result } from "../../errors";
import { t, toLocale, type Locale, type MessageKey } from "../../i18n";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { authorizeFor, dossierAccess } from "../dossier/policy";
import { recordEmail } from "../outbox/queries";
import { publisher } from "../ports";
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
import {
  DELETE_MEMBER,
  DOSSIER_FOR_INVITATION,
  INSERT_DOSSIER,
  INSERT_MEMBER,
  INSERT_USER_IF_NEW,
  IS_MEMBER,
  LEAVE,
  MEMBER,
  ORGANIZATION_NAME,
  ORGANIZATION_ROLE,
  panelMemberSelect,
  personSelect,
  USER_BY_EMAIL,
  USER_BY_ID,
} from "./queries";
import { createDossierSchema, inviteSchema, leaveSchema, normalizeEmails, removeMemberSchema } from "./schema";
import { displayName } from "../text";
import { consume } from "../../ratelimit";

type Failure = { ok: false; error: AppError };

function failWith(code: AppError["code"], locale: Locale, key: MessageKey, params?: Record<string, string>): Failure {
  return { ok: false, error: { code, message: t(locale, key, params) } };
}

type Invitee = { id: string; name: string | null; email: string; locale: string };

/** An existing user by email, or a new one (applicants can be anyone). A new user gets the inviter's language. */
async function findOrCreateUser(q: HotQueries, email: string, locale: Locale, now: Date): Promise<Invitee> {
  await q.write(INSERT_USER_IF_NEW, [newId(), email, locale, now]);
  return (await q.get<Invitee>(USER_BY_EMAIL, [email]))!;
}

/** Org members among these emails; the first email that is not one is returned as missing. */
async function organizationMembersByEmail(organizationId: string, emails: string[]) {
  const users = await db().user.findMany({
    where: { email: { in: emails }, memberships: { some: { organizationId } } },
    select: personSelect,
  });
  const missing = emails.find((e) => !users.some((u) => u.email === e));
  return { users, missing };
}

/** What an invitation names, read once per change. */
type Invitation = { title: string; organizationName: string };

/** Adds one member with its event and, when invited, the invitation email in the outbox (N6). */
async function addMember(
  ctx: ChangeContext<unknown>,
  actor: Actor,
  invitation: Invitation,
  user: Invitee,
  role: MemberRole,
  holder: boolean,
  invite: boolean,
): Promise<void> {
  const side = role === "advisor" ? "advisor" : "applicant";
  await ctx.q.write(INSERT_MEMBER, [newId(), ctx.dossierId, user.id, role, side, holder, ctx.now]);
  const payload: MemberAddedPayload = {
    userId: user.id,
    name: displayName(user),
    role,
    holder,
    byUserId: actor.userId,
    byName: actor.name,
  };
  await ctx.emit(MEMBER_ADDED, payload);
  if (!invite) return;
  const locale = toLocale(user.locale);
  const url = `${env().appUrl}/dossiers/${ctx.dossierId}`;
  await recordEmail(
    {
      kind: "transactional",
      template: "invitation",
      params: { inviter: actor.name, title: invitation.title, organization: invitation.organizationName, url },
      toEmail: user.email,
      locale,
      userId: user.id,
      dossierId: ctx.dossierId,
    },
    ctx.q,
    ctx.now,
  );
  ctx.emailed();
}

/** A3: after the change, a user who no longer may see the dossier loses its rooms and open pages at once. */
async function revokeIfGone(ctx: ChangeContext<unknown>, userId: string) {
  if (!(await dossierAccess({ userId }, ctx.dossierId, ctx.q)))
    ctx.afterCommit(() => publisher().revoke(userId, ctx.dossierId));
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
 *
 * One change through change.ts: its `create` inserts the Dossier row in the same transaction, before
 * the lock, so the row, its members, its events (seq 1, 2, … without a gap) and the invitations are
 * stored together or not at all.
 */
export async function createDossier(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ dossierId: string }>> {
  const parsed = createDossierSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(actor.locale, parsed.error.issues);
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
  const advisors = await organizationMembersByEmail(input.organizationId, advisorEmails);
  if (advisors.missing)
    return failWith("invalid", actor.locale, "membership.notOrgMember", { email: advisors.missing });

  const dossierId = newId();
  return changeDossier(
    {
      dossierId,
      actor,
      now,
      create: (q) => q.write(INSERT_DOSSIER, [dossierId, input.organizationId, input.title, now, now, now]),
      // The creator's organization role, again under the lock.
      authorize: async (q) =>
        (await q.get<{ role: string }>(ORGANIZATION_ROLE, [input.organizationId, actor.userId]))?.role ?? null,
    },
    async (ctx) => {
      const creatorIsHolder = !isStaffRole(ctx.access);
      const organization = await ctx.q.get<{ name: string }>(ORGANIZATION_NAME, [input.organizationId]);
      const invitation = { title: input.title, organizationName: organization!.name };
      const created: DossierCreatedPayload = { title: input.title, byUserId: actor.userId, byName: actor.name };
      await ctx.emit(DOSSIER_CREATED, created);
      if (creatorIsHolder) {
        const me = (await ctx.q.get<Invitee>(USER_BY_ID, [actor.userId]))!;
        await addMember(ctx, actor, invitation, me, "advisor", true, false);
      }
      const referent = await findOrCreateUser(ctx.q, referentEmail, actor.locale, now);
      await addMember(ctx, actor, invitation, referent, "referent", false, referent.id !== actor.userId);
      for (const [i, a] of advisors.users.entries())
        await addMember(ctx, actor, invitation, a, "advisor", !creatorIsHolder && i === 0, true);
      for (const email of applicantEmails)
        await addMember(
          ctx,
          actor,
          invitation,
          await findOrCreateUser(ctx.q, email, actor.locale, now),
          "applicant",
          false,
          true,
        );
      return { dossierId };
    },
  );
}

/**
 * The advisor side invites applicant members (anyone: an unknown email becomes a new user) or advisors
 * (members of the dossier's organization only). People already on the dossier are skipped; when
 * everyone is, nothing is recorded.
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
  // Read first so that refusals come in the same order as before (access, then the advisors named);
  // the change asks the policy again under the dossier's lock.
  const access = await dossierAccess(actor, input.dossierId);
  if (!canManageMembers(access)) return fail("not_found", actor.locale);
  // X4: invitation emails go to any address: one user cannot send them without bound.
  if (!(await consume("invite.user", actor.userId, list.emails.length))) return fail("rate_limited", actor.locale);
  let advisors: Invitee[] = [];
  if (input.side === "advisor") {
    const found = await organizationMembersByEmail(access.organizationId, list.emails);
    if (found.missing) return failWith("invalid", actor.locale, "membership.notOrgMember", { email: found.missing });
    advisors = found.users;
  }
  try {
    return await changeDossier(
      { dossierId: input.dossierId, actor, now, authorize: authorizeFor(actor, "dossier.advisorSide") },
      async (ctx) => {
        const invitation = (await ctx.q.get<Invitation>(DOSSIER_FOR_INVITATION, [input.dossierId]))!;
        const added: { userId: string; name: string }[] = [];
        let skipped = 0;
        const role: MemberRole = input.side === "advisor" ? "advisor" : "applicant";
        const people: Invitee[] = [...advisors];
        if (input.side !== "advisor")
          for (const email of list.emails) people.push(await findOrCreateUser(ctx.q, email, actor.locale, now));
        for (const user of people) {
          if (await ctx.q.get(IS_MEMBER, [input.dossierId, user.id])) {
            skipped++;
            continue;
          }
          await addMember(ctx, actor, invitation, user, role, false, true);
          added.push({ userId: user.id, name: displayName(user) });
        }
        // Everyone was already there: no event, so the change records nothing.
        return { added, skipped };
      },
    );
  } catch (e) {
    // Two creations of the same user at once: one wins, the other changes nothing.
    if (isHotUniqueViolation(e)) return fail("conflict", actor.locale);
    throw e;
  }
}

/** The advisor side removes a member. The referent and the holder stay (no transfer of those roles here). */
export async function removeMember(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ userId: string }>> {
  const parsed = removeMemberSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, userId } = parsed.data;
  return changeDossier(
    { dossierId, actor, now, authorize: authorizeFor(actor, "dossier.advisorSide") },
    async (ctx) => {
      const member = await ctx.q.get<{ role: string; holder: unknown; name: string | null; email: string }>(MEMBER, [
        dossierId,
        userId,
      ]);
      if (!member) return ctx.refuse("not_found", "membership.notMember");
      if (member.role === "referent") return ctx.refuse("conflict", "membership.referentCannotBeRemoved");
      if (asBool(member.holder)) return ctx.refuse("conflict", "membership.holderCannotBeRemoved");
      await ctx.q.run(DELETE_MEMBER, [dossierId, userId]);
      const payload: MemberRemovedPayload = {
        userId,
        name: displayName(member),
        byUserId: actor.userId,
        byName: actor.name,
      };
      await ctx.emit(MEMBER_REMOVED, payload);
      await revokeIfGone(ctx, userId);
      return { userId };
    },
  );
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
  return changeDossier({ dossierId, actor, now, authorize: (q, id) => dossierAccess(actor, id, q) }, async (ctx) => {
    const problem = leaveProblem(ctx.access);
    if (problem) return ctx.refuse("conflict", problem);
    if ((await ctx.q.run(LEAVE, [dossierId, actor.userId, false])) === 0)
      return ctx.refuse("conflict", "membership.notMember");
    const payload: MemberLeftPayload = { userId: actor.userId, name: actor.name };
    await ctx.emit(MEMBER_LEFT, payload);
    await revokeIfGone(ctx, actor.userId);
    return { dossierId };
  });
}

/** What the members panel shows: emails only to the advisor side (A4). */
export async function membersPanel(actor: Actor, dossierId: string) {
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  const rows = await db().dossierMember.findMany({
    where: { dossierId },
    orderBy: { createdAt: "asc" },
    select: panelMemberSelect,
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
