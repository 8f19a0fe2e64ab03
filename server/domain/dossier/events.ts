// The dossier event log: every durable change appends one DossierEvent with the next per-dossier seq,
// in the change's own transaction, then publishes it after commit (section 5).
import type { Tx } from "../../db";
import type { DossierEventWire } from "../../realtime/contract";
import { publisher, type PublishedEvent } from "../../realtime/publisher";

export type Audience = "all" | "advisors" | "partners";

/**
 * Takes the next seq by incrementing the dossier's counter: the row lock serializes writers of one
 * dossier on PostgreSQL, and SQLite has one writer anyway, so seq stays gap-free and unique. Call it
 * first in the transaction so that SQLite takes its write lock before any read.
 */
export async function nextSeq(tx: Tx, dossierId: string, at: Date): Promise<{ seq: number; organizationId: string }> {
  const d = await tx.dossier.update({
    where: { id: dossierId },
    data: { seq: { increment: 1 }, lastActivityAt: at },
    select: { seq: true, organizationId: true },
  });
  return d;
}

export async function appendEvent(
  tx: Tx,
  e: { dossierId: string; organizationId: string; seq: number; type: string; audience: Audience; actorId: string | null; payload: unknown; at: Date },
): Promise<PublishedEvent> {
  await tx.dossierEvent.create({
    data: {
      dossierId: e.dossierId,
      seq: e.seq,
      type: e.type,
      audience: e.audience,
      actorId: e.actorId,
      payload: JSON.stringify(e.payload),
      createdAt: e.at,
    },
  });
  return { dossierId: e.dossierId, seq: e.seq, type: e.type, payload: e.payload, at: e.at.toISOString(), audience: e.audience, organizationId: e.organizationId };
}

export function publishAll(events: PublishedEvent[]) {
  for (const e of events) publisher().dossierEvent(e);
}

export function toWire(row: { dossierId: string; seq: number; type: string; payload: string; createdAt: Date }): DossierEventWire {
  return { dossierId: row.dossierId, seq: row.seq, type: row.type, payload: JSON.parse(row.payload), at: row.createdAt.toISOString() };
}
