// P3, P11: the automatic pause job. It pauses every active dossier that no applicant-side member has
// visited (and nobody has reactivated by hand) for longer than its organization's delay, and records
// each run. It takes the current time as a parameter so tests control the clock; each dossier is paused
// by a guarded statement, so two runs at once (two processes, or a slow run and the next tick) pause
// each dossier once.
import { db } from "../db";
import { inactiveSince, pauseForInactivity } from "../domain/pause/service";
import { startPeriodicJob } from "./periodic";

const DAY_MS = 24 * 60 * 60 * 1000;
export const AUTO_PAUSE_INTERVAL_MS = 60 * 60 * 1000;

export type AutoPauseResult = { runId: string; paused: number; byOrganization: Record<string, number> };

/** `delayDays` overrides every organization's setting (tests, one-off runs). */
export async function runAutoPause(now: Date, opts: { delayDays?: number } = {}): Promise<AutoPauseResult> {
  const started = Date.now();
  const run = await db().autoPauseRun.create({ data: { startedAt: now }, select: { id: true } });
  const byOrganization: Record<string, number> = {};
  let paused = 0;
  try {
    const orgs = await db().organization.findMany({ select: { id: true, autoPauseDays: true } });
    for (const org of orgs) {
      const delayDays = opts.delayDays ?? org.autoPauseDays;
      const cutoff = new Date(now.getTime() - delayDays * DAY_MS);
      const candidates = await db().dossier.findMany({
        where: { organizationId: org.id, ...inactiveSince(cutoff) },
        select: { id: true },
      });
      for (const { id } of candidates) {
        if (await pauseForInactivity(id, cutoff, delayDays, now)) {
          paused += 1;
          byOrganization[org.id] = (byOrganization[org.id] ?? 0) + 1;
        }
      }
    }
  } catch (e) {
    await db().autoPauseRun.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(now.getTime() + Date.now() - started),
        pausedCount: paused,
        pausedByOrganization: JSON.stringify(byOrganization),
        error: e instanceof Error ? e.message : String(e),
      },
    });
    throw e;
  }
  await db().autoPauseRun.update({
    where: { id: run.id },
    data: {
      finishedAt: new Date(now.getTime() + Date.now() - started),
      pausedCount: paused,
      pausedByOrganization: JSON.stringify(byOrganization),
    },
  });
  return { runId: run.id, paused, byOrganization };
}

/** Runs the job now, then every interval; the returned function stops it and waits for a run in progress. */
export function startAutoPauseJob(intervalMs = AUTO_PAUSE_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("auto-pause run", intervalMs, runAutoPause, (r) =>
    r.paused > 0 ? { paused: r.paused } : null,
  );
}
