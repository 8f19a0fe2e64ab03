// S5: a partner asked for a supplement (or on-behalf entry) adds documents to the dossier, while the
// status lets partners edit. The document joins the Documents tab (event for every member) and stays
// visible to partners; the file is checked like any other upload, stored first and removed if the
// change fails or is refused.
import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { newId } from "../../db/hot";
import { env } from "../../env";
import { fail, type Result } from "../../errors";
import { t } from "../../i18n";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "../document/events";
import { checkFile, uploadSchema } from "../document/schema";
import { maxDocumentMegabytes } from "../document/service";
import { removeFile, storeFile } from "../document/storage";
import { changeDossier } from "../dossier/change";
import { partnerAccess } from "../dossier/policy";
import { INSERT_SUPPLEMENT_DOCUMENT, SUPPLEMENT_KINDS } from "./queries";

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
    where: { id: { in: access.solicitationIds }, kind: { in: SUPPLEMENT_KINDS } },
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
    // Access again under the dossier's lock: a revocation or status change that just committed wins.
    const res = await changeDossier(
      { dossierId: input.dossierId, actor, now, authorize: (q, id) => partnerAccess(actor, id, q) },
      async (ctx) => {
        if (!ctx.access.editable) ctx.refuse("not_found");
        const document: DocumentView = {
          id: newId(),
          dossierId: input.dossierId,
          name: input.name,
          mimeType: checked.mime,
          size: input.bytes.length,
          createdAt: now.toISOString(),
          uploadedBy: { id: actor.userId, name: actor.name },
        };
        await ctx.q.write(INSERT_SUPPLEMENT_DOCUMENT, [
          document.id,
          input.dossierId,
          actor.userId,
          input.name,
          key,
          checked.mime,
          input.bytes.length,
          crypto.createHash("sha256").update(input.bytes).digest("hex"),
          true,
          now,
        ]);
        const payload: DocumentUploadedPayload = { document };
        await ctx.emit(DOCUMENT_UPLOADED, payload);
        return { document };
      },
    );
    if (!res.ok) await removeFile(key);
    return res;
  } catch (e) {
    await removeFile(key);
    throw e;
  }
}
