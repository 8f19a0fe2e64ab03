// X1: sessions that end by time. Every minute, this process's sockets whose session has ended (idle
// timeout, lifetime, or an end whose publish was lost) are cut; every hour, rows of ended sessions go.
// Both take the clock as a parameter (sweepSessionSockets, purgeEndedSessions).
import { purgeEndedSessions } from "../domain/session/service";
import { sweepSessionSockets, type RelaisIo } from "../realtime/server";
import { startPeriodicJob } from "./periodic";

export const SESSION_SWEEP_INTERVAL_MS = 60 * 1000;
export const SESSION_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Starts both; the returned function stops them and waits for a run in progress. */
export function startSessionJobs(io: RelaisIo): () => Promise<void> {
  const stopSweep = startPeriodicJob(
    "session sweep",
    SESSION_SWEEP_INTERVAL_MS,
    (now) => sweepSessionSockets(io, now),
    (r) => (r.cut > 0 ? { cut: r.cut } : null),
  );
  const stopPurge = startPeriodicJob("session purge", SESSION_PURGE_INTERVAL_MS, purgeEndedSessions, (r) =>
    r.purged > 0 ? { purged: r.purged } : null,
  );
  return async () => {
    await Promise.all([stopSweep(), stopPurge()]);
  };
}
