// Dossier templates (S8) and workflow statuses (S3): admins design fields, the partner view and the
// statuses; the advisor side moves a dossier between statuses. A status that hides the dossier from
// partners cuts every partner socket at once (A5).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, invalidInput, ok, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { dossierAccess } from "../dossier/policy";
import { partnersAccessChanged } from "../partner/access";
import { DOSSIER_STATUS_CHANGED, type StatusChangedPayload } from "./events";
import { fieldsOf, partnerViewOf, valuesOf } from "./fields";
import { authorizeStatusChange, canChangeStatus, isOrganizationAdmin } from "./policy";
import {
  advisorFieldsSelect,
  DOSSIER_TEMPLATE_STATUSES,
  dossierStatusesSelect,
  SET_TEMPLATE,
  SET_WORKFLOW_STATUS,
  TEMPLATE_OF_ORGANIZATION,
} from "./queries";
import { applyTemplateSchema, changeStatusSchema, saveTemplateSchema } from "./schema";
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
  // A3, X2: each partner checked again (their solicitation may choose its own stages); those who lost
  // the dossier are cut, the others' pages refetch (a page turning read-only shows it at once).
  await partnersAccessChanged(ctx);
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
    await templateChangedForPartners(actor, input.templateId);
    return ok({ templateId: input.templateId });
  }
  const row = await db().dossierTemplate.create({
    data: { ...data, organizationId: input.organizationId },
    select: { id: true },
  });
  return ok({ templateId: row.id });
}

/**
 * X2, A3: a template edited under dossiers that use it may hide their status from partners, or change
 * what they see: each such dossier with partners is a change of its own, where every partner is checked
 * again under its lock (cut when they lost it, their page refetched otherwise).
 */
async function templateChangedForPartners(actor: Actor, templateId: string, now = new Date()) {
  const dossiers = await db().dossier.findMany({
    where: { templateId, solicitations: { some: { revokedAt: null, partnerUserId: { not: null } } } },
    select: { id: true },
  });
  for (const d of dossiers)
    await changeDossier({ dossierId: d.id, actor, now, activity: false, authorize: async () => true }, (ctx) =>
      partnersAccessChanged(ctx),
    );
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

/** S5, S8: every template field of the dossier with its value, for the advisor side (A4: internal fields too). */
export async function dossierFieldsForAdvisors(dossierId: string) {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: advisorFieldsSelect,
  });
  const view = partnerViewOf(d.template?.partnerView);
  const values = valuesOf(d.fieldValues);
  // Partner-only fields are each solicitation's answers (X2), shown on its card, not values of the dossier.
  return fieldsOf(d.template?.fields)
    .filter((f) => f.section !== "partner")
    .map((f) => ({
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
