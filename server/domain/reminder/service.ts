// R3, P4, P10: reminders about a dossier's recommendations still proposed or in progress. The first
// leaves one delay (an organization setting, 6 weeks by default) after the oldest open recommendation
// last moved, then every delay; never while the dossier is paused; a reactivation re-arms them from its
// own date (remindersArmedAt, written by the pause service). They go to the referent, or to every
// applicant-side member when the organization says so, through the one preference gate (N8).
//
// Sending is guarded in the database: the dossier's lastReminderAt moves from the value read to the new
// slot in the transaction that records the emails, so two runs at once send one reminder.
import type { Actor } from "../../auth/actor";
import { db, type Db, type Tx } from "../../db";
import { env } from "../../env";
import { fail, ok, type Result } from "../../errors";
import { recordEmail } from "../outbox/queries";
import { kickOutbox } from "../ports";
import { nextReminderAt, reminderSlot } from "../digest/schedule";
import type { DossierAccess } from "../dossier/policy";
import { allowedRecipients } from "../notification/gate";
import { unsubscribeHeaders, unsubscribeUrl } from "../notification/unsubscribe";
import { OPEN_STATUSES, type RecommendationStatus } from "../recommendation/statuses";
import { reminderEmail } from "../../email/reminder";
import { adminOrganizationIds, canManageReminders } from "./policy";
import { reminderSettingsSchema } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

const dossierSelect = {
  id: true,
  title: true,
  pausedAt: true,
  remindersArmedAt: true,
  lastReminderAt: true,
  organization: { select: { id: true, name: true, reminderDelayDays: true, remindersToAllApplicants: true } },
} as const;

type DossierRow = {
  id: string;
  title: string;
  pausedAt: Date | null;
  remindersArmedAt: Date | null;
  lastReminderAt: Date | null;
  organization: { id: string; name: string; reminderDelayDays: number; remindersToAllApplicants: boolean };
};

async function openRecommendations(client: Db | Tx, dossierId: string) {
  return client.recommendation.findMany({
    where: { dossierId, status: { in: [...OPEN_STATUSES] } },
    orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
    select: { title: true, status: true, statusChangedAt: true },
  });
}

function planOf(d: DossierRow, open: { statusChangedAt: Date }[]): Date | null {
  return nextReminderAt({
    openSince: open[0]?.statusChangedAt ?? null,
    armedAt: d.remindersArmedAt,
    lastReminderAt: d.lastReminderAt,
    delayMs: d.organization.reminderDelayDays * DAY_MS,
    paused: d.pausedAt !== null,
  });
}

export type ReminderPlan = {
  /** ISO date of the next reminder, null while paused (P10) or when nothing is open */
  nextAt: string | null;
  paused: boolean;
  hasOpen: boolean;
  delayDays: number;
  toAllApplicants: boolean;
};

/** P10: what the Settings tab shows about reminders, for a viewer who may see the dossier. */
export async function reminderPlan(access: DossierAccess): Promise<ReminderPlan> {
  const d = await db().dossier.findUniqueOrThrow({ where: { id: access.dossierId }, select: dossierSelect });
  const open = await openRecommendations(db(), d.id);
  const next = planOf(d, open);
  return {
    nextAt: next?.toISOString() ?? null,
    paused: d.pausedAt !== null,
    hasOpen: open.length > 0,
    delayDays: d.organization.reminderDelayDays,
    toAllApplicants: d.organization.remindersToAllApplicants,
  };
}

export type ReminderOutcome = "sent" | "not_due" | "already_done";

/**
 * R3: sends the dossier's reminder if one is due at `now`. Returns "sent" (the slot was taken, even if
 * the gate let nobody through), "not_due", or "already_done" when another run took the slot first.
 */
export async function sendDueReminder(
  dossierId: string,
  now: Date,
): Promise<{ outcome: ReminderOutcome; recipients: string[] }> {
  const d = await db().dossier.findUnique({ where: { id: dossierId }, select: dossierSelect });
  if (!d) return { outcome: "not_due", recipients: [] };
  const open = await openRecommendations(db(), d.id);
  const due = planOf(d, open);
  const slot = due ? reminderSlot(due, d.organization.reminderDelayDays * DAY_MS, now) : null;
  if (!slot) return { outcome: "not_due", recipients: [] };
  const appUrl = env().appUrl;
  const result = await db().$transaction(async (tx) => {
    // The guard first (SQLite's write lock, PostgreSQL's row lock): still active, still the state read.
    const taken = await tx.dossier.updateMany({
      where: { id: d.id, pausedAt: null, lastReminderAt: d.lastReminderAt, remindersArmedAt: d.remindersArmedAt },
      data: { lastReminderAt: slot },
    });
    if (taken.count !== 1) return null;
    // Open recommendations read again inside the transaction: one closed meanwhile is not listed.
    const recs = await openRecommendations(tx, d.id);
    if (recs.length === 0) return [];
    const members = await tx.dossierMember.findMany({
      where: { dossierId: d.id, side: "applicant" },
      select: { userId: true, role: true },
    });
    const candidates = members
      .filter((m) => d.organization.remindersToAllApplicants || m.role === "referent")
      .map((m) => m.userId);
    // N8, P4: the one gate decides (frequency never, unsubscribe, pause, access).
    const recipients = await allowedRecipients(tx, { dossierId: d.id, kind: "reminder", candidates });
    for (const r of recipients) {
      const mail = reminderEmail(r.locale, {
        title: d.title,
        organization: d.organization.name,
        recommendations: recs.map((x) => ({ title: x.title, status: x.status as RecommendationStatus })),
        url: `${appUrl}/dossiers/${encodeURIComponent(d.id)}/recommendations`,
        weeks: Math.round(d.organization.reminderDelayDays / 7),
        unsubscribeUrl: unsubscribeUrl(r.userId),
      });
      await recordEmail(
        {
          kind: "reminder",
          template: "reminder.recommendations",
          toEmail: r.email,
          locale: r.locale,
          userId: r.userId,
          dossierId: d.id,
          organizationId: d.organization.id,
          headers: unsubscribeHeaders(r.userId),
          ...mail,
        },
        tx,
      );
    }
    return recipients.map((r) => r.userId);
  });
  if (result === null) return { outcome: "already_done", recipients: [] };
  if (result.length > 0) kickOutbox();
  return { outcome: "sent", recipients: result };
}

export type OrganizationReminderSettings = {
  organizationId: string;
  name: string;
  delayDays: number;
  toAllApplicants: boolean;
};

/** R3: the reminder settings of the organizations the actor administers (404 when none). */
export async function reminderSettings(actor: Actor): Promise<Result<OrganizationReminderSettings[]>> {
  const ids = await adminOrganizationIds(actor);
  if (ids.length === 0) return fail("not_found", actor.locale);
  const orgs = await db().organization.findMany({
    where: { id: { in: ids } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, reminderDelayDays: true, remindersToAllApplicants: true },
  });
  return ok(
    orgs.map((o) => ({
      organizationId: o.id,
      name: o.name,
      delayDays: o.reminderDelayDays,
      toAllApplicants: o.remindersToAllApplicants,
    })),
  );
}

/** R3: an admin sets the delay between reminders and who receives them; the next dates follow at once. */
export async function updateReminderSettings(
  actor: Actor,
  raw: unknown,
): Promise<Result<OrganizationReminderSettings>> {
  const parsed = reminderSettingsSchema.safeParse(raw);
  if (!parsed.success)
    return fail(
      "invalid",
      actor.locale,
      parsed.error.issues.some((i) => i.path[0] === "delayDays") ? "reminder.admin.delayInvalid" : "error.invalid",
    );
  const { organizationId, delayDays, toAllApplicants } = parsed.data;
  if (!(await canManageReminders(actor, organizationId))) return fail("not_found", actor.locale);
  const o = await db().organization.update({
    where: { id: organizationId },
    data: { reminderDelayDays: delayDays, remindersToAllApplicants: toAllApplicants },
    select: { id: true, name: true, reminderDelayDays: true, remindersToAllApplicants: true },
  });
  return ok({
    organizationId: o.id,
    name: o.name,
    delayDays: o.reminderDelayDays,
    toAllApplicants: o.remindersToAllApplicants,
  });
}
