// Sending one file to a dossier's Documents tab from the browser, shared by the Documents tab and
// the recommendation form. XMLHttpRequest (unlike fetch) reports upload progress.
import { ACCEPTED_EXTENSIONS, extensionOf } from "@/server/domain/document/kinds";
import type { DocumentView } from "@/server/domain/document/events";
import { t, type Locale } from "@/server/i18n";
import type { WireError } from "@/server/realtime/contract";

export type UploadAnswer = { ok: true; document: DocumentView } | { ok: false; error: WireError };

export const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/** A quick answer before sending; the server checks again, the content too. */
export function problemBeforeUpload(locale: Locale, file: File | undefined | null, maxBytes: number): string | null {
  if (!file) return t(locale, "doc.missing");
  if (file.size === 0) return t(locale, "doc.emptyFile");
  if (file.size > maxBytes) return t(locale, "doc.tooLarge", { max: megabytes(maxBytes) });
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) return t(locale, "doc.badType");
  return null;
}

export const acceptAttribute = ACCEPTED_EXTENSIONS.map((x) => `.${x}`).join(",");

/** Resolves with the server's answer, or an error in the user's language when the network failed. */
export function uploadFile(
  locale: Locale,
  dossierId: string,
  file: File,
  onProgress: (percent: number) => void,
  /** S7: shown to every partner, to the partners of these solicitations, or to none */
  partners?: "all" | string[],
): Promise<UploadAnswer> {
  const failed: UploadAnswer = { ok: false, error: { code: "internal", message: t(locale, "doc.failed") } };
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/dossiers/${encodeURIComponent(dossierId)}/documents`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => resolve((xhr.response as UploadAnswer | null) ?? failed);
    xhr.onerror = () => resolve(failed);
    const form = new FormData();
    form.append("file", file);
    if (partners === "all") form.append("partners", "all");
    else for (const id of partners ?? []) form.append("partners", id);
    xhr.send(form);
  });
}
