// Who may do what with recommendations (section 2): the advisor side and staff create and edit them,
// every member of both sides and staff moves their status. Anyone else gets null (404).
import type { Actor } from "../../auth/actor";
import type { Tx } from "../../db";
import { allows, dossierAccess } from "../dossier/policy";

export async function canCreateRecommendation(actor: Actor, dossierId: string, tx?: Tx) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "recommendation.create") ? access : null;
}

export async function canChangeRecommendationStatus(actor: Actor, dossierId: string, tx?: Tx) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "recommendation.status") ? access : null;
}
