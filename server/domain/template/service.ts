// Dossier templates (S8) and workflow statuses (S3): admins design fields, the partner view and the
// statuses; the advisor side moves a dossier between statuses. A status that hides the dossier from
// partners cuts every partner socket at once (A5).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, invalidInput, ok, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { dossierAccess, partnerAccess } from "../dossier/policy";
import { publisher } from "../ports";
import {
  DOSSIER_FIELDS_CHANGED,
  DOSSIER_STATUS_CHANGED,
  type FieldsChangedPayload,
  type StatusChangedPayload,
} from "./events";
import { fieldsOf, partnerModes, partnerViewOf, valuesOf } from "./fields";
import { authorizeStatusChange, canChangeStatus, isOrganizationAdmin } from "./policy";
import {
  advisorFieldsSelect,
  DOSSIER_TEMPLATE_STATUSES,
  dossierStatusesSelect,
  ON_BEHALF_COUNT,
  PARTNER_FIELDS_DESIGN,
  SET_FIELD_VALUES,
  SET_TEMPLATE,
  SET_WORKFLOW_STATUS,
  TEMPLATE_OF_ORGANIZATION,
} from "./queries";
import { applyTemplateSchema, changeStatusSchema, saveFieldsSchema, saveTemplateSchema } from "./schema";
import { partnerStatus, statusesOf, type WorkflowStatus } from "./statuses";

/** The statuses a dossier can take (its template's, or the built-in ones) and its current one. */
export async function dossierStatuses(
  dossierId: string,
): Promise<{ current: string; statuses: WorkflowStatus[]; templateId: string | null }> {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: dossierStatusesSelect,
  });
  return { current: d.workflowStatus, statuses: statusesOf(d.template?.statuses), templateId: d.templateId };
}

/** S3: the advisor side changes the workflow status; partners lose the dossier at once when it hides it. */
export async function changeWorkflowStatus(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ status: string }>> {
  const parsed = changeStatusSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: authorizeStatusChange(actor) }, async (ctx) => {
    const d = await ctx.q.get<{ statuses: string | null }>(DOSSIER_TEMPLATE_STATUSES, [dossierId]);
    const status = partnerStatus(parsed.data.status, d?.statuses).status;
    if (!status) return ctx.refuse("invalid");
    await ctx.q.write(SET_WORKFLOW_STATUS, [status.key, dossierId]);
    await emitStatus(ctx, status);
    return { status: parsed.data.status };
  });
}

/** The status event; a status hidden from partners cuts every partner socket after commit (S3, A5). */
async function emitStatus(ctx: ChangeContext<unknown>, status: WorkflowStatus) {
  const payload: StatusChangedPayload = {
    status: status.key,
    label: status.label,
    partnerVisible: status.partnerVisible,
    byName: ctx.actor?.name ?? "",
  };
  await ctx.emit(DOSSIER_STATUS_CHANGED, payload);
  if (!status.partnerVisible) ctx.afterCommit(() => publisher().revokePartners?.(ctx.dossierId));
}

/** S8: an admin of the organization creates or updates a template. */
export async function saveTemplate(actor: Actor, raw: unknown): Promise<Result<{ templateId: string }>> {
  const parsed = saveTemplateSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(actor.locale, parsed.error.issues);
  const input = parsed.data;
  if (!(await isOrganizationAdmin(actor, input.organizationId))) return fail("not_found", actor.locale);
  const keys = new Set(input.fields.map((f) => f.key));
  const partnerView = Object.fromEntries(
    Object.entries(input.partnerView).filter(([k, v]) => keys.has(k) && v !== "hidden"),
  );
  const data = {
    name: input.name,
    fields: JSON.stringify(input.fields),
    partnerView: JSON.stringify(partnerView),
    statuses: JSON.stringify(input.statuses),
  };
  if (input.templateId) {
    const done = await db().dossierTemplate.updateMany({
      where: { id: input.templateId, organizationId: input.organizationId },
      data,
    });
    if (done.count !== 1) return fail("not_found", actor.locale);
    return ok({ templateId: input.templateId });
  }
  const row = await db().dossierTemplate.create({
    data: { ...data, organizationId: input.organizationId },
    select: { id: true },
  });
  return ok({ templateId: row.id });
}

export async function templatesOf(organizationId: string) {
  const rows = await db().dossierTemplate.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fields: fieldsOf(r.fields),
    partnerView: partnerViewOf(r.partnerView),
    statuses: statusesOf(r.statuses),
  }));
}

/** The advisor side gives a dossier a template of its organization (or none); the status resets to the first. */
export async function applyTemplate(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ templateId: string | null }>> {
  const parsed = applyTemplateSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, templateId } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: authorizeStatusChange(actor) }, async (ctx) => {
    const template = templateId
      ? await ctx.q.get<{ id: string; statuses: string }>(TEMPLATE_OF_ORGANIZATION, [templateId, ctx.organizationId])
      : null;
    if (templateId && !template) return ctx.refuse("not_found");
    const first = statusesOf(template?.statuses)[0];
    await ctx.q.write(SET_TEMPLATE, [template?.id ?? null, first.key, dossierId]);
    await emitStatus(ctx, first);
    return { templateId: template?.id ?? null };
  });
}

/**
 * S5, S9, A5: a partner saves the fields the partner view lets them edit, while the status allows it.
 * Any other key in the input is refused, so a partner can never write an internal or hidden field.
 * The partner's access, the design and the values are read under the dossier's lock.
 */
export async function savePartnerFields(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ keys: string[] }>> {
  const parsed = saveFieldsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: (q, id) => partnerAccess(actor, id, q) }, async (ctx) => {
    if (!ctx.access.editable) return ctx.refuse("conflict", "partner.readOnly");
    const d = await ctx.q.get<{ fields: string | null; partnerView: string | null; fieldValues: string }>(
      PARTNER_FIELDS_DESIGN,
      [dossierId],
    );
    const onBehalf = await ctx.q.get<{ n: number | bigint }>(ON_BEHALF_COUNT, [dossierId, actor.userId]);
    const modes = partnerModes(d?.fields, d?.partnerView, Number(onBehalf?.n ?? 0) > 0);
    const editable = new Set([...modes].filter(([, m]) => m === "edit").map(([k]) => k));
    const keys = Object.keys(parsed.data.values);
    if (keys.length === 0 || keys.some((k) => !editable.has(k))) return ctx.refuse("invalid");
    const values = { ...valuesOf(d?.fieldValues), ...parsed.data.values };
    await ctx.q.write(SET_FIELD_VALUES, [JSON.stringify(values), dossierId]);
    const payload: FieldsChangedPayload = { keys, byName: actor.name };
    await ctx.emit(DOSSIER_FIELDS_CHANGED, payload, { audience: "advisors" });
    return { keys };
  });
}

/** S5, S8: every template field of the dossier with its value, for the advisor side (A4: internal fields too). */
export async function dossierFieldsForAdvisors(dossierId: string) {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: advisorFieldsSelect,
  });
  const view = partnerViewOf(d.template?.partnerView);
  const values = valuesOf(d.fieldValues);
  return fieldsOf(d.template?.fields).map((f) => ({
    key: f.key,
    label: f.label,
    section: f.section,
    partnerMode: view[f.key] ?? "hidden",
    value: values[f.key] ?? "",
  }));
}

/** The Partners tab's fields for the advisor side (S5), or a 404 (A1). */
export async function dossierFieldsPanel(actor: Actor, rawDossierId: unknown) {
  const dossierId = z.string().min(1).max(64).safeParse(rawDossierId);
  if (!dossierId.success) return fail("invalid", actor.locale);
  if (!canChangeStatus(await dossierAccess(actor, dossierId.data))) return fail("not_found", actor.locale);
  return ok(await dossierFieldsForAdvisors(dossierId.data));
}
