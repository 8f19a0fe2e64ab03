// Who may upload and download documents. Section 2 is silent: every member of both sides and staff
// of the organization may (the seed's applicants send their plans this way); anyone else gets 404.
// Advisor-only and partner-visible documents (A4, A5, S7) will narrow this.
import type { Actor } from "../../auth/actor";
import type { Tx } from "../../db";
import type { HotQueries } from "../../db/hot";
import { allows, dossierAccess } from "../dossier/policy";

export async function canUploadDocument(actor: Pick<Actor, "userId">, dossierId: string, tx?: Tx | HotQueries) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "dossier.read") ? access : null;
}

export async function canReadDocuments(actor: Pick<Actor, "userId">, dossierId: string, tx?: Tx | HotQueries) {
  const access = await dossierAccess(actor, dossierId, tx);
  return allows(access, "dossier.read") ? access : null;
}
