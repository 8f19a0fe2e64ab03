// Documents: upload (checked, stored on disk, recorded with its event in one transaction) and
// download (through the policy). A file written for an upload that then fails is removed.
import crypto from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { env } from "../../env";
import { fail, type AppError } from "../../errors";
import { t } from "../../i18n";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import type { DossierAccess } from "../dossier/policy";
import { reactivateOnApplicantActivity } from "../pause/service";
import { DOCUMENT_UPLOADED, type DocumentUploadedPayload, type DocumentView } from "./events";
import { canReadDocuments, canUploadDocument } from "./policy";
import { checkFile, uploadSchema } from "./schema";
import { readFile, removeFile, storeFile } from "./storage";

const select = {
  id: true,
  dossierId: true,
  originalName: true,
  mimeType: true,
  size: true,
  createdAt: true,
  uploader: { select: { id: true, name: true, email: true } },
} as const;

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

class AccessLost extends Error {}

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
    const { document, events } = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, input.dossierId, now);
      const access = await canUploadDocument(actor, input.dossierId, tx);
      if (!access) throw new AccessLost();
      const row = await tx.document.create({
        data: {
          dossierId: input.dossierId,
          uploaderId: actor.userId,
          originalName: input.name,
          storageKey: key,
          mimeType: checked.mime,
          size: input.bytes.length,
          sha256: crypto.createHash("sha256").update(input.bytes).digest("hex"),
          createdAt: now,
        },
        select,
      });
      const document = toView(row);
      const payload: DocumentUploadedPayload = { document };
      const event = await appendEvent(tx, {
        dossierId: input.dossierId,
        organizationId,
        seq,
        type: DOCUMENT_UPLOADED,
        audience: "all",
        actorId: actor.userId,
        payload,
        at: now,
      });
      // P6: an upload by the applicant side is applicant activity.
      return {
        document,
        events: [event, ...(await reactivateOnApplicantActivity(tx, access, actor, "document", now))],
      };
    });
    publishAll(events);
    return { ok: true, document };
  } catch (e) {
    await removeFile(key);
    if (e instanceof AccessLost) return fail("not_found", actor.locale);
    throw e;
  }
}

/** The Documents tab: the dossier's documents, newest first. */
export async function listDocuments(access: DossierAccess): Promise<DocumentView[]> {
  const rows = await db().document.findMany({
    where: { dossierId: access.dossierId },
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
    where: { id: documentId, dossierId },
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
