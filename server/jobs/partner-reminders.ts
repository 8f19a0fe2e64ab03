// S6: automatic partner reminders (before and after the desired date), at start-up and then hourly.
// Idempotent through the reminder slots, so several processes may run it.
import { sendAutomaticReminders } from "../domain/solicitation/reminders";
import { startPeriodicJob } from "./periodic";

export const PARTNER_REMINDERS_INTERVAL_MS = 60 * 60 * 1000;

export function startPartnerRemindersJob(intervalMs = PARTNER_REMINDERS_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("partner reminders sent", intervalMs, sendAutomaticReminders, (n) =>
    n > 0 ? { count: n } : null,
  );
}
