// N4: the digest job. For each organization, in its time zone, it finds the daily slot (08:00 Monday to
// Friday) and the weekly slot (Monday 08:00) that are due, and sends each user on that frequency their
// digest for the slot. It takes the current time as a parameter so tests control the clock; each
// user's slot is guarded in the database (DigestRun), so running it twice, or in two processes, sends
// one digest.
import { runDigests } from "../domain/digest/service";
import { startPeriodicJob } from "./periodic";

export { runDigests };

/** Often enough that a digest leaves within minutes of 08:00. */
export const DIGEST_INTERVAL_MS = 5 * 60 * 1000;
/** Runs the job now, then every interval; the returned function stops it and waits for a run in progress. */
export function startDigestJob(intervalMs = DIGEST_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("digests sent", intervalMs, runDigests, (r) => (r.sent > 0 ? { sent: r.sent } : null));
}
