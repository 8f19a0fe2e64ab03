// The partner's side (A5, S3, S7, S10, S11): their list of solicitations, the partner view of one
// dossier, partner-visible documents, and the partner catch-up of section 5. Everything is read
// through partnerAccess: no partner ever goes through the members' visibility filter.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { CATCH_UP_LIMIT, type DossierEventWire } from "../dossier/events";
import { readFile } from "../document/storage";
import { toWire } from "../dossier/events";
import { partnerAccess, type PartnerAccess } from "../dossier/policy";
import { solicitationState } from "../solicitation/service";
import type { SolicitationState } from "../solicitation/events";
import { partnerStatus } from "../template/statuses";
import { partnerFields, type PartnerField } from "../template/fields";
import { displayName } from "../text";
import { redactEvents } from "../note/redact";

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
    open: !r.revokedAt && partnerStatus(r.dossier.workflowStatus, r.dossier.template?.statuses).visible,
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
  }[];
  documents: PartnerDocument[];
  fields: PartnerField[];
  /** S5: supplement (or on-behalf) solicitations may add documents while the status allows editing */
  canUpload: boolean;
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
        askedBy: { select: { name: true, email: true } },
      },
    }),
    db().document.findMany({
      where: { dossierId, visibleToPartner: true, visibleToUserId: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: { id: true, originalName: true, size: true, createdAt: true },
    }),
  ]);
  const status = partnerStatus(dossier.workflowStatus, dossier.template?.statuses).status;
  return {
    access,
    dossier: {
      id: dossier.id,
      title: dossier.title,
      organizationName: dossier.organization.name,
      statusLabel: status?.label ?? null,
      seq: access.seq,
    },
    solicitations: solicitations.map((s) => ({
      id: s.id,
      kind: s.kind,
      scope: s.scope,
      dueDate: s.dueDate ? s.dueDate.toISOString().slice(0, 10) : null,
      instructions: s.instructions,
      askedBy: displayName(s.askedBy),
      answeredAt: s.answeredAt?.toISOString() ?? null,
      answer: s.answeredAt ? { text: s.opinionText ?? "", fileName: s.fileName } : null,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      name: d.originalName,
      size: d.size,
      createdAt: d.createdAt.toISOString(),
    })),
    fields: dossier.template
      ? partnerFields(
          dossier.template.fields,
          dossier.template.partnerView,
          dossier.fieldValues,
          access.editable,
          solicitations.some((s) => s.kind === "on_behalf"),
        )
      : [],
    canUpload: access.editable && solicitations.some((s) => s.kind !== "opinion"),
  };
}

/** S7: a document marked visible to partner, for a partner who may see the dossier now, or null (404). */
export async function partnerDocument(actor: Pick<Actor, "userId">, dossierId: string, documentId: string) {
  if (dossierId.length > 64 || documentId.length > 64) return null;
  if (!(await partnerAccess(actor, dossierId))) return null;
  const doc = await db().document.findFirst({
    where: { id: documentId, dossierId, visibleToPartner: true, visibleToUserId: null },
    select: { originalName: true, mimeType: true, storageKey: true },
  });
  if (!doc) return null;
  const bytes = await readFile(doc.storageKey);
  return bytes ? { name: doc.originalName, mimeType: doc.mimeType, bytes } : null;
}

/** Section 5 for partners: only partner-audience events after afterSeq (their seq skips the rest). */
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
  // T7: a partner never reads the name of a document that became confidential since.
  return { seq: access.seq, events: await redactEvents(null, access.dossierId, rows.map(toWire)) };
}
