// Tests only: writes DossierEvents (and publishes them) the way a change would, to set up a dossier's
// history without going through an area's service. The app itself goes through change.ts.
import { queriesOf, type Tx } from "../db";
import type { HotQueries } from "../db/hot";
import { INSERT_EVENT, LOCK_ACTIVITY } from "../domain/dossier/queries";
import { publisher } from "../domain/ports";
import type { Audience, PublishedEvent } from "../domain/dossier/events";

export async function takeSeq(
  q: HotQueries,
  dossierId: string,
  at: Date,
): Promise<{ seq: number; organizationId: string } | undefined> {
  const row = await q.get<{ seq: number | bigint; organizationId: string }>(LOCK_ACTIVITY, [at, at, dossierId]);
  return row && { seq: Number(row.seq), organizationId: row.organizationId };
}

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
