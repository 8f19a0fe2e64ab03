// S7, X2: the advisor side shows a document to partners (every partner of the dossier, or the partners
// of some solicitations), or hides it again. The document's name goes to the advisor side only; the
// partners' room (one for every partner) gets an empty signal and each partner page refetches through
// its own filter, so a partner not chosen never learns the name.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asDate, type HotQueries } from "../../db/hot";
import { fail, ok, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { authorizeFor, dossierAccess, allows, type DossierAccess } from "../dossier/policy";
import { notifyPartnerViews } from "../partner/access";
import { supplementFilesWhere } from "../partner/visibility";
import { displayName } from "../text";
import { DOCUMENT_PARTNER_VISIBILITY, type DocumentView, type PartnerVisibilityPayload } from "./events";
import {
  CLEAR_PARTNER_SHARES,
  DOSSIER_OF_DOCUMENT,
  INSERT_PARTNER_SHARE,
  partnerFlagSelect,
  SET_PARTNER_VISIBILITY,
} from "./queries";
import { partnerVisibilitySchema } from "./schema";

type Shown = { id: string; originalName: string; size: number | bigint; createdAt: unknown };

export async function setPartnerVisibility(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ visible: boolean }>> {
  const parsed = partnerVisibilitySchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { documentId, visible } = parsed.data;
  const doc = await hot().get<{ dossierId: string }>(DOSSIER_OF_DOCUMENT, [documentId]);
  if (!doc) return fail("not_found", actor.locale);
  return changeDossier(
    { dossierId: doc.dossierId, actor, now, authorize: authorizeFor(actor, "dossier.advisorSide") },
    async (ctx) => {
      const row = await ctx.q.get<Shown>(SET_PARTNER_VISIBILITY, [visible, documentId, ctx.dossierId]);
      if (!row) return ctx.refuse("not_found");
      const solicitationIds = await sharePartners(
        ctx.q,
        documentId,
        ctx.dossierId,
        visible ? parsed.data.solicitationIds : null,
      );
      if (solicitationIds === false) return ctx.refuse("invalid");
      const payload: PartnerVisibilityPayload = {
        document: {
          id: row.id,
          name: row.originalName,
          size: Number(row.size),
          createdAt: asDate(row.createdAt).toISOString(),
        },
        visible,
        solicitationIds,
      };
      await ctx.emit(DOCUMENT_PARTNER_VISIBILITY, payload, { audience: "advisors" });
      await notifyPartnerViews(ctx);
      return { visible };
    },
  );
}

/** S7: a document just stored is shown to partners (all, or those of some solicitations) in the same change. */
export async function showToPartners(
  ctx: ChangeContext<unknown>,
  document: DocumentView,
  solicitationIds: string[] | null,
): Promise<void> {
  const chosen = await sharePartners(ctx.q, document.id, ctx.dossierId, solicitationIds);
  if (chosen === false) return ctx.refuse("invalid");
  const payload: PartnerVisibilityPayload = {
    document: { id: document.id, name: document.name, size: document.size, createdAt: document.createdAt },
    visible: true,
    solicitationIds: chosen,
  };
  await ctx.emit(DOCUMENT_PARTNER_VISIBILITY, payload, { audience: "advisors" });
  await notifyPartnerViews(ctx);
}

/**
 * S7, issue 16: which partners see a document: none given means every partner of the dossier; else only
 * the partners of these solicitations of the same dossier (any other id refuses the whole change).
 */
export async function sharePartners(
  q: HotQueries,
  documentId: string,
  dossierId: string,
  solicitationIds: string[] | null | undefined,
): Promise<string[] | null | false> {
  await q.run(CLEAR_PARTNER_SHARES, [documentId]);
  if (!solicitationIds?.length) return null;
  const unique = [...new Set(solicitationIds)];
  for (const id of unique) if ((await q.run(INSERT_PARTNER_SHARE, [documentId, id, dossierId])) !== 1) return false;
  return unique;
}

export type PartnerDocumentRow = {
  id: string;
  name: string;
  visibleToPartner: boolean;
  /** S7: the solicitations whose partners see it; empty: every partner */
  solicitationIds: string[];
  /** X2, issue 16 item 5: a partner's supplement file, seen by that partner only */
  suppliedBy: { solicitationId: string; name: string } | null;
};

/** S7, X2: the dossier's documents with what partners see of each, for the advisor side's Partners tab. */
export async function documentsWithPartnerFlag(access: DossierAccess): Promise<PartnerDocumentRow[]> {
  const rows = await db().document.findMany({
    // T7: confidential documents (restricted to one user) are never offered to partners; S11: a
    // confidential solicitation's supplement only for the advisor who asked and staff.
    where: {
      dossierId: access.dossierId,
      visibleToUserId: null,
      ...supplementFilesWhere(access.userId, access.roles, access.side),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: partnerFlagSelect,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.originalName,
    visibleToPartner: r.visibleToPartner,
    solicitationIds: r.partnerShares.map((s) => s.solicitationId),
    suppliedBy: r.solicitation
      ? {
          solicitationId: r.solicitation.id,
          name: r.solicitation.partnerUser ? displayName(r.solicitation.partnerUser) : r.solicitation.partnerEmail,
        }
      : null,
  }));
}

/** The Partners tab refetches its documents (and the partners to choose from) when a document is uploaded,
 * supplied or shared, or a solicitation changes (issue 16 item 11). */
export async function partnerDocumentsPanel(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ documents: PartnerDocumentRow[]; partners: PartnerChoice[] }>> {
  const dossierId = z.string().min(1).max(64).safeParse(raw);
  if (!dossierId.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, dossierId.data);
  if (!allows(access, "dossier.advisorSide")) return fail("not_found", actor.locale);
  const [documents, partners] = await Promise.all([documentsWithPartnerFlag(access), partnerChoices(access)]);
  return ok({ documents, partners });
}

export type PartnerChoice = { solicitationId: string; name: string; scope: string };

/** S7: the partners a document can be shown to: the dossier's live solicitations, for the advisor side. */
export async function partnerChoices(access: DossierAccess): Promise<PartnerChoice[]> {
  if (access.side !== "advisor") return [];
  const rows = await db().solicitation.findMany({
    where: { dossierId: access.dossierId, revokedAt: null },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { id: true, scope: true, partnerEmail: true, partnerUser: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    solicitationId: r.id,
    name: r.partnerUser ? displayName(r.partnerUser) : r.partnerEmail,
    scope: r.scope,
  }));
}
