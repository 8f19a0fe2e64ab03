// Template fields and the partner view design (S8): which fields a partner sees, which they may edit.
import { z } from "zod";
import { FIELD_SECTIONS, PARTNER_MODES, type FieldSection, type PartnerMode } from "./sections";

export { FIELD_SECTIONS, PARTNER_MODES, type FieldSection, type PartnerMode };

export const templateFieldSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/),
  label: z.string().trim().min(1).max(120),
  section: z.enum(FIELD_SECTIONS),
});
export type TemplateField = z.infer<typeof templateFieldSchema>;

export const partnerViewSchema = z.record(z.string(), z.enum(["read", "edit"]));

export const FIELD_VALUE_MAX = 5000;

function parse<T>(schema: z.ZodType<T>, json: string | null | undefined, fallback: T): T {
  if (!json) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

export const fieldsOf = (json: string | null | undefined) => parse(z.array(templateFieldSchema), json, []);
export const partnerViewOf = (json: string | null | undefined) => parse(partnerViewSchema, json, {});
export const valuesOf = (json: string | null | undefined) => parse(z.record(z.string(), z.string()), json, {});

export type PartnerField = { key: string; label: string; section: FieldSection; value: string; editable: boolean };
