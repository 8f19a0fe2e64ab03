// The loop every background job shares: run now, then every interval, never two runs of one job at
// once in this process (the jobs themselves are idempotent across processes), errors logged, and a stop
// function that waits for the run in progress (clean shutdown).
import { logger } from "../logger";

export function startPeriodicJob<T>(
  name: string,
  intervalMs: number,
  run: (now: Date) => Promise<T>,
  /** What to log after a run that did something; null to stay quiet. */
  summary: (result: T) => Record<string, unknown> | null = () => null,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow run is not overlapped by this process's next tick
    running = run(new Date())
      .then((result) => {
        const fields = summary(result);
        if (fields) logger.info(name, fields);
      })
      .catch((err) =>
        logger.error(`${name} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      )
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
