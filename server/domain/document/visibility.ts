// S7: the advisor side marks a document visible to partners (or not). The event goes to the partner
// audience (partners' room and advisor side), so partner views add or drop it live.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { allows, dossierAccess } from "../dossier/policy";
import { z } from "zod";

export const DOCUMENT_PARTNER_VISIBILITY = "document.partner_visibility";
export type PartnerVisibilityPayload = {
  document: { id: string; name: string; size: number; createdAt: string };
  visible: boolean;
};

const schema = z.object({ documentId: z.string().min(1).max(64), visible: z.boolean() });

export async function setPartnerVisibility(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ visible: boolean }>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const doc = await db().document.findUnique({
    where: { id: parsed.data.documentId },
    select: { id: true, dossierId: true },
  });
  const access = doc ? await dossierAccess(actor, doc.dossierId) : null;
  if (!doc || !allows(access, "dossier.advisorSide")) return fail("not_found", actor.locale);
  const events = await db().$transaction(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, doc.dossierId, now);
    const row = await tx.document.update({
      where: { id: doc.id },
      data: { visibleToPartner: parsed.data.visible },
      select: { id: true, originalName: true, size: true, createdAt: true },
    });
    const payload: PartnerVisibilityPayload = {
      document: { id: row.id, name: row.originalName, size: row.size, createdAt: row.createdAt.toISOString() },
      visible: parsed.data.visible,
    };
    return [
      await appendEvent(tx, {
        dossierId: doc.dossierId,
        organizationId,
        seq,
        type: DOCUMENT_PARTNER_VISIBILITY,
        audience: "partners",
        actorId: actor.userId,
        payload,
        at: now,
      }),
    ];
  });
  publishAll(events);
  return ok({ visible: parsed.data.visible });
}

/** S7: the dossier's documents with their flag, for the advisor side's Partners tab. */
export async function documentsWithPartnerFlag(dossierId: string) {
  const rows = await db().document.findMany({
    where: { dossierId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: { id: true, originalName: true, visibleToPartner: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.originalName, visibleToPartner: r.visibleToPartner }));
}
