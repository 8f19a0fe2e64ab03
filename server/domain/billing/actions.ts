"use server";
// Thin server actions for the Billing tab, the contact card and the proforma page: the signed-in actor,
// then the service. Kept minimal so they move as they are onto the shared action helper (issue 11).
import type { Actor } from "../../auth/actor";
import { currentActor, currentLocale } from "../../auth/session";
import { fail } from "../../errors";
import { logger } from "../../logger";
import * as billing from "./service";

async function withActor<T>(work: (actor: Actor) => Promise<T>) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", await currentLocale());
  try {
    return await work(actor);
  } catch (e) {
    logger.error("billing action failed", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return fail("internal", actor.locale);
  }
}

export async function addPartyAction(input: unknown) {
  return withActor((actor) => billing.addParty(actor, input));
}
export async function removePartyAction(input: unknown) {
  return withActor((actor) => billing.removeParty(actor, input));
}
export async function setClientActiveAction(input: unknown) {
  return withActor((actor) => billing.setClientActive(actor, input));
}
export async function setPortalSharingAction(input: unknown) {
  return withActor((actor) => billing.setPortalSharing(actor, input));
}
export async function setAllocationAction(input: unknown) {
  return withActor((actor) => billing.setAllocation(actor, input));
}
export async function createActivityAction(input: unknown) {
  return withActor((actor) => billing.createActivity(actor, input));
}
export async function moveActivitiesAction(input: unknown) {
  return withActor((actor) => billing.moveActivities(actor, input));
}
export async function createProformaAction(input: unknown) {
  return withActor((actor) => billing.createProforma(actor, input));
}
export async function cancelProformaAction(input: unknown) {
  return withActor((actor) => billing.cancelProforma(actor, input));
}
export async function validateProformaAction(input: unknown) {
  return withActor((actor) => billing.validateProforma(actor, input));
}
export async function cancelInvoiceAction(input: unknown) {
  return withActor((actor) => billing.cancelInvoice(actor, input));
}

/** K3: the quick-add "+" menu's dossiers: those the actor may bill that have an active client. */
export async function quickAddDossiersAction() {
  return withActor(async (actor) => ({ ok: true as const, value: await billing.billableDossiers(actor) }));
}

export async function setVatRateAction(input: unknown) {
  return withActor((actor) => billing.setVatRate(actor, input));
}
