// Dossier templates (S8) and workflow statuses (S3): admins design fields, the partner view and the
// statuses; the advisor side moves a dossier between statuses. A status that hides the dossier from
// partners cuts every partner socket at once (A5).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { t } from "../../i18n";
import { publisher } from "../ports";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { dossierAccess, partnerAccess } from "../dossier/policy";
import {
  DOSSIER_FIELDS_CHANGED,
  DOSSIER_STATUS_CHANGED,
  type FieldsChangedPayload,
  type StatusChangedPayload,
} from "./events";
import { fieldsOf, partnerModes, partnerViewOf, valuesOf } from "./fields";
import { canChangeStatus, isOrganizationAdmin } from "./policy";
import { applyTemplateSchema, changeStatusSchema, saveFieldsSchema, saveTemplateSchema } from "./schema";
import { partnerStatus, statusesOf, type WorkflowStatus } from "./statuses";

/** The statuses a dossier can take (its template's, or the built-in ones) and its current one. */
export async function dossierStatuses(
  dossierId: string,
): Promise<{ current: string; statuses: WorkflowStatus[]; templateId: string | null }> {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { workflowStatus: true, templateId: true, template: { select: { statuses: true } } },
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
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!canChangeStatus(access)) return fail("not_found", actor.locale);
  const events = await db().$transaction(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
    const d = await tx.dossier.findUniqueOrThrow({
      where: { id: access.dossierId },
      select: { template: { select: { statuses: true } } },
    });
    const status = partnerStatus(parsed.data.status, d.template?.statuses).status;
    if (!status) return null;
    await tx.dossier.update({ where: { id: access.dossierId }, data: { workflowStatus: status.key } });
    const payload: StatusChangedPayload = {
      status: status.key,
      label: status.label,
      partnerVisible: status.partnerVisible,
      byName: actor.name,
    };
    return [
      await appendEvent(tx, {
        dossierId: access.dossierId,
        organizationId,
        seq,
        type: DOSSIER_STATUS_CHANGED,
        audience: "all",
        actorId: actor.userId,
        payload,
        at: now,
      }),
    ];
  });
  if (!events) return fail("invalid", actor.locale);
  publishAll(events);
  const visible = (events[0].payload as StatusChangedPayload).partnerVisible;
  if (!visible) publisher().revokePartners?.(access.dossierId);
  return ok({ status: parsed.data.status });
}

/** S8: an admin of the organization creates or updates a template. */
export async function saveTemplate(actor: Actor, raw: unknown): Promise<Result<{ templateId: string }>> {
  const parsed = saveTemplateSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
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
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!canChangeStatus(access)) return fail("not_found", actor.locale);
  const template = parsed.data.templateId
    ? await db().dossierTemplate.findFirst({
        where: { id: parsed.data.templateId, organizationId: access.organizationId },
        select: { id: true, statuses: true },
      })
    : null;
  if (parsed.data.templateId && !template) return fail("not_found", actor.locale);
  const first = statusesOf(template?.statuses)[0];
  const events = await db().$transaction(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
    await tx.dossier.update({
      where: { id: access.dossierId },
      data: { templateId: template?.id ?? null, workflowStatus: first.key },
    });
    const payload: StatusChangedPayload = {
      status: first.key,
      label: first.label,
      partnerVisible: first.partnerVisible,
      byName: actor.name,
    };
    return [
      await appendEvent(tx, {
        dossierId: access.dossierId,
        organizationId,
        seq,
        type: DOSSIER_STATUS_CHANGED,
        audience: "all",
        actorId: actor.userId,
        payload,
        at: now,
      }),
    ];
  });
  publishAll(events);
  if (!first.partnerVisible) publisher().revokePartners?.(access.dossierId);
  return ok({ templateId: template?.id ?? null });
}

/**
 * S5, S9, A5: a partner saves the fields the partner view lets them edit, while the status allows it.
 * Any other key in the input is refused, so a partner can never write an internal or hidden field.
 */
export async function savePartnerFields(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ keys: string[] }>> {
  const parsed = saveFieldsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const access = await partnerAccess(actor, parsed.data.dossierId);
  if (!access) return fail("not_found", actor.locale);
  if (!access.editable) return { ok: false, error: { code: "conflict", message: t(actor.locale, "partner.readOnly") } };
  const [d, onBehalf] = await Promise.all([
    db().dossier.findUniqueOrThrow({
      where: { id: access.dossierId },
      select: { template: { select: { fields: true, partnerView: true } } },
    }),
    db().solicitation.count({ where: { id: { in: access.solicitationIds }, kind: "on_behalf" } }),
  ]);
  const modes = partnerModes(d.template?.fields, d.template?.partnerView, onBehalf > 0);
  const editable = new Set([...modes].filter(([, m]) => m === "edit").map(([k]) => k));
  const keys = Object.keys(parsed.data.values);
  if (keys.length === 0 || keys.some((k) => !editable.has(k))) return fail("invalid", actor.locale);
  const events = await db().$transaction(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
    const still = await partnerAccess(actor, access.dossierId, tx);
    if (!still?.editable) return null;
    const row = await tx.dossier.findUniqueOrThrow({ where: { id: access.dossierId }, select: { fieldValues: true } });
    const values = { ...valuesOf(row.fieldValues), ...parsed.data.values };
    await tx.dossier.update({ where: { id: access.dossierId }, data: { fieldValues: JSON.stringify(values) } });
    const payload: FieldsChangedPayload = { keys, byName: actor.name };
    return [
      await appendEvent(tx, {
        dossierId: access.dossierId,
        organizationId,
        seq,
        type: DOSSIER_FIELDS_CHANGED,
        audience: "advisors",
        actorId: actor.userId,
        payload,
        at: now,
      }),
    ];
  });
  if (!events) return fail("not_found", actor.locale);
  publishAll(events);
  return ok({ keys });
}

/** S5, S8: every template field of the dossier with its value, for the advisor side (A4: internal fields too). */
export async function dossierFieldsForAdvisors(dossierId: string) {
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { fieldValues: true, template: { select: { fields: true, partnerView: true } } },
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
