// The template area's statements (S3, S5, S8, S9) and Prisma selects.
import { sql } from "../../db/hot";

/** S3: the statuses of the dossier's template (null: the built-in ones). */
export const DOSSIER_TEMPLATE_STATUSES = sql(
  "template.dossierStatuses",
  `SELECT t."statuses" AS "statuses"
   FROM "Dossier" d LEFT JOIN "DossierTemplate" t ON t."id" = d."templateId"
   WHERE d."id" = ?`,
);

export const SET_WORKFLOW_STATUS = sql(
  "template.setWorkflowStatus",
  `UPDATE "Dossier" SET "workflowStatus" = ? WHERE "id" = ?`,
);

/** A template of the dossier's organization, or nothing. */
export const TEMPLATE_OF_ORGANIZATION = sql(
  "template.ofOrganization",
  `SELECT "id" AS "id", "statuses" AS "statuses" FROM "DossierTemplate" WHERE "id" = ? AND "organizationId" = ?`,
);

export const SET_TEMPLATE = sql(
  "template.setTemplate",
  `UPDATE "Dossier" SET "templateId" = ?, "workflowStatus" = ? WHERE "id" = ?`,
);

/** S5, S9: the design a partner's save is checked against, and the values it merges into. */
export const PARTNER_FIELDS_DESIGN = sql(
  "template.partnerFieldsDesign",
  `SELECT t."fields" AS "fields", t."partnerView" AS "partnerView", d."fieldValues" AS "fieldValues"
   FROM "Dossier" d LEFT JOIN "DossierTemplate" t ON t."id" = d."templateId"
   WHERE d."id" = ?`,
);

export const SET_FIELD_VALUES = sql("template.setFieldValues", `UPDATE "Dossier" SET "fieldValues" = ? WHERE "id" = ?`);

export const dossierStatusesSelect = {
  workflowStatus: true,
  templateId: true,
  template: { select: { statuses: true } },
} as const;

export const advisorFieldsSelect = {
  fieldValues: true,
  template: { select: { fields: true, partnerView: true } },
} as const;
