// S6: automatic partner reminders (before and after the desired date), at start-up and then hourly.
// Idempotent through the reminder slots, so several processes may run it.
import { logger } from "../logger";
import { sendAutomaticReminders } from "../domain/solicitation/service";

export const PARTNER_REMINDERS_INTERVAL_MS = 60 * 60 * 1000;

export function startPartnerRemindersJob(intervalMs = PARTNER_REMINDERS_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sendAutomaticReminders(new Date())
      .then((n) => {
        if (n > 0) logger.info("partner reminders sent", { count: n });
      })
      .catch((err) => logger.error("partner reminders failed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
