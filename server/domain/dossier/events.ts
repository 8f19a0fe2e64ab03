// The dossier event log's shapes (section 5): every durable change appends DossierEvents with the
// dossier's next seq in its own transaction (change.ts), then publishes them after commit. The domain
// owns these types; server/realtime/contract.ts re-exports them for the browser.

/** Who may receive an event: everyone allowed to read the dossier, its advisor side, or its partners too. */
export type Audience = "all" | "advisors" | "partners";

export type EventType =
  "message.created" | "recommendation.status_changed" | "dossier.paused" | "dossier.reactivated" | (string & {});

export type DossierEventWire = {
  dossierId: string;
  seq: number;
  type: EventType;
  payload: unknown;
  at: string;
};

/** An event as the publisher receives it: the wire shape plus what decides its rooms. */
export type PublishedEvent = DossierEventWire & { audience: Audience; organizationId: string };

/** Catch-up answers with at most this many events; further behind, the client reloads. */
export const CATCH_UP_LIMIT = 500;

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
