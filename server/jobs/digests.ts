// N4: the digest job. For each organization, in its time zone, it finds the daily slot (08:00 Monday to
// Friday) and the weekly slot (Monday 08:00) that are due, and sends each user on that frequency their
// digest for the slot. It takes the current time as a parameter so tests control the clock; each
// user's slot is guarded in the database (DigestRun), so running it twice, or in two processes, sends
// one digest.
import { db } from "../db";
import { sendDigest, type DigestOutcome } from "../domain/digest/service";
import { logger } from "../logger";
import { dueDigestSlot, isTimeZone, type DigestFrequency } from "./schedule";
import { startPeriodicJob } from "./periodic";

/** Often enough that a digest leaves within minutes of 08:00. */
export const DIGEST_INTERVAL_MS = 5 * 60 * 1000;
const FALLBACK_TIME_ZONE = "Europe/Paris";
const STAFF_ROLES = ["staff", "admin"];

export type DigestRunResult = Record<DigestOutcome, number>;

export async function runDigests(now: Date): Promise<DigestRunResult> {
  const result: DigestRunResult = { sent: 0, empty: 0, already_done: 0 };
  const orgs = await db().organization.findMany({
    select: { id: true, name: true, timeZone: true },
    orderBy: { id: "asc" },
  });
  for (const o of orgs) {
    const timeZone = isTimeZone(o.timeZone) ? o.timeZone : FALLBACK_TIME_ZONE;
    if (timeZone !== o.timeZone)
      logger.warn("unknown organization time zone, digests use Europe/Paris", {
        organizationId: o.id,
        timeZone: o.timeZone,
      });
    const org = { ...o, timeZone };
    for (const frequency of ["daily", "weekly"] as DigestFrequency[]) {
      const slot = dueDigestSlot(frequency, now, timeZone);
      if (!slot) continue;
      // Users on this frequency who may see a dossier of the organization (member of one, or staff).
      const users = await db().user.findMany({
        where: {
          notificationSettings: { frequency },
          OR: [
            { dossierMemberships: { some: { dossier: { organizationId: org.id } } } },
            { memberships: { some: { organizationId: org.id, role: { in: STAFF_ROLES } } } },
          ],
        },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      // Users whose slot is handled already (the job runs every few minutes for hours after 08:00).
      const done = new Set(
        (
          await db().digestRun.findMany({ where: { organizationId: org.id, slotAt: slot }, select: { userId: true } })
        ).map((r) => r.userId),
      );
      for (const u of users) {
        if (done.has(u.id)) {
          result.already_done += 1;
          continue;
        }
        try {
          result[await sendDigest(u.id, org, frequency, slot)] += 1;
        } catch (e) {
          // One user's failure does not stop the others; their slot is retried at the next tick.
          logger.error("digest failed", {
            userId: u.id,
            organizationId: org.id,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          });
        }
      }
    }
  }
  return result;
}

/** Runs the job now, then every interval; the returned function stops it and waits for a run in progress. */
export function startDigestJob(intervalMs = DIGEST_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("digests sent", intervalMs, runDigests, (r) => (r.sent > 0 ? { sent: r.sent } : null));
}
