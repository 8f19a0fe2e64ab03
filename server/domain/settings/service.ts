// Conversation settings (N1–N3) and the one-click unsubscribe (N5). A user's own settings: frequency,
// notification language, and participation per dossier; changes are saved one by one, at once.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { toLocale, type Locale } from "../../i18n";
import {
  DEFAULT_FREQUENCY,
  defaultParticipation,
  toFrequency,
  unsubscribeSchema,
  type Frequency,
} from "../notification/schema";
import { verifyUnsubscribe } from "../notification/unsubscribe";
import { canSetParticipation, participationDossiersWhere } from "./policy";
import {
  frequencyInputSchema,
  localeInputSchema,
  participationAllInputSchema,
  participationInputSchema,
} from "./schema";

export type ParticipationRow = { id: string; title: string; fromApplicants: boolean; toApplicants: boolean };
export type ConversationSettingsView = {
  frequency: Frequency;
  /** null: the profile language (N2) */
  locale: Locale | null;
  profileLocale: Locale;
  organizations: { id: string; name: string; dossiers: ParticipationRow[] }[];
  /** N3: participation is the advisors' setting; applicants and partners do not get the section */
  advisor: boolean;
};

export async function getConversationSettings(actor: Actor): Promise<ConversationSettingsView> {
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { locale: true, notificationSettings: { select: { frequency: true, locale: true } } },
  });
  const dossiers = await db().dossier.findMany({
    where: participationDossiersWhere(actor),
    orderBy: [{ organization: { name: "asc" } }, { title: "asc" }],
    select: {
      id: true,
      title: true,
      organization: { select: { id: true, name: true } },
      participations: { where: { userId: actor.userId }, select: { fromApplicants: true, toApplicants: true } },
    },
  });
  const organizations: ConversationSettingsView["organizations"] = [];
  for (const d of dossiers) {
    let group = organizations.find((o) => o.id === d.organization.id);
    if (!group) organizations.push((group = { id: d.organization.id, name: d.organization.name, dossiers: [] }));
    group.dossiers.push({ id: d.id, title: d.title, ...(d.participations[0] ?? defaultParticipation()) });
  }
  const s = user.notificationSettings;
  const advisor = organizations.length > 0 || (await db().membership.count({ where: { userId: actor.userId } })) > 0;
  return {
    advisor,
    frequency: s ? toFrequency(s.frequency) : DEFAULT_FREQUENCY,
    locale: s?.locale ? toLocale(s.locale) : null,
    profileLocale: toLocale(user.locale),
    organizations,
  };
}

/** N1: how often conversation emails leave. Choosing a frequency again undoes an unsubscribe. */
export async function setFrequency(actor: Actor, raw: unknown): Promise<Result<{ frequency: Frequency }>> {
  const parsed = frequencyInputSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { frequency } = parsed.data;
  await db().notificationSettings.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, frequency },
    update: { frequency, ...(frequency === "never" ? {} : { unsubscribedAt: null }) },
  });
  return ok({ frequency });
}

/** N2: the language emails are written in; "profile" follows the profile language. */
export async function setNotificationLocale(actor: Actor, raw: unknown): Promise<Result<{ locale: Locale | null }>> {
  const parsed = localeInputSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const locale = parsed.data.locale === "profile" ? null : parsed.data.locale;
  await db().notificationSettings.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, locale },
    update: { locale },
  });
  return ok({ locale });
}

/** N3: one switch of one dossier. A dossier the user may not see, or is not an advisor of, is not found. */
export async function setParticipation(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ dossierId: string; fromApplicants: boolean; toApplicants: boolean }>> {
  const parsed = participationInputSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, value } = parsed.data;
  const key = parsed.data.switch;
  if (!(await canSetParticipation(actor, dossierId))) return fail("not_found", actor.locale);
  const row = await db().dossierParticipation.upsert({
    where: { userId_dossierId: { userId: actor.userId, dossierId } },
    create: { userId: actor.userId, dossierId, ...defaultParticipation(), [key]: value },
    update: { [key]: value },
    select: { fromApplicants: true, toApplicants: true },
  });
  return ok({ dossierId, ...row });
}

/** N3: one switch for all the user's dossiers, or all of one organization. Returns the dossiers changed. */
export async function setParticipationForAll(actor: Actor, raw: unknown): Promise<Result<{ dossierIds: string[] }>> {
  const parsed = participationAllInputSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { organizationId, value } = parsed.data;
  const key = parsed.data.switch;
  const dossiers = await db().dossier.findMany({
    where: { AND: [participationDossiersWhere(actor), ...(organizationId ? [{ organizationId }] : [])] },
    select: { id: true },
  });
  // An organization where the user has no dossier is indistinguishable from one that does not exist.
  if (organizationId && dossiers.length === 0) return fail("not_found", actor.locale);
  const ids = dossiers.map((d) => d.id);
  await db().$transaction(async (tx) => {
    await tx.dossierParticipation.updateMany({
      where: { userId: actor.userId, dossierId: { in: ids } },
      data: { [key]: value },
    });
    const existing = new Set(
      (
        await tx.dossierParticipation.findMany({
          where: { userId: actor.userId, dossierId: { in: ids } },
          select: { dossierId: true },
        })
      ).map((p) => p.dossierId),
    );
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length)
      await tx.dossierParticipation.createMany({
        data: missing.map((dossierId) => ({
          userId: actor.userId,
          dossierId,
          ...defaultParticipation(),
          [key]: value,
        })),
      });
  });
  return ok({ dossierIds: ids });
}

/**
 * N5: the one-click unsubscribe, without signing in. The signed link names the user; a tampered or
 * unknown link changes nothing and gets a clear error in the given language.
 */
export async function unsubscribe(raw: unknown, locale: Locale, now = new Date()): Promise<Result<{ userId: string }>> {
  const parsed = unsubscribeSchema.safeParse(raw);
  if (!parsed.success || !verifyUnsubscribe(parsed.data.u, parsed.data.s))
    return fail("invalid", locale, "notify.unsubscribe.invalid");
  const userId = parsed.data.u;
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return fail("invalid", locale, "notify.unsubscribe.invalid");
  await db().notificationSettings.upsert({
    where: { userId },
    create: { userId, frequency: "never", unsubscribedAt: now },
    update: { frequency: "never", unsubscribedAt: now },
  });
  return ok({ userId });
}

/** N5: for the confirmation page: whether the link is genuine (nothing changes), and the user's notification language. */
export async function checkUnsubscribeLink(raw: unknown): Promise<{ valid: boolean; locale: Locale | null }> {
  const parsed = unsubscribeSchema.safeParse(raw);
  if (!parsed.success || !verifyUnsubscribe(parsed.data.u, parsed.data.s)) return { valid: false, locale: null };
  const user = await db().user.findUnique({
    where: { id: parsed.data.u },
    select: { locale: true, notificationSettings: { select: { locale: true } } },
  });
  if (!user) return { valid: false, locale: null };
  return { valid: true, locale: toLocale(user.notificationSettings?.locale ?? user.locale) };
}
