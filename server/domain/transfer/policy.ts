// Who may ask for, answer and cancel a transfer (T2, T3, A1): the holder (or staff) of the dossier, a
// coordinator of its organization, the recipient, the requester. Anyone else gets 404.
import type { Actor } from "../../auth/actor";
import { asBool, sql, type HotQueries } from "../../db/hot";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";
import { TRANSFER_BY_ID, type TransferRow } from "./queries";

const COORDINATOR_OF_DOSSIER = sql(
  "transfer.coordinatorOfDossier",
  `SELECT m."coordinator" AS "coordinator" FROM "Dossier" d
   JOIN "Membership" m ON m."organizationId" = d."organizationId" AND m."userId" = ? WHERE d."id" = ?`,
);

/** T2: the holder, or staff of the organization (section 2). */
export async function canRequestTransfer(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  q: HotQueries,
): Promise<DossierAccess | null> {
  const access = await dossierAccess(actor, dossierId, q);
  return allows(access, "dossier.transfer") ? access : null;
}

/** T3, A2: a coordinator of the dossier's organization may transfer it, without seeing it. */
export async function isCoordinatorOfDossier(actor: Pick<Actor, "userId">, dossierId: string, q: HotQueries) {
  const row = await q.get<{ coordinator: unknown }>(COORDINATOR_OF_DOSSIER, [actor.userId, dossierId]);
  return row !== undefined && asBool(row.coordinator);
}

/** The transfer, for its recipient only (T2). */
export async function transferForRecipient(actor: Pick<Actor, "userId">, transferId: string, q: HotQueries) {
  const t = await q.get<TransferRow>(TRANSFER_BY_ID, [transferId]);
  return t && t.toUserId === actor.userId ? t : null;
}

/** The transfer, for whoever asked for it or the practitioner it takes the dossier from. */
export async function transferForRequester(actor: Pick<Actor, "userId">, transferId: string, q: HotQueries) {
  const t = await q.get<TransferRow>(TRANSFER_BY_ID, [transferId]);
  return t && (t.requestedById === actor.userId || t.fromUserId === actor.userId) ? t : null;
}
