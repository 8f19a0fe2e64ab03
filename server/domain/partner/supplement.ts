// S5, X2, S11: a partner asked for a supplement (or on-behalf entry) adds documents to the dossier, while
// their solicitation's stage lets them edit. The file belongs to that solicitation: its partner and the
// advisor side see it, never another partner; a confidential solicitation's file is seen by the advisor
// who asked and staff only, so its event then carries no name. The file is checked like any other
// upload, stored first and removed if the change fails or is refused.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { asBool } from "../../db/hot";
import { env } from "../../env";
import { fail, type Result } from "../../errors";
import { t } from "../../i18n";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "../document/events";
import { checkFile, uploadSchema } from "../document/schema";
import { maxDocumentMegabytes, storeDocument } from "../document/service";
import { partnerAccess, type PartnerAccess } from "../dossier/policy";
import { SUPPLEMENT_UPLOADED, type SupplementUploadedPayload } from "./events";
import { suppliesInformation } from "./fields";
import { SOLICITATION_CONFIDENTIAL } from "./queries";

const supplementSchema = uploadSchema.extend({ solicitationId: z.string().min(1).max(64).optional() });

/** The solicitation the file answers: the one named, else the partner's first that supplies information. */
function target(access: PartnerAccess, solicitationId: string | undefined) {
  const own = access.solicitations.filter((s) => suppliesInformation(s.kind));
  return solicitationId ? own.find((s) => s.id === solicitationId) : (own.find((s) => s.editable) ?? own[0]);
}

export async function uploadSupplement(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ document: DocumentView }>> {
  const parsed = supplementSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale, "doc.missing");
  const input = parsed.data;
  const access = await partnerAccess(actor, input.dossierId);
  const own = access ? target(access, input.solicitationId) : undefined;
  if (!access || !own) return fail("not_found", actor.locale);
  if (!own.editable) return { ok: false, error: { code: "conflict", message: t(actor.locale, "partner.readOnly") } };
  const checked = checkFile(input.name, input.bytes, env().DOCUMENT_MAX_BYTES);
  if ("problem" in checked)
    return {
      ok: false,
      error: { code: "invalid", message: t(actor.locale, checked.problem, { max: maxDocumentMegabytes() }) },
    };
  // Access again under the dossier's lock: a revocation or stage change that just committed wins.
  const res = await storeDocument(
    actor,
    { ...input, mime: checked.mime, visibleToPartner: false, solicitationId: own.id },
    {
      authorize: async (q, id) => {
        const again = await partnerAccess(actor, id, q);
        return again?.solicitations.some((s) => s.id === own.id && s.editable) ? again : null;
      },
      now,
      announce: async (ctx, document) => {
        const row = await ctx.q.get<{ confidential: unknown }>(SOLICITATION_CONFIDENTIAL, [own.id]);
        const confidential = asBool(row?.confidential);
        // S11: a confidential answer's file is not announced by name to the whole dossier.
        if (!confidential) {
          const payload: DocumentUploadedPayload = { document };
          await ctx.emit(DOCUMENT_UPLOADED, payload);
        }
        const supplied: SupplementUploadedPayload = { solicitationId: own.id };
        await ctx.emit(SUPPLEMENT_UPLOADED, supplied, { audience: "advisors" });
      },
    },
  );
  return res.ok ? { ok: true, value: { document: res.value } } : res;
}
