// Documents: upload (checked, stored on disk, recorded with its event in one transaction) and
// download (through the policy). A file written for an upload that then fails is removed.
import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { newId } from "../../db/hot";
import { env } from "../../env";
import { fail, type AppError, type Result } from "../../errors";
import { t } from "../../i18n";
import { visibleItemsWhere } from "../note/policy";
import { supplementFilesWhere } from "../partner/visibility";
import { changeDossier, type ChangeContext, type ChangeSpec } from "../dossier/change";
import { createdBeforeWhere, dossierAccess, type DossierAccess } from "../dossier/policy";
import { reactivateOnApplicantActivity } from "../pause/service";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "./events";
import { canReadDocuments, canUploadDocument } from "./policy";
import { checkFile, partnerChoiceSchema, uploadSchema } from "./schema";
import { showToPartners } from "./visibility";
import { documentSelect as select, INSERT_DOCUMENT } from "./queries";
import { readFile, removeFile, storeFile } from "./storage";
import { displayName } from "../text";

type Row = {
  id: string;
  dossierId: string;
  originalName: string;
  mimeType: string;
  size: number;
  createdAt: Date;
  uploader: { id: string; name: string | null; email: string };
};

function toView(r: Row): DocumentView {
  return {
    id: r.id,
    dossierId: r.dossierId,
    name: r.originalName,
    mimeType: r.mimeType,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
    uploadedBy: { id: r.uploader.id, name: displayName(r.uploader) },
  };
}

export function maxDocumentMegabytes(): number {
  return Math.round((env().DOCUMENT_MAX_BYTES / (1024 * 1024)) * 10) / 10;
}

/**
 * Uploads one file to a dossier. Bad files are refused with a message in the actor's language, and
 * nothing is kept. S7: the advisor side may show it to partners on upload (`partners`: every partner of
 * the dossier, or the partners of some solicitations); the applicant side may not.
 */
export async function uploadDocument(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<{ ok: true; document: DocumentView } | { ok: false; error: AppError }> {
  const parsed = uploadSchema.safeParse(raw);
  if (!parsed.success) {
    const missing = raw && typeof raw === "object" && !((raw as { bytes?: unknown }).bytes instanceof Buffer);
    return fail("invalid", actor.locale, missing ? "doc.missing" : "doc.nameInvalid");
  }
  const input = parsed.data;
  const partners = partnerChoiceSchema.safeParse((raw as { partners?: unknown }).partners);
  if (!partners.success) return fail("invalid", actor.locale);
  // Access first: someone without access learns nothing about the file rules.
  const access = await canUploadDocument(actor, input.dossierId);
  if (!access)
    // T4: a read-only copy is told why; anyone else gets 404 (A1).
    return (await dossierAccess(actor, input.dossierId))?.readOnly
      ? fail("conflict", actor.locale, "dossier.readOnly")
      : fail("not_found", actor.locale);
  if (partners.data && access.side !== "advisor") return fail("invalid", actor.locale);
  const checked = checkFile(input.name, input.bytes, env().DOCUMENT_MAX_BYTES);
  if ("problem" in checked) {
    return {
      ok: false,
      error: { code: "invalid", message: t(actor.locale, checked.problem, { max: maxDocumentMegabytes() }) },
    };
  }

  const shown = partners.data ?? null;
  return storeDocument(
    actor,
    { ...input, mime: checked.mime, visibleToPartner: shown !== null },
    { authorize: (q, id) => canUploadDocument(actor, id, q), now },
    async (ctx, document) => {
      if (shown !== null) {
        if (ctx.access.side !== "advisor") ctx.refuse("invalid");
        await showToPartners(ctx, document, shown === "all" ? null : shown);
      }
      // P6: an upload by the applicant side is applicant activity.
      await reactivateOnApplicantActivity(ctx, "document");
    },
  ).then((res) => (res.ok ? { ok: true as const, document: res.value } : res));
}

/**
 * A checked file stored on disk, then recorded with its event in one dossier change (uploads and
 * partners' supplements). The file is removed when the change is refused or fails: nothing is kept.
 */
export async function storeDocument<A>(
  actor: Actor,
  input: {
    dossierId: string;
    name: string;
    bytes: Buffer;
    mime: string;
    visibleToPartner: boolean;
    /** X2: a partner's supplement file belongs to their solicitation */
    solicitationId?: string | null;
  },
  spec: {
    authorize: ChangeSpec<A>["authorize"];
    now: Date;
    /** how the upload is told (default: document.uploaded to every viewer of the dossier) */
    announce?: (ctx: ChangeContext<A>, document: DocumentView) => Promise<void>;
  },
  more?: (ctx: ChangeContext<A>, document: DocumentView) => Promise<void>,
): Promise<Result<DocumentView>> {
  const { now } = spec;
  const key = await storeFile(input.bytes);
  try {
    const res = await changeDossier(
      { dossierId: input.dossierId, actor, now, authorize: spec.authorize },
      async (ctx) => {
        const document: DocumentView = {
          id: newId(),
          dossierId: input.dossierId,
          name: input.name,
          mimeType: input.mime,
          size: input.bytes.length,
          createdAt: now.toISOString(),
          uploadedBy: { id: actor.userId, name: actor.name },
        };
        await ctx.q.write(INSERT_DOCUMENT, [
          document.id,
          input.dossierId,
          actor.userId,
          input.name,
          key,
          input.mime,
          input.bytes.length,
          crypto.createHash("sha256").update(input.bytes).digest("hex"),
          input.visibleToPartner,
          input.solicitationId ?? null,
          now,
        ]);
        if (spec.announce) await spec.announce(ctx, document);
        else {
          const payload: DocumentUploadedPayload = { document };
          await ctx.emit(DOCUMENT_UPLOADED, payload);
        }
        await more?.(ctx, document);
        return document;
      },
    );
    if (!res.ok) await removeFile(key);
    return res;
  } catch (e) {
    await removeFile(key);
    throw e;
  }
}

/** The Documents tab: the dossier's documents, newest first. */
export async function listDocuments(access: DossierAccess): Promise<DocumentView[]> {
  const rows = await db().document.findMany({
    // T7: a confidential document (or one a transfer left behind) exists only for the one who may see it.
    // T4: a read-only copy shows the documents it had at its transfer.
    where: {
      dossierId: access.dossierId,
      ...createdBeforeWhere(access),
      AND: [visibleItemsWhere(access.userId), supplementFilesWhere(access.userId, access.roles, access.side)],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
    take: 500,
  });
  return rows.map(toView);
}

/** A document's bytes and names for download, or null (404) when the actor may not see it. */
export async function documentForDownload(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  documentId: string,
): Promise<{ name: string; mimeType: string; bytes: Buffer } | null> {
  const access = await canReadDocuments(actor, dossierId);
  if (!access) return null;
  const doc = await db().document.findFirst({
    where: {
      id: documentId,
      dossierId,
      ...createdBeforeWhere(access),
      AND: [visibleItemsWhere(actor.userId), supplementFilesWhere(actor.userId, access.roles, access.side)],
    },
    select: { originalName: true, mimeType: true, storageKey: true },
  });
  if (!doc) return null;
  const bytes = await readFile(doc.storageKey);
  return bytes ? { name: doc.originalName, mimeType: doc.mimeType, bytes } : null;
}

/** Content-Disposition for a download: attachment, an ASCII fallback and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const fallback =
    name
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\;]/g, "_")
      .trim() || "document";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
