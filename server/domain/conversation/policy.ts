// Conversation access follows the dossier's (section 2: post a message).
import type { Actor } from "../../auth/actor";
import type { Tx } from "../../db";
import { allows, dossierAccess } from "../dossier/policy";

export async function canPostMessage(actor: Actor, dossierId: string, tx?: Tx) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "message.post") ? access : null;
}
