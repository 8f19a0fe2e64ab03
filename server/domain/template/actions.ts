"use server";
// Server actions of the template area: status change (S3), template design (S8), template of a dossier.
import { currentActor } from "../../auth/session";
import { fail } from "../../errors";
import { addApprovedPartner, removeApprovedPartner, savePartnerSettings } from "../partner/directory";
import { dossierAccess } from "../dossier/policy";
import { canChangeStatus } from "./policy";
import { applyTemplate, changeWorkflowStatus, dossierFieldsForAdvisors, saveTemplate } from "./service";

export async function changeWorkflowStatusAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return changeWorkflowStatus(actor, input);
}

export async function saveTemplateAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return saveTemplate(actor, input);
}

export async function applyTemplateAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return applyTemplate(actor, input);
}

export async function addApprovedPartnerAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return addApprovedPartner(actor, input);
}

export async function removeApprovedPartnerAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return removeApprovedPartner(actor, input);
}

export async function savePartnerSettingsAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return savePartnerSettings(actor, input);
}

/** The Partners tab refetches the dossier's fields when a partner saved some (S5). */
export async function dossierFieldsAction(dossierId: unknown) {
  const actor = await currentActor();
  if (!actor || typeof dossierId !== "string" || dossierId.length > 64) return null;
  if (!canChangeStatus(await dossierAccess(actor, dossierId))) return null;
  return dossierFieldsForAdvisors(dossierId);
}
