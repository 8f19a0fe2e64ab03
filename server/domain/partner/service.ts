// The partner's side (A5, S3, S7, S10, S11): their list of solicitations, the partner view of one
// dossier, partner-visible documents, and the partner catch-up of section 5. Everything is read
// through partnerAccess: no partner ever goes through the members' visibility filter.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { CATCH_UP_LIMIT, type DossierEventWire } from "../dossier/events";
import { readFile } from "../document/storage";
import { toWire } from "../dossier/events";
import { partnerAccess, type PartnerAccess } from "../dossier/policy";
import { solicitationState } from "../solicitation/service";
import { statusesOf } from "../template/statuses";
import type { SolicitationState } from "../solicitation/events";
import { stageFor } from "../solicitation/stages";
import type { PartnerField } from "../template/fields";
import { displayName } from "../text";
import { answerFields, sharedPartnerFields, suppliesInformation } from "./fields";
import { partnerDocumentsWhere } from "./visibility";

export type PartnerListRow = {
  id: string;
  dossierId: string;
  title: string;
  organizationName: string;
  scope: string;
  kind: string;
  dueDate: string | null;
  state: SolicitationState;
  /** the dossier can be opened now (attached, not revoked, status partner-visible) */
  open: boolean;
  revokedAt: string | null;
  answeredAt: string | null;
};

/** S10: every solicitation of the partner, revoked ones kept as a line saying answered or withdrawn. */
export async function partnerSolicitations(actor: Actor, now = new Date()): Promise<PartnerListRow[]> {
  const rows = await db().solicitation.findMany({
    where: { partnerUserId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      dossierId: true,
      scope: true,
      kind: true,
      dueDate: true,
      partnerUserId: true,
      answeredAt: true,
      revokedAt: true,
      partnerStages: true,
      dossier: {
        select: {
          title: true,
          workflowStatus: true,
          organization: { select: { name: true } },
          template: { select: { statuses: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossierId,
    title: r.dossier.title,
    organizationName: r.dossier.organization.name,
    scope: r.scope,
    kind: r.kind,
    dueDate: r.dueDate ? r.dueDate.toISOString().slice(0, 10) : null,
    state: solicitationState(r, now),
    open: !r.revokedAt && stageFor(r.dossier.workflowStatus, r.dossier.template?.statuses, r.partnerStages).visible,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  }));
}

export type PartnerDocument = { id: string; name: string; size: number; createdAt: string };

export type PartnerView = {
  access: PartnerAccess;
  dossier: { id: string; title: string; organizationName: string; statusLabel: string | null; seq: number };
  solicitations: {
    id: string;
    kind: string;
    scope: string;
    dueDate: string | null;
    instructions: string;
    askedBy: string;
    answeredAt: string | null;
    /** the partner's own answer, never anyone else's (S11) */
    answer: { text: string; fileName: string | null } | null;
    /** this solicitation may answer or supply now (its stage, issue 16) */
    editable: boolean;
    /** S5, X2: its own answers to the partner-only fields (none for an opinion) */
    fields: PartnerField[];
    /** S5: a supplement (or on-behalf entry) may add documents while its stage allows editing */
    canUpload: boolean;
    /** S9: the person an on-behalf entry is for, as this partner named them */
    onBehalf: { name: string; email: string } | null;
  }[];
  documents: PartnerDocument[];
  /** the dossier's applicant and internal fields the design shows */
  fields: PartnerField[];
};

/** A5: what a partner sees of a dossier, or null (404). */
export async function partnerView(actor: Actor, dossierId: string): Promise<PartnerView | null> {
  if (dossierId.length > 64) return null;
  // Access (and its seq) first: the live channel starts from it.
  const access = await partnerAccess(actor, dossierId);
  if (!access) return null;
  const [dossier, solicitations, documents] = await Promise.all([
    db().dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: {
        id: true,
        title: true,
        workflowStatus: true,
        fieldValues: true,
        organization: { select: { name: true } },
        template: { select: { statuses: true, fields: true, partnerView: true } },
      },
    }),
    db().solicitation.findMany({
      where: { id: { in: access.solicitationIds }, partnerUserId: actor.userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        scope: true,
        dueDate: true,
        instructions: true,
        answeredAt: true,
        opinionText: true,
        fileName: true,
        fieldValues: true,
        onBehalfName: true,
        onBehalfEmail: true,
        askedBy: { select: { name: true, email: true } },
      },
    }),
    db().document.findMany({
      where: partnerDocumentsWhere(dossierId, access.solicitationIds),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: { id: true, originalName: true, size: true, createdAt: true },
    }),
  ]);
  const status = statusesOf(dossier.template?.statuses).find((x) => x.key === dossier.workflowStatus) ?? null;
  const design = { fields: dossier.template?.fields, partnerView: dossier.template?.partnerView };
  const stageOf = (id: string) => access.solicitations.find((x) => x.id === id)!;
  return {
    access,
    dossier: {
      id: dossier.id,
      title: dossier.title,
      organizationName: dossier.organization.name,
      statusLabel: status?.label ?? null,
      seq: access.seq,
    },
    solicitations: solicitations.map((s) => {
      const editable = stageOf(s.id).editable;
      return {
        id: s.id,
        kind: s.kind,
        scope: s.scope,
        dueDate: s.dueDate ? s.dueDate.toISOString().slice(0, 10) : null,
        instructions: s.instructions,
        askedBy: displayName(s.askedBy),
        answeredAt: s.answeredAt?.toISOString() ?? null,
        answer: s.answeredAt ? { text: s.opinionText ?? "", fileName: s.fileName } : null,
        editable,
        fields: answerFields(design, { kind: s.kind, editable, fieldValues: s.fieldValues }),
        canUpload: editable && suppliesInformation(s.kind),
        onBehalf: s.onBehalfName ? { name: s.onBehalfName, email: s.onBehalfEmail ?? "" } : null,
      };
    }),
    documents: documents.map((d) => ({
      id: d.id,
      name: d.originalName,
      size: d.size,
      createdAt: d.createdAt.toISOString(),
    })),
    fields: sharedPartnerFields(design, dossier.fieldValues, access.solicitations),
  };
}

/**
 * S7, X2: a document shared with this partner (all partners, or their solicitation among the chosen), or
 * their own supplement, for a partner who may see the dossier now, or null (404).
 */
export async function partnerDocument(actor: Pick<Actor, "userId">, dossierId: string, documentId: string) {
  if (dossierId.length > 64 || documentId.length > 64) return null;
  const access = await partnerAccess(actor, dossierId);
  if (!access) return null;
  const doc = await db().document.findFirst({
    where: { id: documentId, ...partnerDocumentsWhere(dossierId, access.solicitationIds) },
    select: { originalName: true, mimeType: true, storageKey: true },
  });
  if (!doc) return null;
  const bytes = await readFile(doc.storageKey);
  return bytes ? { name: doc.originalName, mimeType: doc.mimeType, bytes } : null;
}

/**
 * Section 5 for partners: only partner-audience events after afterSeq (their seq skips the rest). X2:
 * one room holds every partner of the dossier, so a partner event is only a signal to refetch through
 * the partner's own filters; its payload never reaches a partner (older events carried document names).
 */
export async function partnerEventsAfter(
  access: PartnerAccess,
  afterSeq: number,
): Promise<{ seq: number; events: DossierEventWire[] } | { seq: number; reload: true }> {
  const rows = await db().dossierEvent.findMany({
    where: { dossierId: access.dossierId, seq: { gt: afterSeq }, audience: "partners" },
    orderBy: { seq: "asc" },
    take: CATCH_UP_LIMIT + 1,
    select: { dossierId: true, seq: true, type: true, payload: true, createdAt: true },
  });
  if (rows.length > CATCH_UP_LIMIT) return { seq: access.seq, reload: true };
  // X2 (and T7: a document that became confidential since): partner events reach partners without content.
  return { seq: access.seq, events: rows.map((r) => ({ ...toWire(r), payload: {} })) };
}

/** X2: whether the partner still sees the dossier (a partner page checks before refreshing). */
export async function partnerStillSees(actor: Actor, raw: unknown): Promise<Result<boolean>> {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 64) return fail("invalid", actor.locale);
  return ok((await partnerAccess(actor, raw)) !== null);
}
