// Solicitations (S1, S2, S4, S6, S10, S11, S12): the advisor side asks a partner, an external partner
// attaches with a one-time key, the partner answers, the advisor side follows, reminds and revokes.
// Each change writes its DossierEvent (advisor audience) and its emails in one transaction, then
// publishes; a change that ends a partner's access cuts their sockets at once (A3).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { newId } from "../../db/hot";
import { env } from "../../env";
import { fail, ok, type AppError, type Result } from "../../errors";
import { t, toLocale, type Locale, type MessageKey } from "../../i18n";
import { publisher } from "../ports";
import { checkFile } from "../document/schema";
import { maxDocumentMegabytes } from "../document/service";
import { removeFile, storeFile } from "../document/storage";
import { changeDossier } from "../dossier/change";
import { authorizeFor, dossierAccess, partnerAccess, type DossierAccess } from "../dossier/policy";
import { recordEmail } from "../outbox/queries";
import type { EmailContent, EmailParams } from "../outbox/templates";
import { hashKey, keyExpiresAt, newAttachKey } from "../partner/keys";
import { suppliedAnswers } from "../partner/supplied";
import { stageRows } from "./choose-stages";
import {
  SOLICITATION_ANSWERED,
  SOLICITATION_ATTACHED,
  SOLICITATION_CREATED,
  SOLICITATION_REVOKED,
  type SolicitationEventPayload,
  type SolicitationState,
  type SolicitationView,
} from "./events";
import { canManageSolicitations, mayReadAnswer } from "./policy";
import {
  ANSWER,
  CLAIM_KEY,
  DOSSIER_FOR_EMAIL,
  FIND_BY_KEY,
  INSERT_ATTACH_ATTEMPT,
  INSERT_SOLICITATION,
  REVOKE,
} from "./queries";
import { reminderViews } from "./reminder-view";
import { attachSchema, createSolicitationSchema, opinionSchema, solicitationRefSchema } from "./schema";
import { displayName } from "../text";
import { consume } from "../../ratelimit";

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

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** S1: the scope as people read it: a preset in the reader's language, or the free text. */
export function scopeLabel(locale: Locale, scope: string): string {
  return ["financial", "legal", "technical"].includes(scope)
    ? t(locale, `solicitation.scope.${scope}` as MessageKey)
    : scope;
}

/** S6: overdue once the desired date has fully passed (the date is a UTC day). */
export function solicitationState(
  s: {
    partnerUserId: string | null;
    answeredAt: Date | null;
    revokedAt: Date | null;
    dueDate: Date | null;
    keyExpiresAt?: Date | null;
  },
  now: Date,
): SolicitationState {
  if (s.answeredAt) return "answered";
  if (s.revokedAt) return "withdrawn";
  // Issue 16: a key that expired before anyone attached: the advisor side must send a new one.
  if (!s.partnerUserId && s.keyExpiresAt && now.getTime() >= s.keyExpiresAt.getTime()) return "expired";
  if (s.dueDate && now.getTime() >= s.dueDate.getTime() + DAY) return "overdue";
  if (!s.partnerUserId) return "waiting";
  return "pending";
}

export function partnerUrl(s: { external: boolean; partnerUserId: string | null; dossierId: string }) {
  return s.external && !s.partnerUserId
    ? `${env().appUrl}/partners/attach`
    : `${env().appUrl}/partner/dossiers/${s.dossierId}`;
}

/**
 * S2: what the partner-key email says, on creation and on renewal alike (the key leaves by email only,
 * whatever the partner's settings); the scope in the partner's language, days as UTC dates.
 */
export function partnerKeyParams(
  locale: Locale,
  p: Omit<EmailParams["partner-key"], "scope" | "expiresOn" | "dueDate"> & {
    scope: string;
    expiresAt: Date;
    dueDate: Date | null;
  },
): EmailParams["partner-key"] {
  const { expiresAt, dueDate, scope, ...rest } = p;
  return {
    ...rest,
    scope: scopeLabel(locale, scope),
    expiresOn: isoDay(expiresAt),
    dueDate: dueDate ? isoDay(dueDate) : null,
  };
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
  // X4: partner keys and requests go by email to any address: bounded per asking user.
  if (!(await consume("solicitation.user", actor.userId))) return fail("rate_limited", actor.locale);

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
  const expiresAt = keyExpiresAt(now);
  const res = await changeDossier(
    { dossierId: access.dossierId, actor, now, authorize: authorizeFor(actor, "solicitation.create") },
    async (ctx) => {
      const dossier = (await ctx.q.get<{ title: string }>(DOSSIER_FOR_EMAIL, [ctx.dossierId]))!;
      const row = { id: newId(), dossierId: ctx.dossierId, external: input.external, partnerUserId };
      await ctx.q.write(INSERT_SOLICITATION, [
        row.id,
        row.dossierId,
        input.kind,
        input.scope,
        input.external,
        input.partnerEmail,
        partnerUserId,
        partnerUserId ? now : null,
        actor.userId,
        dueDate,
        input.instructions,
        input.confidential,
        key ? hashKey(key) : null,
        key ? expiresAt : null,
        now,
      ]);
      const locale = toLocale(existing?.locale ?? actor.locale);
      // S2: the key leaves by email whatever the partner's settings (transactional).
      const content: EmailContent = key
        ? {
            template: "partner-key",
            params: partnerKeyParams(locale, {
              asker: actor.name,
              organization: org.name,
              title: dossier.title,
              scope: input.scope,
              kind: input.kind,
              instructions: input.instructions,
              key,
              expiresAt,
              dueDate: dueDate ?? null,
              url: partnerUrl(row),
            }),
          }
        : {
            template: "partner-request",
            params: {
              asker: actor.name,
              title: dossier.title,
              scope: scopeLabel(locale, input.scope),
              kind: input.kind,
              instructions: input.instructions,
              dueDate: dueDate ? isoDay(dueDate) : null,
              url: partnerUrl(row),
            },
          };
      await recordEmail(
        {
          ...content,
          kind: "transactional",
          toEmail: input.partnerEmail,
          locale,
          userId: existing?.id ?? null,
          dossierId: ctx.dossierId,
        },
        ctx.q,
        now,
      );
      ctx.emailed();
      const payload: SolicitationEventPayload = { solicitationId: row.id, scope: input.scope, byName: actor.name };
      await ctx.emit(SOLICITATION_CREATED, payload, { audience: "advisors" });
      return { solicitationId: row.id, key };
    },
  );
  return res;
}

/**
 * S2, X4: failed tries allowed per window, per account and over the whole key space (every account
 * together: a guessing campaign from many accounts is bounded too). Not per client address: behind a
 * proxy everyone shares one, and one person's wrong tries locked out an innocent partner. Every try is
 * a row, so the limit holds across processes.
 */
export const ATTACH_LIMITS = { windowMs: 15 * 60 * 1000, perAccount: 5, keySpace: 500 };

/** S2: a failed try, in a transaction of its own (a successful one is recorded with its change). */
async function recordFailedAttempt(actor: Actor, addr: string, now: Date) {
  await hot().transaction((q) => q.write(INSERT_ATTACH_ATTEMPT, [newId(), actor.userId, addr, false, now]));
}

/**
 * S2: a signed-in person types a key. Wrong, used, expired or withdrawn keys all get the same error;
 * failed tries are counted in the database (so the limit holds across processes) per account and per
 * address. The key is single use: the first attachment clears its hash in a guarded update, under the
 * dossier's lock.
 */
export async function attachWithKey(
  actor: Actor,
  raw: unknown,
  address: string,
  now = new Date(),
): Promise<Result<{ dossierId: string; solicitationId: string }>> {
  const addr = address.slice(0, 100) || "unknown";
  const since = new Date(now.getTime() - ATTACH_LIMITS.windowMs);
  const [byAccount, overall] = await Promise.all([
    db().attachAttempt.count({ where: { userId: actor.userId, success: false, createdAt: { gte: since } } }),
    db().attachAttempt.count({ where: { success: false, createdAt: { gte: since } } }),
  ]);
  if (byAccount >= ATTACH_LIMITS.perAccount || overall >= ATTACH_LIMITS.keySpace)
    return failWith("rate_limited", actor.locale, "partner.attach.rateLimited");
  const parsed = attachSchema.safeParse(raw);
  const keyHash = parsed.success ? hashKey(parsed.data.key) : null;
  const key = keyHash
    ? await hot().get<{ id: string; dossierId: string; scope: string; partnerEmail: string }>(FIND_BY_KEY, [
        keyHash,
        now,
      ])
    : undefined;
  // X2: a key is bound to the address it was sent to; anyone else gets the same generic error (and a try).
  const found = key && key.partnerEmail.toLowerCase() === actor.email.toLowerCase() ? key : undefined;

  // The key is the partner's authorization: they have no access to the dossier before attaching.
  const res = found
    ? await changeDossier({ dossierId: found.dossierId, actor, now, authorize: async () => true }, async (ctx) => {
        if ((await ctx.q.run(CLAIM_KEY, [actor.userId, now, found.id, keyHash, now])) !== 1) return false;
        await ctx.q.write(INSERT_ATTACH_ATTEMPT, [newId(), actor.userId, addr, true, now]);
        const payload: SolicitationEventPayload = { solicitationId: found.id, scope: found.scope, byName: actor.name };
        await ctx.emit(SOLICITATION_ATTACHED, payload, { audience: "advisors" });
        return true;
      })
    : null;
  if (!found || !res?.ok || !res.value) {
    await recordFailedAttempt(actor, addr, now);
    return failWith("invalid", actor.locale, "partner.attach.invalid");
  }
  return ok({ dossierId: found.dossierId, solicitationId: found.id });
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
    // Access again under the dossier's lock: a revocation or status change that just committed wins.
    const res = await changeDossier(
      { dossierId: s.dossierId, actor, now, authorize: (q, id) => partnerAccess(actor, id, q) },
      async (ctx) => {
        if (!ctx.access.solicitationIds.includes(s.id)) ctx.refuse("not_found");
        if (!ctx.access.editable) ctx.refuse("conflict", "partner.readOnly");
        const answered = await ctx.q.run(ANSWER, [
          now,
          input.text,
          file?.key ?? null,
          file?.name ?? null,
          file?.mime ?? null,
          file?.size ?? null,
          s.id,
        ]);
        if (answered !== 1) ctx.refuse("conflict", "partner.opinion.already");
        const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: actor.name };
        await ctx.emit(SOLICITATION_ANSWERED, payload, { audience: "advisors" });
        return { solicitationId: s.id };
      },
    );
    if (!res.ok && file) await removeFile(file.key);
    return res;
  } catch (e) {
    if (file) await removeFile(file.key);
    throw e;
  }
}

/** The solicitation, when the actor is on the advisor side of its dossier (else null: 404). */
export async function managed(actor: Actor, solicitationId: string) {
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
 * with the revocation date. Either way the partner's access ends now and their sockets are cut (A3)
 * when no other live solicitation keeps them on the dossier.
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
  const { id, dossierId } = m.s;
  return changeDossier(
    { dossierId, actor, now, authorize: authorizeFor(actor, "solicitation.create") },
    async (ctx) => {
      const row = await ctx.q.get<{ scope: string; partnerUserId: string | null }>(REVOKE, [now, actor.userId, id]);
      if (!row) return ctx.refuse("conflict", "solicitation.error.alreadyRevoked");
      const payload: SolicitationEventPayload = { solicitationId: id, scope: row.scope, byName: actor.name };
      await ctx.emit(SOLICITATION_REVOKED, payload, { audience: "advisors" });
      const partnerUserId = row.partnerUserId;
      if (partnerUserId && !(await partnerAccess({ userId: partnerUserId }, dossierId, ctx.q)))
        ctx.afterCommit(() => publisher().revokePartner?.(partnerUserId, dossierId));
      return { solicitationId: id };
    },
  );
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
      keyHash: true,
      keyExpiresAt: true,
      lastRemindedAt: true,
      partnerUser: { select: { name: true, email: true } },
      askedBy: { select: { id: true, name: true, email: true } },
      reminders: { select: { slot: true, createdAt: true, byUserId: true }, orderBy: { createdAt: "asc" } },
      partnerStages: true,
      onBehalfName: true,
      onBehalfEmail: true,
      dossier: { select: { template: { select: { statuses: true } } } },
    },
  });
  const extra = await reminderViews(access.organizationId, rows, now);
  const supplied = await suppliedAnswers(access.dossierId);
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
      supplied: readable ? (supplied.get(r.id) ?? null) : null,
      stages: stageRows(r.dossier.template?.statuses, r.partnerStages),
      onBehalf: r.onBehalfName && r.onBehalfEmail ? { name: r.onBehalfName, email: r.onBehalfEmail } : null,
      reminders: r.reminders.map((x) => x.createdAt.toISOString()),
      ...extra.get(r.id)!,
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
