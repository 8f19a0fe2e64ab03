// Dossier reads and the catch-up of section 5. Every function takes the actor first.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
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

/** The frame shared by every dossier tab, or null (404) when the actor may not see the dossier. */
export async function getDossierShell(actor: Actor, dossierId: string) {
  // Access (and its seq) is read first: the live channel starts from this seq, so anything the tab
  // reads afterwards is at least as new, and anything newer arrives by catch-up.
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  // P3: an applicant-side member opening any tab of the dossier is a visit (it restarts the pause clock).
  await recordApplicantVisit(access);
  const dossier = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { id: true, title: true, pausedAt: true, organization: { select: { name: true } } },
  });
  return {
    access,
    shell: { id: dossier.id, title: dossier.title, organizationName: dossier.organization.name, pausedAt: dossier.pausedAt?.toISOString() ?? null, seq: access.seq, side: access.side },
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
  const rows = await db().dossierEvent.findMany({
    where: { dossierId: access.dossierId, seq: { gt: afterSeq }, audience: { in: audiencesFor(access) } },
    orderBy: { seq: "asc" },
    take: CATCH_UP_LIMIT + 1,
    select: { dossierId: true, seq: true, type: true, payload: true, createdAt: true },
  });
  const seq = rows.length ? Math.max(access.seq, rows[rows.length - 1].seq) : access.seq;
  if (rows.length > CATCH_UP_LIMIT) return { seq, reload: true };
  return { seq, events: rows.map(toWire) };
}
