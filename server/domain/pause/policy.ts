// Who may pause and reactivate (P2, P8): the permission table decides; no access is a 404.
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db";
import type { HotQueries } from "../../db/hot";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";

/** The referent and staff of the dossier's organization (P2), or null. */
export async function canPause(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  client?: Db | Tx | HotQueries,
): Promise<DossierAccess | null> {
  const access = await dossierAccess(actor, dossierId, client);
  return allows(access, "dossier.pause") ? access : null;
}

/** P8: pausing several at once is a dashboard tool for staff only, referents included nowhere. */
export async function canPauseMany(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  client?: Db | Tx | HotQueries,
): Promise<DossierAccess | null> {
  const access = await canPause(actor, dossierId, client);
  return access && access.roles.includes("staff") ? access : null;
}
