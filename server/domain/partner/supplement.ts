// S5: a partner asked for a supplement (or on-behalf entry) adds documents to the dossier, while the
// status lets partners edit. The document joins the Documents tab (event for every member) and stays
// visible to partners; the file is checked like any other upload.
import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { env } from "../../env";
import { fail, ok, type Result } from "../../errors";
import { t } from "../../i18n";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "../document/events";
import { checkFile, uploadSchema } from "../document/schema";
import { maxDocumentMegabytes } from "../document/service";
import { removeFile, storeFile } from "../document/storage";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { partnerAccess } from "../dossier/policy";

class Refused extends Error {}

export async function uploadSupplement(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ document: DocumentView }>> {
  const parsed = uploadSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale, "doc.missing");
  const input = parsed.data;
  const access = await partnerAccess(actor, input.dossierId);
  if (!access) return fail("not_found", actor.locale);
  const supplement = await db().solicitation.count({
    where: { id: { in: access.solicitationIds }, kind: { in: ["supplement", "both", "on_behalf"] } },
  });
  if (!supplement) return fail("not_found", actor.locale);
  if (!access.editable) return { ok: false, error: { code: "conflict", message: t(actor.locale, "partner.readOnly") } };
  const checked = checkFile(input.name, input.bytes, env().DOCUMENT_MAX_BYTES);
  if ("problem" in checked)
    return {
      ok: false,
      error: { code: "invalid", message: t(actor.locale, checked.problem, { max: maxDocumentMegabytes() }) },
    };
  const key = await storeFile(input.bytes);
  try {
    const { document, events } = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, input.dossierId, now);
      const still = await partnerAccess(actor, input.dossierId, tx);
      if (!still?.editable) throw new Refused();
      const row = await tx.document.create({
        data: {
          dossierId: input.dossierId,
          uploaderId: actor.userId,
          originalName: input.name,
          storageKey: key,
          mimeType: checked.mime,
          size: input.bytes.length,
          sha256: crypto.createHash("sha256").update(input.bytes).digest("hex"),
          visibleToPartner: true,
          createdAt: now,
        },
        select: { id: true, dossierId: true, originalName: true, mimeType: true, size: true, createdAt: true },
      });
      const document: DocumentView = {
        id: row.id,
        dossierId: row.dossierId,
        name: row.originalName,
        mimeType: row.mimeType,
        size: row.size,
        createdAt: row.createdAt.toISOString(),
        uploadedBy: { id: actor.userId, name: actor.name },
      };
      const payload: DocumentUploadedPayload = { document };
      return {
        document,
        events: [
          await appendEvent(tx, {
            dossierId: input.dossierId,
            organizationId,
            seq,
            type: DOCUMENT_UPLOADED,
            audience: "all",
            actorId: actor.userId,
            payload,
            at: now,
          }),
        ],
      };
    });
    publishAll(events);
    return ok({ document });
  } catch (e) {
    await removeFile(key);
    if (e instanceof Refused) return fail("not_found", actor.locale);
    throw e;
  }
}
