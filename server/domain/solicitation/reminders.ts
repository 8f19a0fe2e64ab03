// S6, S2 (issue 16): reminding partners and renewing keys. One once-a-day limit for every reminder of a
// solicitation, whoever sends it (Notify for all, one partner's reminder, the automatic ones), guarded
// in the database (MARK_REMINDED, under the dossier's lock): two clicks at once send one email. A
// partner who has not attached yet gets a fresh key with each reminder, and the advisor side can renew
// a lost or expired key ("Renvoyer une clé"); the old key stops working at once.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { asDateOrNull, newId } from "../../db/hot";
import { fail, ok, type Result } from "../../errors";
import { consume } from "../../ratelimit";
import { changeDossier, type ChangeContext, type ChangeSpec } from "../dossier/change";
import { authorizeFor, dossierAccess } from "../dossier/policy";
import { decide } from "../notification/gate";
import { unsubscribeHeaders, unsubscribeUrl } from "../notification/unsubscribe";
import { recordEmail } from "../outbox/queries";
import { hashKey, keyExpiresAt, newAttachKey } from "../partner/keys";
import { toLocale } from "../../i18n";
import { SOLICITATION_KEY_RENEWED, SOLICITATION_REMINDED, type SolicitationEventPayload } from "./events";
import { canManageSolicitations } from "./policy";
import {
  automaticReminderSelect,
  CURRENT_KEY,
  DOSSIER_FOR_EMAIL,
  INSERT_PARTNER_USER,
  INSERT_REMINDER,
  MARK_REMINDED,
  PARTNER_BY_EMAIL,
  PARTNER_BY_ID,
  reminderSelect,
  RENEW_KEY,
  type PartnerFactsRow,
} from "./queries";
import { automaticSlotAt, remindedToday, startOfUtcDay } from "./schedule";
import { dossierRefSchema, solicitationRefSchema } from "./schema";
import { isoDay, managed, partnerKeyParams, partnerUrl, scopeLabel } from "./service";

type ReminderTarget = {
  id: string;
  dossierId: string;
  external: boolean;
  partnerUserId: string | null;
  partnerEmail: string;
  scope: string;
  kind: string;
  dueDate: Date | null;
};

/**
 * S6: one reminder of one solicitation, inside its change: the day's mark, the reminder row and the
 * email. Reminders are non-transactional (N8): the partner's settings decide through the one gate's
 * decision table. Returns false when nothing may leave (answered or withdrawn meanwhile, already
 * reminded today, slot taken, refused by the gate): the change then emits nothing and rolls back.
 */
async function recordReminder(
  ctx: ChangeContext<unknown>,
  s: ReminderTarget,
  slot: string,
  byUserId: string | null,
): Promise<boolean> {
  const { q, now } = ctx;
  // First the day's limit, in the database: of two reminders at once, the second changes nothing.
  if ((await q.run(MARK_REMINDED, [now, s.id, startOfUtcDay(now)])) !== 1) return false;
  // A partner who has no account yet gets one by email (like an invited applicant), so that the
  // reminder carries a working one-click unsubscribe (N5) and their settings apply from then on.
  if (!s.partnerUserId) await q.run(INSERT_PARTNER_USER, [newId(), s.partnerEmail, now]);
  const user = s.partnerUserId
    ? await q.get<PartnerFactsRow>(PARTNER_BY_ID, [s.partnerUserId])
    : await q.get<PartnerFactsRow>(PARTNER_BY_EMAIL, [s.partnerEmail]);
  if (!user) return false;
  // A partner is neither applicant side nor paused-muted: their own settings alone decide.
  const decision = decide(
    {
      userId: user.id,
      email: user.email,
      profileLocale: user.locale,
      settings:
        user.frequency === null
          ? null
          : {
              frequency: user.frequency,
              locale: user.settingsLocale,
              unsubscribed: asDateOrNull(user.unsubscribedAt) !== null,
            },
      side: "advisor",
      participation: null,
    },
    { kind: "reminder", paused: false, chosen: false },
  );
  if (decision.decision !== "send") return false;
  if ((await q.run(INSERT_REMINDER, [newId(), s.id, slot, byUserId, now])) !== 1) return false;
  // Issue 16: not attached yet: the reminder carries a fresh key (the first may be lost or expired).
  const fresh = s.external ? await renewKeyIn(ctx, s.id) : null;
  const locale = decision.locale;
  const dossier = (await q.get<{ title: string; organization: string }>(DOSSIER_FOR_EMAIL, [s.dossierId]))!;
  await recordEmail(
    {
      kind: "reminder",
      template: "partner-reminder",
      params: {
        organization: dossier.organization,
        title: dossier.title,
        scope: scopeLabel(locale, s.scope),
        kind: s.kind,
        dueDate: s.dueDate ? isoDay(s.dueDate) : null,
        url: partnerUrl(fresh ? { ...s, partnerUserId: null } : s),
        attached: !fresh && Boolean(s.partnerUserId),
        key: fresh?.key ?? null,
        expiresOn: fresh ? isoDay(fresh.expiresAt) : null,
        unsubscribeUrl: unsubscribeUrl(user.id),
      },
      toEmail: s.partnerEmail,
      locale,
      userId: user.id,
      dossierId: s.dossierId,
      headers: unsubscribeHeaders(user.id),
    },
    q,
    now,
  );
  ctx.emailed();
  return true;
}

/**
 * A new key for a solicitation still waiting for its partner, under the dossier's lock; null when it
 * has none to renew (attached, answered or withdrawn meanwhile). The old hash is replaced: it stops working.
 */
async function renewKeyIn(ctx: ChangeContext<unknown>, solicitationId: string, expectedHash?: string) {
  const row = await ctx.q.get<{ keyHash: string }>(CURRENT_KEY, [solicitationId]);
  if (!row || (expectedHash !== undefined && row.keyHash !== expectedHash)) return null;
  const key = newAttachKey();
  const expiresAt = keyExpiresAt(ctx.now);
  if ((await ctx.q.run(RENEW_KEY, [hashKey(key), expiresAt, ctx.now, solicitationId, row.keyHash])) !== 1) return null;
  return { key, expiresAt };
}

/** One reminder as a change of its dossier (its event to the advisors); false when none left. */
async function remind(
  s: ReminderTarget,
  slot: string,
  actor: Actor | null,
  authorize: ChangeSpec<unknown>["authorize"],
  now: Date,
): Promise<boolean> {
  const res = await changeDossier({ dossierId: s.dossierId, actor, now, authorize }, async (ctx) => {
    if (!(await recordReminder(ctx, s, slot, actor?.userId ?? null))) return false;
    const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: actor?.name ?? null };
    await ctx.emit(SOLICITATION_REMINDED, payload, { audience: "advisors" });
    return true;
  });
  return res.ok && res.value;
}

/**
 * S6: "Notify": reminds every partner of the dossier who has not answered (nor been withdrawn) and was
 * not reminded today, manually or automatically. Returns how many left.
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
  const authorize = authorizeFor(actor, "solicitation.create");
  let reminded = 0;
  for (const s of open) if (await remind(s, slot, actor, authorize, now)) reminded++;
  return ok({ reminded, skipped: open.length - reminded });
}

/**
 * S6 (issue 16): remind one partner, under the same once-a-day limit. Answered, withdrawn or already
 * reminded today: a conflict saying so (nothing leaves).
 */
export async function remindPartner(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = solicitationRefSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const m = await managed(actor, parsed.data.solicitationId);
  if (!m) return fail("not_found", actor.locale);
  const s = await db().solicitation.findUniqueOrThrow({
    where: { id: m.s.id },
    select: { ...reminderSelect, answeredAt: true, revokedAt: true, lastRemindedAt: true },
  });
  if (s.answeredAt || s.revokedAt) return fail("conflict", actor.locale, "solicitation.error.closed");
  if (remindedToday(s.lastRemindedAt, now)) return fail("conflict", actor.locale, "solicitation.error.remindedToday");
  const sent = await remind(s, `manual:${isoDay(now)}`, actor, authorizeFor(actor, "solicitation.create"), now);
  // Lost the race to another reminder of today, or refused by the partner's own settings (N8).
  if (!sent) return fail("conflict", actor.locale, "solicitation.error.notReminded");
  return ok({ solicitationId: s.id });
}

/**
 * S6, beyond the seed: automatic reminders N days before the desired date and N days after it
 * (organization settings; 0 turns one off). Idempotent (one row per slot, one reminder a day), safe to
 * run twice at once, takes the time as a parameter. A job's change: no actor. A slot that could not
 * leave because of the day's limit leaves on a later run, while it still applies.
 */
export async function sendAutomaticReminders(now = new Date()): Promise<number> {
  const candidates = await db().solicitation.findMany({
    where: { answeredAt: null, revokedAt: null, dueDate: { not: null } },
    select: automaticReminderSelect,
  });
  let sent = 0;
  for (const s of candidates) {
    const { partnerReminderDaysBefore: daysBefore, partnerReminderDaysAfter: daysAfter } = s.dossier.organization;
    const slot = automaticSlotAt({ ...s, slotsTaken: s.reminders.map((r) => r.slot), daysBefore, daysAfter }, now);
    if (!slot || s.reminders.some((r) => r.slot === slot) || remindedToday(s.lastRemindedAt, now)) continue;
    if (await remind(s, slot, null, async () => true, now)) sent++;
  }
  return sent;
}

/**
 * S2 (issue 16): "Renvoyer une clé": the advisor side sends an external partner who has not attached
 * yet a new key (lost or expired); the old one stops working. Not bound by the reminders' day limit (the
 * partner asked for it), but it counts as the day's email, and it is rate-limited per asking user (X4).
 */
export async function renewPartnerKey(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = solicitationRefSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const m = await managed(actor, parsed.data.solicitationId);
  if (!m) return fail("not_found", actor.locale);
  const s = await db().solicitation.findUniqueOrThrow({
    where: { id: m.s.id },
    select: {
      ...reminderSelect,
      instructions: true,
      keyHash: true,
      answeredAt: true,
      revokedAt: true,
      partnerUser: { select: { locale: true } },
    },
  });
  if (!s.external || s.partnerUserId || !s.keyHash || s.answeredAt || s.revokedAt)
    return fail("conflict", actor.locale, "solicitation.error.keyNotRenewable");
  if (!(await consume("solicitation.user", actor.userId))) return fail("rate_limited", actor.locale);
  const known = await db().user.findUnique({ where: { email: s.partnerEmail }, select: { id: true, locale: true } });
  const res = await changeDossier(
    { dossierId: s.dossierId, actor, now, authorize: authorizeFor(actor, "solicitation.create") },
    async (ctx) => {
      // The hash read before the change: of two clicks at once, the second finds it replaced.
      const fresh = await renewKeyIn(ctx, s.id, s.keyHash!);
      if (!fresh) return ctx.refuse("conflict", "solicitation.error.keyJustRenewed");
      await ctx.q.write(INSERT_REMINDER, [newId(), s.id, `key:${now.toISOString()}`, actor.userId, now]);
      const dossier = (await ctx.q.get<{ title: string; organization: string }>(DOSSIER_FOR_EMAIL, [s.dossierId]))!;
      const locale = toLocale(known?.locale ?? actor.locale);
      // S2: a key always leaves, whatever the partner's settings (transactional).
      await recordEmail(
        {
          kind: "transactional",
          template: "partner-key",
          params: partnerKeyParams(locale, {
            asker: actor.name,
            organization: dossier.organization,
            title: dossier.title,
            scope: s.scope,
            kind: s.kind,
            instructions: s.instructions,
            renewed: true,
            key: fresh.key,
            expiresAt: fresh.expiresAt,
            dueDate: s.dueDate,
            url: partnerUrl(s),
          }),
          toEmail: s.partnerEmail,
          locale,
          userId: known?.id ?? null,
          dossierId: s.dossierId,
        },
        ctx.q,
        now,
      );
      ctx.emailed();
      const payload: SolicitationEventPayload = { solicitationId: s.id, scope: s.scope, byName: actor.name };
      await ctx.emit(SOLICITATION_KEY_RENEWED, payload, { audience: "advisors" });
      return { solicitationId: s.id };
    },
  );
  return res;
}
