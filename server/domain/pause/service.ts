// Pause and reactivation of a dossier (P1–P11). This file holds the part every applicant-side activity
// shares: reactivation in the same transaction as the activity (P6).
import type { Actor } from "../../auth/actor";
import type { Tx } from "../../db";
import type { PublishedEvent } from "../../realtime/publisher";
import { appendEvent, nextSeq } from "../dossier/events";
import type { DossierAccess } from "../dossier/policy";
import { DOSSIER_REACTIVATED, type ReactivationPayload } from "./events";

/**
 * P6: an applicant-side activity (message, recommendation status, upload) reactivates a paused
 * dossier. Call it inside the activity's transaction, after the activity's own event; it returns the
 * reactivation event to publish after commit (none when the dossier was active or the actor is not on
 * the applicant side). The update is guarded by "where paused", so two concurrent activities record
 * one reactivation.
 */
export async function reactivateOnApplicantActivity(
  tx: Tx,
  access: DossierAccess,
  actor: Actor,
  activity: NonNullable<ReactivationPayload["activity"]>,
  now: Date,
): Promise<PublishedEvent[]> {
  if (access.side !== "applicant") return [];
  const updated = await tx.dossier.updateMany({
    where: { id: access.dossierId, pausedAt: { not: null } },
    data: { pausedAt: null, pauseCause: null, pauseReason: null, pausedById: null, lastApplicantVisitAt: now },
  });
  if (updated.count === 0) return [];
  const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
  const payload: ReactivationPayload = { cause: "activity", byUserId: actor.userId, byName: actor.name, activity };
  return [await appendEvent(tx, { dossierId: access.dossierId, organizationId, seq, type: DOSSIER_REACTIVATED, audience: "all", actorId: actor.userId, payload, at: now })];
}
