// The dossier timeline (P7, R2, T8): every event the viewer may see, newest first, with who did it.
// Filtered by audience exactly like the socket catch-up (section 5): the applicant side sees "all" only.
import { db } from "../../db";
import type { DossierEventWire } from "../dossier/events";
import { toWire } from "../dossier/events";
import { audiencesFor, seqCap, type DossierAccess } from "../dossier/policy";
import { redactEvents } from "../note/redact";

export type TimelineEntry = DossierEventWire & { actorName: string | null };

export const TIMELINE_LIMIT = 200;

export async function listTimeline(access: DossierAccess, limit = TIMELINE_LIMIT): Promise<TimelineEntry[]> {
  const rows = await db().dossierEvent.findMany({
    // T4: a read-only copy's timeline stops at its transfer.
    where: { dossierId: access.dossierId, audience: { in: audiencesFor(access) }, seq: { lte: seqCap(access) } },
    // Issue 17: by date, newest first (an event's seq is its order of writing, not always its date)
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take: limit,
    select: { dossierId: true, seq: true, type: true, payload: true, createdAt: true, actorId: true },
  });
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const users = ids.length
    ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  // Names only: other parties' emails never reach the applicant side (A4).
  const names = new Map(users.map((u) => [u.id, u.name]));
  const entries = rows.map((r) => ({ ...toWire(r), actorName: r.actorId ? (names.get(r.actorId) ?? null) : null }));
  // T7: an event naming a document that is now private to someone else is not told to this viewer.
  return redactEvents(access.userId, access.dossierId, entries);
}
