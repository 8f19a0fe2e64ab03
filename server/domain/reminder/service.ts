// R3, P4, P10: reminders about a dossier's recommendations still proposed or in progress. The first
// leaves one delay (an organization setting, 6 weeks by default) after the oldest open recommendation
// last moved, then every delay; never while the dossier is paused; a reactivation re-arms them from its
// own date (remindersArmedAt, written by the pause service). They go to the referent, or to every
// applicant-side member when the organization says so, through the one preference gate (N8).
//
// Sending is guarded in the database: the dossier's lastReminderAt moves from the value read to the new
// slot in the transaction that records the emails, so two runs at once send one reminder. A reminder
// writes no DossierEvent: it is not a dossier change (change.ts), but one transaction on prepared
// statements.
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { env } from "../../env";
import { fail, ok, type Result } from "../../errors";
import { recordEmail } from "../outbox/queries";
import { kickOutbox } from "../ports";
import { nextReminderAt, reminderSlot } from "../digest/schedule";
import type { DossierAccess } from "../dossier/policy";
import { allowedRecipients } from "../notification/gate";
import { unsubscribeHeaders, unsubscribeUrl } from "../notification/unsubscribe";
import { OPEN_STATUSES, type RecommendationStatus } from "../recommendation/statuses";
import {
  activeWithOpenRecommendations,
  APPLICANT_MEMBERS,
  dossierSelect,
  OPEN_RECOMMENDATIONS,
  openRecommendationsWhere,
  TAKE_REMINDER_SLOT,
} from "./queries";
import { adminOrganizationIds, canManageReminders } from "./policy";
import { reminderSettingsSchema } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

type DossierRow = {
  id: string;
  title: string;
  pausedAt: Date | null;
  remindersArmedAt: Date | null;
  lastReminderAt: Date | null;
  organization: { id: string; name: string; reminderDelayDays: number; remindersToAllApplicants: boolean };
};

async function openRecommendations(dossierId: string) {
  return db().recommendation.findMany({
    where: openRecommendationsWhere(dossierId),
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
  const open = await openRecommendations(d.id);
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

/** R3, P4: the dossiers the reminder job looks at (active, with an open recommendation), by id. */
export async function dossiersToRemind(): Promise<string[]> {
  const rows = await db().dossier.findMany({
    where: activeWithOpenRecommendations,
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/**
 * R3: sends the dossier's reminder if one is due at `now`. Returns "sent" (the slot was taken, even if
 * the gate let nobody through), "not_due", or "already_done" when another run took the slot first.
 *
 * A reminder writes no DossierEvent (nothing in the dossier changes for its members): it is not a
 * dossier change, so it does not go through change.ts; the slot and the emails are one transaction
 * on prepared statements.
 */
export async function sendDueReminder(
  dossierId: string,
  now: Date,
): Promise<{ outcome: ReminderOutcome; recipients: string[] }> {
  const d = await db().dossier.findUnique({ where: { id: dossierId }, select: dossierSelect });
  if (!d) return { outcome: "not_due", recipients: [] };
  const open = await openRecommendations(d.id);
  const due = planOf(d, open);
  const slot = due ? reminderSlot(due, d.organization.reminderDelayDays * DAY_MS, now) : null;
  if (!slot) return { outcome: "not_due", recipients: [] };
  const appUrl = env().appUrl;
  const result = await hot().transaction(async (q) => {
    const taken = await q.run(TAKE_REMINDER_SLOT, [slot, d.id, d.lastReminderAt, d.remindersArmedAt]);
    if (taken !== 1) return null;
    const recs = await q.all<{ title: string; status: string }>(OPEN_RECOMMENDATIONS, [d.id, ...OPEN_STATUSES]);
    if (recs.length === 0) return [];
    const members = await q.all<{ userId: string; role: string }>(APPLICANT_MEMBERS, [d.id]);
    const candidates = members
      .filter((m) => d.organization.remindersToAllApplicants || m.role === "referent")
      .map((m) => m.userId);
    // N8, P4: the one gate decides (frequency never, unsubscribe, pause, access).
    const recipients = await allowedRecipients(q, { dossierId: d.id, kind: "reminder", candidates });
    for (const r of recipients) {
      await recordEmail(
        {
          kind: "reminder",
          template: "reminder.recommendations",
          params: {
            title: d.title,
            organization: d.organization.name,
            recommendations: recs.map((x) => ({ title: x.title, status: x.status as RecommendationStatus })),
            url: `${appUrl}/dossiers/${encodeURIComponent(d.id)}/recommendations`,
            weeks: Math.round(d.organization.reminderDelayDays / 7),
            unsubscribeUrl: unsubscribeUrl(r.userId),
          },
          toEmail: r.email,
          locale: r.locale,
          userId: r.userId,
          dossierId: d.id,
          organizationId: d.organization.id,
          headers: unsubscribeHeaders(r.userId),
        },
        q,
        now,
      );
    }
    return recipients.map((r) => r.userId);
  }, d.id);
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
