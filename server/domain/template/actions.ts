"use server";
// Server actions of the template area: status change (S3), template design (S8), template of a dossier,
// partner-editable fields (S5, S9). Thin, through the one action builder.
import { action } from "../../auth/action";
import { savePartnerFields } from "../partner/fields";
import { applyTemplate, changeWorkflowStatus, dossierFieldsPanel, saveTemplate } from "./service";

export const changeWorkflowStatusAction = action("template.status", (actor, input: unknown) =>
  changeWorkflowStatus(actor, input),
);
export const saveTemplateAction = action("template.save", (actor, input: unknown) => saveTemplate(actor, input));
export const applyTemplateAction = action("template.apply", (actor, input: unknown) => applyTemplate(actor, input));
export const savePartnerFieldsAction = action("template.partnerFields", (actor, input: unknown) =>
  savePartnerFields(actor, input),
);

/** The Partners tab refetches the dossier's fields when a partner saved some (S5). */
export const dossierFieldsAction = action("template.fields", (actor, dossierId: unknown) =>
  dossierFieldsPanel(actor, dossierId),
);
