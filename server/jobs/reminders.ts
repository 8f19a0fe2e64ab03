// R3: the recommendation reminder job. It looks at every active dossier with an open recommendation and
// sends the reminders that are due. It takes the current time as a parameter so tests control the
// clock; each reminder is guarded in the database, so two runs at once send it once.
import { dossiersToRemind, sendDueReminder, type ReminderOutcome } from "../domain/reminder/service";
import { logger } from "../logger";
import { startPeriodicJob } from "./periodic";

export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

export type ReminderRunResult = Record<ReminderOutcome, number> & { emails: number };

export async function runReminders(now: Date): Promise<ReminderRunResult> {
  const result: ReminderRunResult = { sent: 0, not_due: 0, already_done: 0, emails: 0 };
  // P4: paused dossiers are not even looked at.
  for (const id of await dossiersToRemind()) {
    try {
      const r = await sendDueReminder(id, now);
      result[r.outcome] += 1;
      result.emails += r.recipients.length;
    } catch (e) {
      logger.error("reminder failed", {
        dossierId: id,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  }
  return result;
}

/** Runs the job now, then every interval; the returned function stops it and waits for a run in progress. */
export function startReminderJob(intervalMs = REMINDER_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("recommendation reminders sent", intervalMs, runReminders, (r) =>
    r.emails > 0 ? { dossiers: r.sent, emails: r.emails } : null,
  );
}
