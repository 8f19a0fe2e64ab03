// Documents: upload (checked, stored on disk, recorded with its event in one transaction) and
// download (through the policy). A file written for an upload that then fails is removed.
import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { newId } from "../../db/hot";
import { env } from "../../env";
import { fail, type AppError } from "../../errors";
import { t } from "../../i18n";
import { visibleItemsWhere } from "../note/policy";
import { changeDossier } from "../dossier/change";
import type { DossierAccess } from "../dossier/policy";
import { reactivateOnApplicantActivity } from "../pause/service";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "./events";
import { canReadDocuments, canUploadDocument } from "./policy";
import { checkFile, uploadSchema } from "./schema";
import { documentSelect as select, INSERT_DOCUMENT } from "./queries";
import { readFile, removeFile, storeFile } from "./storage";

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
    uploadedBy: { id: r.uploader.id, name: r.uploader.name ?? r.uploader.email },
  };
}

export function maxDocumentMegabytes(): number {
  return Math.round((env().DOCUMENT_MAX_BYTES / (1024 * 1024)) * 10) / 10;
}

/** Uploads one file to a dossier. Bad files are refused with a message in the actor's language, and nothing is kept. */
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
  // Access first: someone without access learns nothing about the file rules.
  if (!(await canUploadDocument(actor, input.dossierId))) return fail("not_found", actor.locale);
  const checked = checkFile(input.name, input.bytes, env().DOCUMENT_MAX_BYTES);
  if ("problem" in checked) {
    return {
      ok: false,
      error: { code: "invalid", message: t(actor.locale, checked.problem, { max: maxDocumentMegabytes() }) },
    };
  }

  const key = await storeFile(input.bytes);
  try {
    const res = await changeDossier(
      { dossierId: input.dossierId, actor, now, authorize: (q, id) => canUploadDocument(actor, id, q) },
      async (ctx) => {
        const document: DocumentView = {
          id: newId(),
          dossierId: input.dossierId,
          name: input.name,
          mimeType: checked.mime,
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
          checked.mime,
          input.bytes.length,
          crypto.createHash("sha256").update(input.bytes).digest("hex"),
          now,
        ]);
        const payload: DocumentUploadedPayload = { document };
        await ctx.emit(DOCUMENT_UPLOADED, payload);
        // P6: an upload by the applicant side is applicant activity.
        await reactivateOnApplicantActivity(ctx, "document");
        return document;
      },
    );
    if (!res.ok) {
      await removeFile(key);
      return res;
    }
    return { ok: true, document: res.value };
  } catch (e) {
    await removeFile(key);
    throw e;
  }
}

/** The Documents tab: the dossier's documents, newest first. */
export async function listDocuments(access: DossierAccess): Promise<DocumentView[]> {
  const rows = await db().document.findMany({
    // T7: a confidential document (or one a transfer left behind) exists only for the one who may see it.
    where: { dossierId: access.dossierId, ...visibleItemsWhere(access.userId) },
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
  if (!(await canReadDocuments(actor, dossierId))) return null;
  const doc = await db().document.findFirst({
    where: { id: documentId, dossierId, ...visibleItemsWhere(actor.userId) },
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
