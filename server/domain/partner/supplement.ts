// S5: a partner asked for a supplement (or on-behalf entry) adds documents to the dossier, while the
// status lets partners edit. The document joins the Documents tab (event for every member) and stays
// visible to partners; the file is checked like any other upload, stored first and removed if the
// change fails or is refused.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { env } from "../../env";
import { fail, type Result } from "../../errors";
import { t } from "../../i18n";
import type { DocumentView } from "../document/events";
import { checkFile, uploadSchema } from "../document/schema";
import { maxDocumentMegabytes, storeDocument } from "../document/service";
import { partnerAccess } from "../dossier/policy";
import { SUPPLEMENT_KINDS } from "./queries";

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
  // Access again under the dossier's lock: a revocation or status change that just committed wins.
  const res = await storeDocument(
    actor,
    { ...input, mime: checked.mime, visibleToPartner: true },
    {
      authorize: async (q, id) => {
        const again = await partnerAccess(actor, id, q);
        return again?.editable ? again : null;
      },
      now,
    },
  );
  return res.ok ? { ok: true, value: { document: res.value } } : res;
}
