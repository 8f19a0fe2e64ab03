"use server";
// Server actions of the solicitation area: thin, they read the actor and call the service.
import { currentActor } from "../../auth/session";
import { fail } from "../../errors";
import { setPartnerVisibility } from "../document/visibility";
import { dossierAccess } from "../dossier/policy";
import { canManageSolicitations } from "./policy";
import { createSolicitation, notifyPartners, revokeSolicitation, solicitationsForPanel } from "./service";

export async function createSolicitationAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  const res = await createSolicitation(actor, input);
  // The key goes by email only: never back to the advisor's browser.
  return res.ok ? { ok: true as const, value: { solicitationId: res.value.solicitationId } } : res;
}

export async function revokeSolicitationAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return revokeSolicitation(actor, input);
}

export async function notifyPartnersAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return notifyPartners(actor, input);
}

/** The panel refetches its list when a solicitation event arrives (the events carry no answers, S11). */
export async function refreshSolicitationsAction(dossierId: unknown) {
  const actor = await currentActor();
  if (!actor || typeof dossierId !== "string" || dossierId.length > 64) return null;
  const access = await dossierAccess(actor, dossierId);
  if (!canManageSolicitations(access)) return null;
  return solicitationsForPanel(actor, access);
}

/** S7: the advisor side marks a document visible to partners, or not. */
export async function setPartnerVisibilityAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return setPartnerVisibility(actor, input);
}
