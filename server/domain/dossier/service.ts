// Dossier reads and the catch-up of section 5. Every function takes the actor first.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { CATCH_UP_LIMIT, type DossierEventWire } from "../../realtime/contract";
import { audiencesFor, dossierAccess, visibleDossiersWhere, type DossierAccess } from "./policy";
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

/** The dossier page's data, or null (404) when the actor may not see it. */
export async function getDossierPage(actor: Actor, dossierId: string, messageLimit = 50) {
  const access = await dossierAccess(actor, dossierId);
  if (!access) return null;
  const [dossier, messages] = await Promise.all([
    db().dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: {
        id: true,
        title: true,
        seq: true,
        pausedAt: true,
        organization: { select: { name: true } },
        members: {
          orderBy: { createdAt: "asc" },
          select: { role: true, holder: true, side: true, user: { select: { id: true, name: true, email: true } } },
        },
      },
    }),
    db().message.findMany({
      where: { dossierId },
      orderBy: { seq: "desc" },
      take: messageLimit,
      select: { id: true, dossierId: true, clientId: true, seq: true, body: true, createdAt: true, author: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  return {
    access,
    dossier,
    messages: messages.reverse().map((m) => ({
      id: m.id,
      dossierId: m.dossierId,
      clientId: m.clientId,
      seq: m.seq,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      author: { id: m.author.id, name: m.author.name ?? m.author.email },
    })),
  };
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
