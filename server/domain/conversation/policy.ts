// Conversation access follows the dossier's (section 2: post a message).
import type { Actor } from "../../auth/actor";
import type { Tx } from "../../db";
import type { HotQueries } from "../../db/hot";
import { allows, dossierAccess } from "../dossier/policy";

/** The actor's access when they may post on the dossier, read in the send's transaction; else null. */
export async function canPostMessage(actor: Actor, dossierId: string, tx: Tx | HotQueries) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "message.post") ? access : null;
}
