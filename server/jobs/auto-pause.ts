// P3, P11: the automatic pause job. It pauses every active dossier that no applicant-side member has
// visited (and nobody has reactivated by hand) for longer than its organization's delay, and records
// each run. It takes the current time as a parameter so tests control the clock; each dossier is paused
// by a guarded statement, so two runs at once (two processes, or a slow run and the next tick) pause
// each dossier once.
import { runAutoPause } from "../domain/pause/service";
import { startPeriodicJob } from "./periodic";

export { runAutoPause };

export const AUTO_PAUSE_INTERVAL_MS = 60 * 60 * 1000;

/** Runs the job now, then every interval; the returned function stops it and waits for a run in progress. */
export function startAutoPauseJob(intervalMs = AUTO_PAUSE_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("auto-pause run", intervalMs, runAutoPause, (r) =>
    r.paused > 0 ? { paused: r.paused } : null,
  );
}
