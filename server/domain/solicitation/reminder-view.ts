// S6, S2 (issue 16): what a solicitation's card says about its reminders: each one with who sent it
// (manual, automatic, a renewed key), when the next automatic one leaves, whether Notify or "Renvoyer
// une clé" may be used now. Computed from the same schedule as the job (schedule.ts).
import { db } from "../../db";
import { displayName } from "../text";
import { nextAutomaticReminder, remindedToday, slotKind } from "./schedule";

type Row = {
  id: string;
  external: boolean;
  partnerUserId: string | null;
  keyHash: string | null;
  dueDate: Date | null;
  answeredAt: Date | null;
  revokedAt: Date | null;
  lastRemindedAt: Date | null;
  reminders: { slot: string; createdAt: Date; byUserId: string | null }[];
};

export type ReminderView = {
  canRemind: boolean;
  reminderLog: { at: string; by: "manual" | "automatic" | "key"; byName: string | null }[];
  nextAutomaticReminder: string | null;
  canRenewKey: boolean;
};

export async function reminderViews(
  organizationId: string,
  rows: Row[],
  now: Date,
): Promise<Map<string, ReminderView>> {
  const out = new Map<string, ReminderView>();
  if (rows.length === 0) return out;
  const userIds = [...new Set(rows.flatMap((r) => r.reminders.map((x) => x.byUserId)).filter((x) => x !== null))];
  const [org, users] = await Promise.all([
    db().organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { partnerReminderDaysBefore: true, partnerReminderDaysAfter: true },
    }),
    userIds.length
      ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
      : Promise.resolve([]),
  ]);
  const names = new Map(users.map((u) => [u.id, displayName(u)]));
  for (const r of rows) {
    const open = !r.answeredAt && !r.revokedAt;
    const next = nextAutomaticReminder(
      {
        ...r,
        slotsTaken: r.reminders.map((x) => x.slot),
        daysBefore: org.partnerReminderDaysBefore,
        daysAfter: org.partnerReminderDaysAfter,
      },
      now,
    );
    out.set(r.id, {
      canRemind: open && !remindedToday(r.lastRemindedAt, now),
      reminderLog: r.reminders.map((x) => ({
        at: x.createdAt.toISOString(),
        by: slotKind(x.slot),
        byName: x.byUserId ? (names.get(x.byUserId) ?? null) : null,
      })),
      nextAutomaticReminder: next?.toISOString() ?? null,
      canRenewKey: open && r.external && !r.partnerUserId && r.keyHash !== null,
    });
  }
  return out;
}
