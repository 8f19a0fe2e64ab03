"use client";
// The Documents tab: upload with progress (S7: the advisor side may show it to partners), and the
// dossier's documents, updated live for every viewer.
import { clearFile, FileInput } from "../ui/FileInput";
import { useId, useRef, useState, type FormEvent } from "react";
import type { DocumentUploadedPayload, DocumentView } from "@/server/domain/document/events";
import { t, type Locale } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { Button } from "../ui/Button";
import { EmptyState } from "../ui/EmptyState";
import type { PartnerChoice } from "@/server/domain/document/visibility";
import { noPartners, PartnerChooser, partnersOf, type PartnerPick } from "./PartnerChooser";
import { acceptAttribute, megabytes, problemBeforeUpload, uploadFile } from "./upload";
import { formatSize } from "./size";
import { useDates } from "@/components/i18n/Dates";

export function DocumentsPanel({
  dossierId,
  initial,
  maxBytes,
  locale,
  partners,
  sizes = {},
}: {
  dossierId: string;
  initial: DocumentView[];
  maxBytes: number;
  locale: Locale;
  /** S7: the advisor side may show an upload to partners (null: the applicant side, no choice) */
  partners: PartnerChoice[] | null;
  /** the texts of the initial documents' sizes (sizeLabels) */
  sizes?: Record<number, string>;
}) {
  const id = useId();
  const [documents, setDocuments] = useState(initial);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pick, setPick] = useState<PartnerPick>(noPartners);
  const fileRef = useRef<HTMLInputElement>(null);
  const maxMb = megabytes(maxBytes);
  const date = useDates(locale);

  const add = (d: DocumentView) => setDocuments((list) => (list.some((x) => x.id === d.id) ? list : [d, ...list]));
  useDossierEvent((e: DossierEventWire) => {
    if (e.type === "document.uploaded") add((e.payload as DocumentUploadedPayload).document);
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const file = fileRef.current?.files?.[0];
    const problem = problemBeforeUpload(locale, file, maxBytes);
    if (problem || !file) return setError(problem);
    const shown = partnersOf(pick);
    if (Array.isArray(shown) && shown.length === 0) return setError(t(locale, "doc.partner.pickOne"));
    setError(null);
    setProgress(0);
    const res = await uploadFile(locale, dossierId, file, setProgress, shown);
    setProgress(null);
    if (!res.ok) return setError(res.error.message);
    add(res.document);
    setDone(true);
    setPick(noPartners);
    clearFile(fileRef.current);
  }

  const uploading = progress !== null;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-6">
      <h2 id={`${id}-heading`} className="sr-only">
        {t(locale, "doc.heading")}
      </h2>
      <form
        onSubmit={submit}
        noValidate
        className="rounded-xl border border-slate-200 bg-white p-4"
        data-testid="document-upload"
      >
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-700">
          {t(locale, "doc.file")}
        </label>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <FileInput
            inputRef={fileRef}
            id={`${id}-file`}
            locale={locale}
            name="file"
            accept={acceptAttribute}
            disabled={uploading}
            onChange={() => {
              setError(null);
              setDone(false);
            }}
            aria-describedby={`${id}-hint ${id}-error`}
            aria-invalid={error ? true : undefined}
          />
          <Button type="submit" busy={uploading}>
            {uploading ? t(locale, "doc.uploading", { percent: progress }) : t(locale, "doc.upload")}
          </Button>
        </div>
        {uploading ? (
          <progress
            className="mt-3 block h-2 w-full"
            max={100}
            value={progress}
            aria-label={t(locale, "doc.uploading", { percent: progress })}
          />
        ) : null}
        {partners ? (
          <div className="mt-3">
            <PartnerChooser choices={partners} value={pick} onChange={setPick} locale={locale} disabled={uploading} />
          </div>
        ) : null}
        <p id={`${id}-hint`} className="mt-2 text-xs text-slate-600">
          {t(locale, "doc.hint", { max: maxMb })}
        </p>
        <div id={`${id}-error`}>
          {error ? (
            <p role="alert" className="mt-2 text-sm text-red-700" data-testid="document-error">
              {error}
            </p>
          ) : null}
          {done ? (
            <p role="status" className="mt-2 text-sm text-emerald-800">
              {t(locale, "doc.uploaded")}
            </p>
          ) : null}
        </div>
      </form>
      {documents.length === 0 ? (
        <EmptyState title={t(locale, "doc.empty")}>{t(locale, "doc.emptyHint")}</EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
          aria-live="polite"
          data-testid="documents"
        >
          {documents.map((d) => (
            <li
              key={d.id}
              data-testid="document"
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
            >
              <div className="min-w-0">
                <a
                  href={`/api/dossiers/${dossierId}/documents/${d.id}`}
                  download={d.name}
                  aria-label={t(locale, "doc.download", { name: d.name })}
                  className="break-all font-medium text-brand-700 underline"
                  data-testid="document-link"
                >
                  {d.name}
                </a>
                <p className="text-xs text-slate-600" suppressHydrationWarning>
                  {sizes[d.size] ?? formatSize(locale, d.size)} ·{" "}
                  {t(locale, "doc.uploadedBy", { name: d.uploadedBy.name, date: date(d.createdAt, "medium") })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
