// Template and workflow input (S3, S8), parsed at the edge.
import { z } from "zod";
import { lineText } from "../text";
import { templateFieldSchema } from "./fields";
import { workflowStatusSchema } from "./statuses";

const id = z.string().min(1).max(64);

export const changeStatusSchema = z.object({ dossierId: id, status: z.string().min(1).max(40) });

export const saveTemplateSchema = z
  .object({
    organizationId: id,
    templateId: id.nullish(),
    name: lineText(120),
    fields: z.array(templateFieldSchema).max(100),
    partnerView: z.record(z.string(), z.enum(["hidden", "read", "edit"])),
    statuses: z.array(workflowStatusSchema).min(1).max(30),
  })
  .refine((v) => new Set(v.fields.map((f) => f.key)).size === v.fields.length, { message: "duplicate field key" })
  .refine((v) => new Set(v.statuses.map((s) => s.key)).size === v.statuses.length, { message: "duplicate status key" });

export const applyTemplateSchema = z.object({ dossierId: id, templateId: id.nullable() });

export const saveFieldsSchema = z.object({
  dossierId: id,
  /** X2: a partner's own answers to the partner-only fields; absent: the dossier's fields */
  solicitationId: id.optional(),
  values: z.record(z.string().max(40), z.string().max(5000)),
});
