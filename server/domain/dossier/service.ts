// Dossier reads and the catch-up of section 5. Every function takes the actor first.
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asDate, asDateOrNull, sql } from "../../db/hot";
import { CATCH_UP_LIMIT, type DossierEventWire } from "../../realtime/contract";
import { audiencesFor, dossierAccess, visibleDossiersWhere, type DossierAccess } from "./policy";
import { recordApplicantVisit } from "../pause/service";
import { toWire } from "./events";

export async function listDossiers(actor: Actor) {
  return db().dossier.findMany({
    where: visibleDossiersWhere(actor),
    orderBy: { lastActivityAt: "desc" },
    select: {
      id: true,
      title: true,
      pausedAt: true,
      lastActivityAt: true,
      organization: { select: { name: true } },
    },
    take: 200,
  });
}

// Prepared statements (server/db/hot.ts): every dossier page reads the shell (G12), every join catches up (G7, G9).
const SHELL = sql(
  "dossier.shell",
  `SELECT d."title" AS "title", d."pausedAt" AS "pausedAt", o."name" AS "organizationName"
   FROM "Dossier" d JOIN "Organization" o ON o."id" = d."organizationId" WHERE d."id" = ?`,
);

const EVENTS_AFTER = sql(
  "dossier.eventsAfter",
  `SELECT "seq", "type", "payload", "createdAt" FROM "DossierEvent"
   WHERE "dossierId" = ? AND "seq" > ? AND "audience" IN (?, ?, ?) ORDER BY "seq" ASC LIMIT ?`,
);

/** The frame shared by every dossier tab, or null (404) when the actor may not see the dossier. */
export async function getDossierShell(actor: Actor, dossierId: string) {
  // Access (and its seq) is read first: the live channel starts from this seq, so anything the tab
  // reads afterwards is at least as new, and anything newer arrives by catch-up.
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  // P3: an applicant-side member opening any tab of the dossier is a visit (it restarts the pause clock).
  await recordApplicantVisit(access);
  const dossier = await hot().get<{ title: string; pausedAt: unknown; organizationName: string }>(SHELL, [dossierId]);
  if (!dossier) return null;
  return {
    access,
    shell: { id: dossierId, title: dossier.title, organizationName: dossier.organizationName, pausedAt: asDateOrNull(dossier.pausedAt)?.toISOString() ?? null, seq: access.seq, side: access.side },
  };
}

export async function listMembers(access: DossierAccess) {
  return db().dossierMember.findMany({
    where: { dossierId: access.dossierId },
    orderBy: { createdAt: "asc" },
    select: { role: true, holder: true, side: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** Events after `afterSeq` that this viewer may see, or "reload" when too far behind. */
export async function eventsAfter(
  access: DossierAccess,
  afterSeq: number,
): Promise<{ seq: number; events: DossierEventWire[] } | { seq: number; reload: true }> {
  // The IN list has three slots; an applicant-side viewer's one audience fills them all.
  const audiences = audiencesFor(access);
  const rows = await hot().all<{ seq: number; type: string; payload: string; createdAt: unknown }>(EVENTS_AFTER, [
    access.dossierId, afterSeq, audiences[0], audiences[1] ?? audiences[0], audiences[2] ?? audiences[0], CATCH_UP_LIMIT + 1,
  ]);
  const seq = rows.length ? Math.max(access.seq, Number(rows[rows.length - 1].seq)) : access.seq;
  if (rows.length > CATCH_UP_LIMIT) return { seq, reload: true };
  return { seq, events: rows.map((r) => toWire({ dossierId: access.dossierId, seq: Number(r.seq), type: r.type, payload: r.payload, createdAt: asDate(r.createdAt) })) };
}
