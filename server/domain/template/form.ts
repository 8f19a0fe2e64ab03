// S8 (issue 16 item 4): the dossier's form, in the dossier itself. The template's applicant-view fields
// are filled by the applicant side, its internal-view fields by the advisor side; each side reads what
// it may (A4: internal fields never reach the applicant side, not even their keys). Partner-only
// fields are each solicitation's answers (X2), on its card. Changes go through changeDossier, live.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";
import { DOSSIER_FIELDS_CHANGED, type FieldsChangedPayload } from "./events";
import { FIELD_VALUE_MAX, fieldsOf, valuesOf, type FieldSection } from "./fields";
import { PARTNER_FIELDS_DESIGN, SET_FIELD_VALUES } from "./queries";

export type FormField = { key: string; label: string; section: FieldSection; value: string; editable: boolean };

/** What the access reads and writes of each section. */
function sectionRights(access: DossierAccess) {
  const advisor = access.side === "advisor";
  return {
    reads: (section: FieldSection) => section === "applicant" || (advisor && section === "internal"),
    writes: (section: FieldSection) =>
      (section === "applicant" && allows(access, "fields.applicant")) ||
      (section === "internal" && allows(access, "fields.internal")),
  };
}

/** The form's fields for this access (empty when the dossier has no template). */
export async function dossierForm(access: DossierAccess): Promise<FormField[]> {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: access.dossierId },
    select: { fieldValues: true, template: { select: { fields: true } } },
  });
  const rights = sectionRights(access);
  const values = valuesOf(d.fieldValues);
  return fieldsOf(d.template?.fields)
    .filter((f) => rights.reads(f.section))
    .map((f) => ({
      key: f.key,
      label: f.label,
      section: f.section,
      value: values[f.key] ?? "",
      editable: rights.writes(f.section),
    }));
}

export const saveDossierFieldsSchema = z.object({
  dossierId: z.string().min(1).max(64),
  values: z
    .record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.string().max(FIELD_VALUE_MAX))
    .refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 100),
});

/**
 * A member saves fields of the dossier's form: only keys of the template in a section their side
 * writes; anything else refuses the whole save. Read and written under the dossier's lock.
 */
export async function saveDossierFields(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ keys: string[] }>> {
  const parsed = saveDossierFieldsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, values: input } = parsed.data;
  return changeDossier(
    {
      dossierId,
      actor,
      now,
      authorize: async (q, id) => {
        const access = await dossierAccess(actor, id, q);
        return allows(access, "fields.applicant") || allows(access, "fields.internal") ? access : null;
      },
    },
    async (ctx) => {
      const d = await ctx.q.get<{ fields: string | null; fieldValues: string }>(PARTNER_FIELDS_DESIGN, [dossierId]);
      const sections = new Map(fieldsOf(d?.fields).map((f) => [f.key, f.section]));
      const rights = sectionRights(ctx.access);
      const keys = Object.keys(input);
      if (keys.some((k) => !sections.has(k) || !rights.writes(sections.get(k)!))) return ctx.refuse("invalid");
      const merged = { ...valuesOf(d?.fieldValues), ...input };
      await ctx.q.write(SET_FIELD_VALUES, [JSON.stringify(merged), dossierId]);
      await emitFieldsChanged(ctx, keys, sections, null);
      return { keys };
    },
  );
}

/**
 * The fields event, keys only: applicant-view keys to everyone on the dossier, the others to the
 * advisor side (A4); a partner's own answers (a solicitation) to the advisor side only.
 */
export async function emitFieldsChanged(
  ctx: ChangeContext<unknown>,
  keys: string[],
  sections: Map<string, FieldSection>,
  solicitationId: string | null,
): Promise<void> {
  const byName = ctx.actor?.name ?? "";
  const shared = solicitationId ? [] : keys.filter((k) => sections.get(k) === "applicant");
  const advisorsOnly = keys.filter((k) => !shared.includes(k));
  if (shared.length) {
    const payload: FieldsChangedPayload = { keys: shared, byName, solicitationId: null };
    await ctx.emit(DOSSIER_FIELDS_CHANGED, payload);
  }
  if (advisorsOnly.length) {
    const payload: FieldsChangedPayload = { keys: advisorsOnly, byName, solicitationId };
    await ctx.emit(DOSSIER_FIELDS_CHANGED, payload, { audience: "advisors" });
  }
}

/** The form tab refetches after a fields event (issue 16 item 4), or a 404 (A1). */
export async function dossierFormPanel(actor: Actor, raw: unknown): Promise<Result<FormField[]>> {
  const dossierId = z.string().min(1).max(64).safeParse(raw);
  if (!dossierId.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, dossierId.data);
  if (!access) return fail("not_found", actor.locale);
  return ok(await dossierForm(access));
}
