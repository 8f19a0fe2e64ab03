// S5, S8, S9, X2: the fields of the partner view, and a partner's save. Fields of the applicant and
// internal views are the dossier's own values, shown per the template's design; partner-only fields are
// each solicitation's answer, stored on that solicitation, so one partner never reads or overwrites
// another's. Who may edit follows the solicitation's kind (an opinion edits nothing) and the stage.
import type { Actor } from "../../auth/actor";
import { fail, type Result } from "../../errors";
import { changeDossier } from "../dossier/change";
import { partnerAccess, type PartnerAccess } from "../dossier/policy";
import { emitFieldsChanged } from "../template/form";
import { fieldsOf, partnerViewOf, valuesOf, type PartnerField } from "../template/fields";
import { PARTNER_FIELDS_DESIGN, SET_FIELD_VALUES } from "../template/queries";
import { saveFieldsSchema } from "../template/schema";
import { SET_SOLICITATION_FIELD_VALUES, SOLICITATION_FIELD_VALUES, SUPPLEMENT_KINDS } from "./queries";

type Design = { fields: string | null | undefined; partnerView: string | null | undefined };
type Kinded = { kind: string; editable: boolean };

/** S5: the kinds whose partner supplies information (fields and files); an opinion does not. */
export const suppliesInformation = (kind: string) => SUPPLEMENT_KINDS.includes(kind);

/**
 * What the partner may edit of the dossier's own fields: the design's "edit" fields while one of their
 * supplement-kind solicitations may edit now; for on-behalf entry (S9), the whole applicant form.
 */
function sharedEditable(design: Design, solicitations: Kinded[]): Set<string> {
  const view = partnerViewOf(design.partnerView);
  const supplement = solicitations.some((s) => s.editable && suppliesInformation(s.kind));
  const onBehalf = solicitations.some((s) => s.editable && s.kind === "on_behalf");
  const out = new Set<string>();
  for (const f of fieldsOf(design.fields)) {
    if (f.section === "partner") continue;
    if ((onBehalf && f.section === "applicant") || (supplement && view[f.key] === "edit")) out.add(f.key);
  }
  return out;
}

/** A5, S8: the dossier's applicant and internal fields the design shows (on-behalf: the applicant form). */
export function sharedPartnerFields(design: Design, valuesJson: string, solicitations: Kinded[]): PartnerField[] {
  const view = partnerViewOf(design.partnerView);
  const onBehalf = solicitations.some((s) => s.kind === "on_behalf");
  const editable = sharedEditable(design, solicitations);
  const values = valuesOf(valuesJson);
  return fieldsOf(design.fields)
    .filter((f) => f.section !== "partner" && (view[f.key] || (onBehalf && f.section === "applicant")))
    .map((f) => ({
      key: f.key,
      label: f.label,
      section: f.section,
      value: values[f.key] ?? "",
      editable: editable.has(f.key),
    }));
}

/** S5, X2: one solicitation's partner-only fields with its own answers; none for an opinion. */
export function answerFields(design: Design, solicitation: Kinded & { fieldValues: string }): PartnerField[] {
  if (!suppliesInformation(solicitation.kind)) return [];
  const view = partnerViewOf(design.partnerView);
  const values = valuesOf(solicitation.fieldValues);
  return fieldsOf(design.fields)
    .filter((f) => f.section === "partner" && view[f.key])
    .map((f) => ({
      key: f.key,
      label: f.label,
      section: f.section,
      value: values[f.key] ?? "",
      editable: solicitation.editable && view[f.key] === "edit",
    }));
}

/**
 * S5, S9, X2, A5: a partner saves fields. With a solicitation: that solicitation's partner-only answers
 * (theirs, of a kind that supplies information, while its stage allows editing). Without: the dossier's
 * fields the design lets them edit. Any other key is refused, so a partner can never write an internal,
 * hidden or other partner's field. Access, design and values are read under the dossier's lock.
 */
export async function savePartnerFields(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ keys: string[] }>> {
  const parsed = saveFieldsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, solicitationId, values: input } = parsed.data;
  const keys = Object.keys(input);
  if (keys.length === 0) return fail("invalid", actor.locale);
  return changeDossier({ dossierId, actor, now, authorize: (q, id) => partnerAccess(actor, id, q) }, async (ctx) => {
    const access: PartnerAccess = ctx.access;
    const d = await ctx.q.get<{ fields: string | null; partnerView: string | null; fieldValues: string }>(
      PARTNER_FIELDS_DESIGN,
      [dossierId],
    );
    const design = { fields: d?.fields, partnerView: d?.partnerView };
    if (solicitationId) {
      const own = access.solicitations.find((s) => s.id === solicitationId);
      if (!own) return ctx.refuse("not_found");
      if (!suppliesInformation(own.kind)) return ctx.refuse("invalid");
      if (!own.editable) return ctx.refuse("conflict", "partner.readOnly");
      const row = await ctx.q.get<{ fieldValues: string }>(SOLICITATION_FIELD_VALUES, [own.id, actor.userId]);
      if (!row) return ctx.refuse("not_found");
      const allowed = new Set(
        answerFields(design, { ...own, fieldValues: row.fieldValues })
          .filter((f) => f.editable)
          .map((f) => f.key),
      );
      if (keys.some((k) => !allowed.has(k))) return ctx.refuse("invalid");
      const merged = { ...valuesOf(row.fieldValues), ...input };
      await ctx.q.write(SET_SOLICITATION_FIELD_VALUES, [JSON.stringify(merged), own.id, actor.userId]);
    } else {
      if (!access.editable) return ctx.refuse("conflict", "partner.readOnly");
      const allowed = sharedEditable(design, access.solicitations);
      if (keys.some((k) => !allowed.has(k))) return ctx.refuse("invalid");
      const merged = { ...valuesOf(d?.fieldValues), ...input };
      await ctx.q.write(SET_FIELD_VALUES, [JSON.stringify(merged), dossierId]);
    }
    const sections = new Map(fieldsOf(design.fields).map((f) => [f.key, f.section]));
    await emitFieldsChanged(ctx, keys, sections, solicitationId ?? null);
    return { keys };
  });
}
