// Solicitations (S1, S2, S4, S6, S10, S11, S12): the advisor side asks a partner, an external partner
// attaches with a one-time key, the partner answers, the advisor side follows, reminds and revokes.
// Each change writes its DossierEvent (advisor audience) and its emails in one transaction, then
// publishes; a change that ends a partner's access cuts their sockets at once (A3).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db, isUniqueViolation, type Tx } from "../../db";
import { partnerKeyEmail, partnerReminderEmail, partnerRequestEmail } from "../../email/templates";
import { env } from "../../env";
import { fail, ok, type AppError, type Result } from "../../errors";
import { t, toLocale, type Locale, type MessageKey } from "../../i18n";
import { recordEmail } from "../outbox/queries";
import { kickOutbox } from "../ports";
import { publisher } from "../ports";
import type { PublishedEvent } from "../dossier/events";
import { checkFile } from "../document/schema";
import { decide } from "../notification/gate";
import { unsubscribeHeaders, unsubscribeUrl } from "../notification/unsubscribe";
import { maxDocumentMegabytes } from "../document/service";
import { removeFile, storeFile } from "../document/storage";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { dossierAccess, partnerAccess, type DossierAccess } from "../dossier/policy";
import { hashKey, KEY_TTL_DAYS, newAttachKey } from "../partner/keys";
import {
  SOLICITATION_ANSWERED,
  SOLICITATION_ATTACHED,
  SOLICITATION_CREATED,
  SOLICITATION_REMINDED,
  SOLICITATION_REVOKED,
  type SolicitationEventPayload,
  type SolicitationState,
  type SolicitationView,
} from "./events";
import { canManageSolicitations, mayReadAnswer } from "./policy";
import {
  attachSchema,
  createSolicitationSchema,
  dossierRefSchema,
  opinionSchema,
  solicitationRefSchema,
} from "./schema";

const DAY = 86_400_000;
type Failure = { ok: false; error: AppError };

function failWith(
  code: AppError["code"],
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): Failure {
  return { ok: false, error: { code, message: t(locale, key, params) } };
}

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.code);
  }
}

const displayName = (u: { name: string | null; email: string }) => u.name ?? u.email.split("@")[0];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** S1: the scope as people read it: a preset in the reader's language, or the free text. */
export function scopeLabel(locale: Locale, scope: string): string {
  return ["financial", "legal", "technical"].includes(scope)
    ? t(locale, `solicitation.scope.${scope}` as MessageKey)
    : scope;
}

/** S6: overdue once the desired date has fully passed (the date is a UTC day). */
export function solicitationState(
  s: { partnerUserId: string | null; answeredAt: Date | null; revokedAt: Date | null; dueDate: Date | null },
  now: Date,
): SolicitationState {
  if (s.answeredAt) return "answered";
  if (s.revokedAt) return "withdrawn";
  if (s.dueDate && now.getTime() >= s.dueDate.getTime() + DAY) return "overdue";
  if (!s.partnerUserId) return "waiting";
  return "pending";
}

function partnerUrl(s: { external: boolean; partnerUserId: string | null; dossierId: string }) {
  return s.external && !s.partnerUserId
    ? `${env().appUrl}/partners/attach`
    : `${env().appUrl}/partner/dossiers/${s.dossierId}`;
}

/** S1: the advisor side asks a partner. External partners get a one-time key by email (S2). */
export async function createSolicitation(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string; key: string | null }>> {
  const parsed = createSolicitationSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const input = parsed.data;
  const access = await dossierAccess(actor, input.dossierId);
  if (!canManageSolicitations(access)) return fail("not_found", actor.locale);
  const dueDate = input.dueDate ? new Date(`${input.dueDate}T00:00:00Z`) : null;
  if (dueDate && dueDate.getTime() < Date.parse(`${isoDay(now)}T00:00:00Z`))
    return failWith("invalid", actor.locale, "solicitation.error.pastDate");

  const org = await db().organization.findUniqueOrThrow({
    where: { id: access.organizationId },
    select: { name: true, partnerDirectoryOnly: true },
  });
  const existing = await db().user.findUnique({
    where: { email: input.partnerEmail },
    select: { id: true, name: true, email: true, locale: true },
  });
  let partnerUserId: string | null = null;
  if (!input.external) {
    // Internal partners are members of the dossier's organization who do not already see the dossier.
    const member = existing
      ? await db().membership.findUnique({
          where: { organizationId_userId: { organizationId: access.organizationId, userId: existing.id } },
          select: { id: true },
        })
      : null;
    if (!existing || !member)
      return failWith("invalid", actor.locale, "solicitation.error.notOrgMember", { email: input.partnerEmail });
    if (await dossierAccess({ userId: existing.id }, access.dossierId))
      return failWith("invalid", actor.locale, "solicitation.error.alreadyOnDossier");
    partnerUserId = existing.id;
  } else if (org.partnerDirectoryOnly) {
    // S12: only approved partners when the organization restricts them.
    const approved = await db().approvedPartner.findUnique({
      where: { organizationId_email: { organizationId: access.organizationId, email: input.partnerEmail } },
      select: { id: true },
    });
    if (!approved) return failWith("invalid", actor.locale, "solicitation.error.notApproved");
  }

  const key = input.external ? newAttachKey() : null;
  const { solicitationId, events } = await db().$transaction(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { id: access.dossierId }, select: { title: true } });
    const row = await tx.solicitation.create({
      data: {
        dossierId: access.dossierId,
        kind: input.kind,
        scope: input.scope,
        external: input.external,
        partnerEmail: input.partnerEmail,
        partnerUserId,
        attachedAt: partnerUserId ? now : null,
        askedById: actor.userId,
        dueDate,
        instructions: input.instructions,
        confidential: input.confidential,
        keyHash: key ? hashKey(key) : null,
        keyExpiresAt: key ? new Date(now.getTime() + KEY_TTL_DAYS * DAY) : null,
        createdAt: now,
      },
      select: { id: true, dossierId: true, external: true, partnerUserId: true },
    });
    const locale = toLocale(existing?.locale ?? actor.locale);
    const scope = scopeLabel(locale, input.scope);
    const due = dueDate ? dueDate.toISOString().slice(0, 10) : null;
    const mail = key
      ? partnerKeyEmail(locale, {
          asker: actor.name,
          organization: org.name,
          title: dossier.title,
          scope,
          key,
          expiresOn: isoDay(new Date(now.getTime() + KEY_TTL_DAYS * DAY)),
          dueDate: due,
          url: partnerUrl(row),
        })
      : partnerRequestEmail(locale, {
          asker: actor.name,
          title: dossier.title,
          scope,
          dueDate: due,
          url: partnerUrl(row),
        });
    await recordEmail(
      {
        ...mail,
        kind: "transactional",
        template: key ? "partner-key" : "partner-request",
        toEmail: input.partnerEmail,
        locale,
        userId: existing?.id ?? null,
        dossierId: access.dossierId,
      },
      tx,
    );
    const payload: SolicitationEventPayload = { solicitationId: row.id, scope: input.scope, byName: actor.name };
    const event = await appendEvent(tx, {
      dossierId: access.dossierId,
      organizationId,
      seq,
      type: SOLICITATION_CREATED,
      audience: "advisors",
      actorId: actor.userId,
      payload,
      at: now,
    });
    return { solicitationId: row.id, events: [event] };
  });
  publishAll(events);
  kickOutbox();
  return ok({ solicitationId, key });
}

/** S2: tries allowed per window, per account and per client address; every try is a row. */
export const ATTACH_LIMITS = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 20 };

/**
 * S2: a signed-in person types a key. Wrong, used, expired or withdrawn keys all get the same error;
 * failed tries are counted in the database (so the limit holds across processes) per account and per
 * address. The key is single use: the first attachment clears its hash in a guarded update.
 */
export async function attachWithKey(
  actor: Actor,
  raw: unknown,
  address: string,
  now = new Date(),
): Promise<Result<{ dossierId: string; solicitationId: string }>> {
  const addr = address.slice(0, 100) || "unknown";
  const since = new Date(now.getTime() - ATTACH_LIMITS.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    db().attachAttempt.count({ where: { userId: actor.userId, success: false, createdAt: { gte: since } } }),
    db().attachAttempt.count({ where: { address: addr, success: false, createdAt: { gte: since } } }),
  ]);
  if (byAccount >= ATTACH_LIMITS.perAccount || byAddress >= ATTACH_LIMITS.perAddress)
    return failWith("rate_limited", actor.locale, "partner.attach.rateLimited");
  const parsed = attachSchema.safeParse(raw);
  const keyHash = parsed.success ? hashKey(parsed.data.key) : null;

  const result = await db().$transaction(async (tx) => {
    const found = keyHash
      ? await tx.solicitation.findFirst({
          where: { keyHash, revokedAt: null, keyExpiresAt: { gt: now } },
          select: { id: true, dossierId: true, scope: true },
        })
      : null;
    // Guarded: of two tries with the same key at once, only one clears the hash.
    const claimed = found
      ? await tx.solicitation.updateMany({
          where: { id: found.id, keyHash, revokedAt: null },
          data: { keyHash: null, partnerUserId: actor.userId, attachedAt: now },
        })
      : { count: 0 };
    await tx.attachAttempt.create({
      data: { userId: actor.userId, address: addr, success: claimed.count === 1, createdAt: now },
    });
    if (!found || claimed.count !== 1) return null;
    const { seq, organizationId } = await nextSeq(tx, found.dossierId, now);
    const payload: SolicitationEventPayload = { solicitationId: found.id, scope: found.scope, byName: actor.name };
    const event = await appendEvent(tx, {
      dossierId: found.dossierId,
      organizationId,
      seq,
      type: SOLICITATION_ATTACHED,
      audience: "advisors",
      actorId: actor.userId,
      payload,
      at: now,
    });
    return { dossierId: found.dossierId, solicitationId: found.id, event };
  });
  if (!result) return failWith("invalid", actor.locale, "partner.attach.invalid");
  publishAll([result.event]);
  return ok({ dossierId: result.dossierId, solicitationId: result.solicitationId });
}

/**
 * S4: the partner submits their opinion (text and an optional file), once, while the status allows
 * editing. For a supplement or on-behalf entry the same step tells the advisors the work is done (S5,
 * S9), with a message, so that its state becomes "answered" and reminders stop.
 */
export async function submitOpinion(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = opinionSchema.safeParse(raw);
  if (!parsed.success) return failWith("invalid", actor.locale, "partner.opinion.invalid");
  const input = parsed.data;
  const s = await db().solicitation.findFirst({
    where: { id: input.solicitationId, partnerUserId: actor.userId, revokedAt: null },
    select: { id: true, dossierId: true, kind: true, scope: true, answeredAt: true },
  });
  const access = s ? await partnerAccess(actor, s.dossierId) : null;
  if (!s || !access || !access.solicitationIds.includes(s.id)) return fail("not_found", actor.locale);
  if (!access.editable) return failWith("conflict", actor.locale, "partner.readOnly");
  if (s.answeredAt) return failWith("conflict", actor.locale, "partner.opinion.already");
  let file: { key: string; name: string; mime: string; size: number } | null = null;
  if (input.file && input.file.bytes.length > 0) {
    const name = input.file.name.split(/[\\/]/).pop()!.trim().slice(0, 200);
    const checked = checkFile(name, input.file.bytes, env().DOCUMENT_MAX_BYTES);
    if ("problem" in checked)
      return {
        ok: false,
        error: { code: "invalid", message: t(actor.locale, checked.problem, { max: maxDocumentMegabytes() }) },
      };
    file = { key: await storeFile(input.file.bytes), name, mime: checked.mime, size: input.file.bytes.length };
  }
  try {
    const events = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, s.dossierId, now);
      // Access again inside the transaction: a revocation or status change that just committed wins.
      const still = await partnerAccess(actor, s.dossierId, tx);
      if (!still || !still.solicitationIds.includes(s.id)) throw new Refused(fail("not_found", actor.locale));
      if (!still.editable) throw new Refused(failWith("conflict", actor.locale, "partner.readOnly"));
      const done = await tx.solicitation.updateMany({
        where: { id: s.id, answeredAt: null, revokedAt: null },
        data: {
          answeredAt: now,
          opinionText: input.text,
          fileKey: file?.key ?? null,
          fileName: file?.name ?? null,
          fileMime: file?.mime ?? null,
          fileSize: file?.size ?? null,
        },
      });
      if (done.count !== 1) throw new Refused(failWith("conflict", actor.locale, "partner.opinion.already"));
      const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: actor.name };
      return [
        await appendEvent(tx, {
          dossierId: s.dossierId,
          organizationId,
          seq,
          type: SOLICITATION_ANSWERED,
          audience: "advisors",
          actorId: actor.userId,
          payload,
          at: now,
        }),
      ];
    });
    publishAll(events);
    return ok({ solicitationId: s.id });
  } catch (e) {
    if (file) await removeFile(file.key);
    if (e instanceof Refused) return e.failure;
    throw e;
  }
}

/** The solicitation, when the actor is on the advisor side of its dossier (else null: 404). */
async function managed(actor: Actor, solicitationId: string) {
  const s = await db().solicitation.findUnique({
    where: { id: solicitationId },
    select: { id: true, dossierId: true },
  });
  if (!s) return null;
  const access = await dossierAccess(actor, s.dossierId);
  return canManageSolicitations(access) ? { s, access } : null;
}

/**
 * S10: revoke. Unanswered, the solicitation is withdrawn; answered, the answer stays for the advisors
 * with the revocation date. Either way the partner's access ends now and their sockets are cut (A3).
 */
export async function revokeSolicitation(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = solicitationRefSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const m = await managed(actor, parsed.data.solicitationId);
  if (!m) return fail("not_found", actor.locale);
  try {
    const { events, partnerUserId } = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, m.s.dossierId, now);
      // Guarded: revoking twice changes nothing the second time. The key goes too.
      const done = await tx.solicitation.updateMany({
        where: { id: m.s.id, revokedAt: null },
        data: { revokedAt: now, revokedById: actor.userId, keyHash: null },
      });
      if (done.count !== 1) throw new Refused(failWith("conflict", actor.locale, "solicitation.error.alreadyRevoked"));
      const row = await tx.solicitation.findUniqueOrThrow({
        where: { id: m.s.id },
        select: { scope: true, partnerUserId: true },
      });
      const payload: SolicitationEventPayload = { solicitationId: m.s.id, scope: row.scope, byName: actor.name };
      return {
        partnerUserId: row.partnerUserId,
        events: [
          await appendEvent(tx, {
            dossierId: m.s.dossierId,
            organizationId,
            seq,
            type: SOLICITATION_REVOKED,
            audience: "advisors",
            actorId: actor.userId,
            payload,
            at: now,
          }),
        ],
      };
    });
    publishAll(events);
    if (partnerUserId && !(await partnerAccess({ userId: partnerUserId }, m.s.dossierId)))
      publisher().revokePartner?.(partnerUserId, m.s.dossierId);
    return ok({ solicitationId: m.s.id });
  } catch (e) {
    if (e instanceof Refused) return e.failure;
    throw e;
  }
}

/** A reminder the preference gate refused: the transaction rolls back, nothing is recorded. */
class Gated extends Error {}

/**
 * Emails and reminder rows for one reminder of one solicitation, inside the caller's transaction.
 * Reminders are non-transactional (N8): the partner's settings decide through the one gate's decision
 * table (a partner set to "never" or unsubscribed gets none); throws Gated when refused.
 */
async function recordReminder(
  tx: Tx,
  s: {
    id: string;
    dossierId: string;
    external: boolean;
    partnerUserId: string | null;
    partnerEmail: string;
    scope: string;
    dueDate: Date | null;
  },
  slot: string,
  byUserId: string | null,
  now: Date,
) {
  const userSelect = {
    id: true,
    email: true,
    locale: true,
    notificationSettings: { select: { frequency: true, locale: true, unsubscribedAt: true } },
  } as const;
  const dossier = await tx.dossier.findUniqueOrThrow({
    where: { id: s.dossierId },
    select: { title: true, organization: { select: { name: true } } },
  });
  // A partner who has no account yet gets one by email (like an invited applicant), so that the
  // reminder carries a working one-click unsubscribe (N5) and their settings apply from then on.
  const user = s.partnerUserId
    ? await tx.user.findUniqueOrThrow({ where: { id: s.partnerUserId }, select: userSelect })
    : await tx.user.upsert({
        where: { email: s.partnerEmail },
        create: { email: s.partnerEmail },
        update: {},
        select: userSelect,
      });
  const st = user.notificationSettings;
  // A partner is neither applicant side nor paused-muted: their own settings alone decide.
  const decision = decide(
    {
      userId: user.id,
      email: user.email,
      profileLocale: user.locale,
      settings: st ? { frequency: st.frequency, locale: st.locale, unsubscribed: st.unsubscribedAt !== null } : null,
      side: "advisor",
      participation: null,
    },
    { kind: "reminder", paused: false, chosen: false },
  );
  if (decision.decision !== "send") throw new Gated();
  const locale = decision.locale;
  await tx.solicitationReminder.create({ data: { solicitationId: s.id, slot, byUserId, createdAt: now } });
  await tx.solicitation.update({ where: { id: s.id }, data: { lastRemindedAt: now } });
  const mail = partnerReminderEmail(locale, {
    organization: dossier.organization.name,
    title: dossier.title,
    scope: scopeLabel(locale, s.scope),
    dueDate: s.dueDate ? isoDay(s.dueDate) : null,
    url: partnerUrl(s),
    attached: Boolean(s.partnerUserId),
    unsubscribeUrl: unsubscribeUrl(user.id),
  });
  await recordEmail(
    {
      ...mail,
      kind: "reminder",
      template: "partner-reminder",
      toEmail: s.partnerEmail,
      locale,
      userId: user.id,
      dossierId: s.dossierId,
      headers: unsubscribeHeaders(user.id),
    },
    tx,
  );
}

const reminderSelect = {
  id: true,
  dossierId: true,
  external: true,
  partnerUserId: true,
  partnerEmail: true,
  scope: true,
  dueDate: true,
} as const;

/**
 * S6: "Notify": reminds every partner of the dossier who has not answered (nor been withdrawn), at most
 * once a day each (a unique slot per day, so two clicks at once send one). Returns how many left.
 */
export async function notifyPartners(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ reminded: number; skipped: number }>> {
  const parsed = dossierRefSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!canManageSolicitations(access)) return fail("not_found", actor.locale);
  const open = await db().solicitation.findMany({
    where: { dossierId: access.dossierId, answeredAt: null, revokedAt: null },
    select: reminderSelect,
  });
  const slot = `manual:${isoDay(now)}`;
  let reminded = 0;
  const events: PublishedEvent[] = [];
  for (const s of open) {
    try {
      const event = await db().$transaction(async (tx) => {
        const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
        await recordReminder(tx, s, slot, actor.userId, now);
        const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: actor.name };
        return appendEvent(tx, {
          dossierId: access.dossierId,
          organizationId,
          seq,
          type: SOLICITATION_REMINDED,
          audience: "advisors",
          actorId: actor.userId,
          payload,
          at: now,
        });
      });
      events.push(event);
      reminded++;
    } catch (e) {
      // Already reminded today (the unique slot refused it) or refused by the gate: nothing was left.
      if (!isUniqueViolation(e) && !(e instanceof Gated)) throw e;
    }
  }
  publishAll(events);
  if (reminded) kickOutbox();
  return ok({ reminded, skipped: open.length - reminded });
}

/**
 * S6, beyond the seed: automatic reminders N days before the desired date and N days after it
 * (organization settings; 0 turns one off). Idempotent (one row per slot), safe to run twice at once,
 * takes the time as a parameter.
 */
export async function sendAutomaticReminders(now = new Date()): Promise<number> {
  const candidates = await db().solicitation.findMany({
    where: { answeredAt: null, revokedAt: null, dueDate: { not: null } },
    select: {
      ...reminderSelect,
      reminders: { select: { slot: true } },
      dossier: {
        select: { organization: { select: { partnerReminderDaysBefore: true, partnerReminderDaysAfter: true } } },
      },
    },
  });
  let sent = 0;
  for (const s of candidates) {
    const { partnerReminderDaysBefore: before, partnerReminderDaysAfter: after } = s.dossier.organization;
    const due = s.dueDate!.getTime();
    const slots: string[] = [];
    if (before > 0 && now.getTime() >= due - before * DAY && now.getTime() < due + DAY) slots.push("before");
    if (after > 0 && now.getTime() >= due + after * DAY) slots.push("after");
    // Only the latest applicable one: a partner never gets "before" and "after" together.
    const slot = slots.at(-1);
    if (!slot || s.reminders.some((r) => r.slot === slot)) continue;
    try {
      const event = await db().$transaction(async (tx) => {
        const { seq, organizationId } = await nextSeq(tx, s.dossierId, now);
        await recordReminder(tx, s, slot, null, now);
        const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: null };
        return appendEvent(tx, {
          dossierId: s.dossierId,
          organizationId,
          seq,
          type: SOLICITATION_REMINDED,
          audience: "advisors",
          actorId: null,
          payload,
          at: now,
        });
      });
      publishAll([event]);
      sent++;
    } catch (e) {
      if (!isUniqueViolation(e) && !(e instanceof Gated)) throw e;
    }
  }
  if (sent) kickOutbox();
  return sent;
}

/** S6: the Partners panel: every solicitation of the dossier with its state; answers per S11. */
export async function solicitationsForPanel(
  actor: Actor,
  access: DossierAccess,
  now = new Date(),
): Promise<SolicitationView[]> {
  const rows = await db().solicitation.findMany({
    where: { dossierId: access.dossierId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      scope: true,
      external: true,
      partnerEmail: true,
      partnerUserId: true,
      askedById: true,
      dueDate: true,
      instructions: true,
      confidential: true,
      attachedAt: true,
      answeredAt: true,
      revokedAt: true,
      opinionText: true,
      fileName: true,
      fileSize: true,
      partnerUser: { select: { name: true, email: true } },
      askedBy: { select: { id: true, name: true, email: true } },
      reminders: { select: { slot: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const today = `manual:${isoDay(now)}`;
  return rows.map((r) => {
    const readable = mayReadAnswer(access, r, actor.userId);
    return {
      id: r.id,
      kind: r.kind,
      scope: r.scope,
      external: r.external,
      partnerEmail: r.partnerEmail,
      partnerName: r.partnerUser ? displayName(r.partnerUser) : null,
      askedBy: { id: r.askedBy.id, name: displayName(r.askedBy) },
      dueDate: r.dueDate ? isoDay(r.dueDate) : null,
      instructions: r.instructions,
      confidential: r.confidential,
      state: solicitationState(r, now),
      attachedAt: r.attachedAt?.toISOString() ?? null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      answer:
        r.answeredAt && readable
          ? { text: r.opinionText ?? "", file: r.fileName ? { name: r.fileName, size: r.fileSize ?? 0 } : null }
          : null,
      answerHidden: Boolean(r.answeredAt) && !readable,
      reminders: r.reminders.map((x) => x.createdAt.toISOString()),
      canRemind: !r.answeredAt && !r.revokedAt && !r.reminders.some((x) => x.slot === today),
    };
  });
}

/** The opinion's file for an advisor who may read the answer (S11), or null (404). */
export async function opinionFileForAdvisor(actor: Actor, dossierId: string, solicitationId: string) {
  const access = await dossierAccess(actor, dossierId);
  if (!canManageSolicitations(access)) return null;
  const s = await db().solicitation.findFirst({
    where: { id: solicitationId, dossierId },
    select: { confidential: true, askedById: true, fileKey: true, fileName: true, fileMime: true },
  });
  if (!s || !s.fileKey || !mayReadAnswer(access, s, actor.userId)) return null;
  return { key: s.fileKey, name: s.fileName ?? "document", mimeType: s.fileMime ?? "application/octet-stream" };
}

/** D1, S6: per dossier, solicitations asked (not withdrawn unanswered) and answered. */
export async function solicitationCounts(
  dossierIds: string[],
): Promise<Map<string, { asked: number; answered: number }>> {
  const out = new Map<string, { asked: number; answered: number }>();
  if (dossierIds.length === 0) return out;
  const rows = await db().solicitation.findMany({
    where: { dossierId: { in: dossierIds }, OR: [{ revokedAt: null }, { answeredAt: { not: null } }] },
    select: { dossierId: true, answeredAt: true },
  });
  for (const r of rows) {
    const c = out.get(r.dossierId) ?? { asked: 0, answered: 0 };
    c.asked++;
    if (r.answeredAt) c.answered++;
    out.set(r.dossierId, c);
  }
  return out;
}

/** The Partners panel's list for the advisor side (S6), or a 404 (A1). */
export async function solicitationsPanel(actor: Actor, rawDossierId: unknown): Promise<Result<SolicitationView[]>> {
  const dossierId = z.string().min(1).max(64).safeParse(rawDossierId);
  if (!dossierId.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, dossierId.data);
  if (!canManageSolicitations(access)) return fail("not_found", actor.locale);
  return ok(await solicitationsForPanel(actor, access));
}
