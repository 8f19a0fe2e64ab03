// S7: the advisor side marks a document visible to partners (or not). The event goes to the partner
// audience (partners' room and advisor side), so partner views add or drop it live.
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asDate } from "../../db/hot";
import { fail, type Result } from "../../errors";
import { changeDossier } from "../dossier/change";
import { authorizeFor } from "../dossier/policy";
import { DOCUMENT_PARTNER_VISIBILITY, type PartnerVisibilityPayload } from "./events";
import { DOSSIER_OF_DOCUMENT, partnerFlagSelect, SET_PARTNER_VISIBILITY } from "./queries";
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
      const payload: PartnerVisibilityPayload = {
        document: {
          id: row.id,
          name: row.originalName,
          size: Number(row.size),
          createdAt: asDate(row.createdAt).toISOString(),
        },
        visible,
      };
      await ctx.emit(DOCUMENT_PARTNER_VISIBILITY, payload, { audience: "partners" });
      return { visible };
    },
  );
}

/** S7: the dossier's documents with their flag, for the advisor side's Partners tab. */
export async function documentsWithPartnerFlag(dossierId: string) {
  const rows = await db().document.findMany({
    where: { dossierId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: partnerFlagSelect,
  });
  return rows.map((r) => ({ id: r.id, name: r.originalName, visibleToPartner: r.visibleToPartner }));
}
