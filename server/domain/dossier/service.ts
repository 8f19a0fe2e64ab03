// Dossier reads and the catch-up of section 5. Every function takes the actor first.
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asBool, asDate, sql } from "../../db/hot";
import { CATCH_UP_LIMIT, type DossierEventWire } from "../dossier/events";
import { allows, audienceSlots, dossierAccess, seqCap, visibleDossiersWhere, type DossierAccess } from "./policy";
import { redactEvents } from "../note/redact";
import { pauseState, recordApplicantVisit } from "../pause/service";
import { dossierConfidentiality } from "../note/service";
import { toWire } from "./events";

export async function listDossiers(actor: Actor) {
  return db().dossier.findMany({
    where: await visibleDossiersWhere(actor),
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
  `SELECT d."title" AS "title", o."name" AS "organizationName"
   FROM "Dossier" d JOIN "Organization" o ON o."id" = d."organizationId" WHERE d."id" = ?`,
);

const EVENTS_AFTER = sql(
  "dossier.eventsAfter",
  `SELECT "seq", "type", "payload", "createdAt" FROM "DossierEvent"
   WHERE "dossierId" = ? AND "seq" > ? AND "seq" <= ? AND "audience" IN (?, ?, ?) ORDER BY "seq" ASC LIMIT ?`,
);

/** The frame shared by every dossier tab, or null (404) when the actor may not see the dossier. */
export async function getDossierShell(actor: Actor, dossierId: string) {
  // Access (and its seq) is read first: the live channel starts from this seq, so anything the tab
  // reads afterwards is at least as new, and anything newer arrives by catch-up.
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  // P3: an applicant-side member opening any tab of the dossier is a visit (it restarts the pause clock).
  await recordApplicantVisit(access);
  const [dossier, confidentiality, pause] = await Promise.all([
    hot().get<{ title: string; organizationName: string }>(SHELL, [dossierId]),
    dossierConfidentiality(dossierId),
    // P1: the banner says who paused, why and since when (read only while paused).
    access.pausedAt ? pauseState(access) : null,
  ]);
  if (!dossier) return null;
  return {
    access,
    shell: {
      id: dossierId,
      title: dossier.title,
      organizationName: dossier.organizationName,
      pausedAt: access.pausedAt?.toISOString() ?? null,
      pause,
      /** P2: the banner offers "Réactiver" to those who may (the referent and staff) */
      canPause: allows(access, "dossier.pause"),
      seq: access.seq,
      side: access.side,
      /** T4: a read-only copy kept after a transfer (a banner says so) */
      readOnly: access.readOnly === true,
      /** T6: the badge */
      confidentiality,
    },
  };
}

const MEMBERS = sql(
  "dossier.members",
  `SELECT m."role" AS "role", m."holder" AS "holder", m."side" AS "side", u."id" AS "userId", u."name" AS "name", u."email" AS "email"
   FROM "DossierMember" m JOIN "User" u ON u."id" = m."userId" WHERE m."dossierId" = ? ORDER BY m."createdAt" ASC`,
);

export async function listMembers(access: DossierAccess) {
  const rows = await hot().all<{
    role: string;
    holder: unknown;
    side: string;
    userId: string;
    name: string | null;
    email: string;
  }>(MEMBERS, [access.dossierId]);
  return rows.map((r) => ({
    role: r.role,
    holder: asBool(r.holder),
    side: r.side,
    user: { id: r.userId, name: r.name, email: r.email },
  }));
}

/**
 * Events after `afterSeq` that this viewer may see, or "reload" when too far behind: never past a
 * read-only copy's snapshot (T4), and without what names an item now private to someone else (T7).
 */
export async function eventsAfter(
  access: DossierAccess,
  afterSeq: number,
): Promise<{ seq: number; events: DossierEventWire[] } | { seq: number; reload: true }> {
  const rows = await hot().all<{ seq: number; type: string; payload: string; createdAt: unknown }>(EVENTS_AFTER, [
    access.dossierId,
    afterSeq,
    seqCap(access),
    ...audienceSlots(access),
    CATCH_UP_LIMIT + 1,
  ]);
  const seq = rows.length ? Math.max(access.seq, Number(rows[rows.length - 1].seq)) : access.seq;
  if (rows.length > CATCH_UP_LIMIT) return { seq, reload: true };
  const events = rows.map((r) =>
    toWire({
      dossierId: access.dossierId,
      seq: Number(r.seq),
      type: r.type,
      payload: r.payload,
      createdAt: asDate(r.createdAt),
    }),
  );
  return { seq, events: await redactEvents(access.userId, access.dossierId, events) };
}
