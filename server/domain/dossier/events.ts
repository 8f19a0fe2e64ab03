// The dossier event log: every durable change appends one DossierEvent with the next per-dossier seq,
// in the change's own transaction, then publishes it after commit (section 5).
import { queriesOf, type Tx } from "../../db";
import { newId, sql, type HotQueries } from "../../db/hot";
import type { DossierEventWire } from "../../realtime/contract";
import { publisher, type PublishedEvent } from "../../realtime/publisher";

export type Audience = "all" | "advisors" | "partners";

const TAKE_SEQ = sql(
  "dossier.takeSeq",
  `UPDATE "Dossier" SET "seq" = "seq" + 1, "lastActivityAt" = ?, "updatedAt" = ? WHERE "id" = ?
   RETURNING "seq" AS "seq", "organizationId" AS "organizationId"`,
);

const INSERT_EVENT = sql(
  "dossier.insertEvent",
  `INSERT INTO "DossierEvent" ("id", "dossierId", "seq", "type", "audience", "actorId", "payload", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);

/**
 * Takes the next seq by incrementing the dossier's counter: the row lock serializes writers of one
 * dossier on PostgreSQL, and SQLite has one writer anyway, so seq stays gap-free and unique. Call it
 * first in the transaction so that SQLite takes its write lock before any read. Undefined when the
 * dossier does not exist.
 */
export async function takeSeq(
  q: HotQueries,
  dossierId: string,
  at: Date,
): Promise<{ seq: number; organizationId: string } | undefined> {
  const row = await q.get<{ seq: number | bigint; organizationId: string }>(TAKE_SEQ, [at, at, dossierId]);
  return row && { seq: Number(row.seq), organizationId: row.organizationId };
}

/** takeSeq for a dossier known to exist (its access was checked in the transaction). */
export async function nextSeq(
  tx: Tx | HotQueries,
  dossierId: string,
  at: Date,
): Promise<{ seq: number; organizationId: string }> {
  const taken = await takeSeq(queriesOf(tx), dossierId, at);
  if (!taken) throw new Error(`dossier ${dossierId} not found`);
  return taken;
}

export async function appendEvent(
  tx: Tx | HotQueries,
  e: {
    dossierId: string;
    organizationId: string;
    seq: number;
    type: string;
    audience: Audience;
    actorId: string | null;
    payload: unknown;
    at: Date;
  },
): Promise<PublishedEvent> {
  await queriesOf(tx).write(INSERT_EVENT, [
    newId(),
    e.dossierId,
    e.seq,
    e.type,
    e.audience,
    e.actorId,
    JSON.stringify(e.payload),
    e.at,
  ]);
  return {
    dossierId: e.dossierId,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    at: e.at.toISOString(),
    audience: e.audience,
    organizationId: e.organizationId,
  };
}

export function publishAll(events: PublishedEvent[]) {
  for (const e of events) publisher().dossierEvent(e);
}

export function toWire(row: {
  dossierId: string;
  seq: number;
  type: string;
  payload: string;
  createdAt: Date;
}): DossierEventWire {
  return {
    dossierId: row.dossierId,
    seq: row.seq,
    type: row.type,
    payload: JSON.parse(row.payload),
    at: row.createdAt.toISOString(),
  };
}
