"use server";
// Server actions of the template area: status change (S3), template design (S8), template of a dossier,
// partner-editable fields (S5, S9). Thin, through the one action builder.
import { action } from "../../auth/action";
import { savePartnerFields } from "../partner/fields";
import { dossierFormPanel, saveDossierFields } from "./form";
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

/** S8 (issue 16 item 4): a member fills the dossier's form (their side's fields). */
export const saveDossierFieldsAction = action("template.dossierFields", (actor, input: unknown) =>
  saveDossierFields(actor, input),
);

/** The form tab refetches after a fields event. */
export const dossierFormAction = action("template.form", (actor, dossierId: unknown) =>
  dossierFormPanel(actor, dossierId),
);
