"use client";
// Creating or editing a recommendation (R1): title, description, optional link, optional file: a
// document of the dossier, or a new file uploaded to the Documents tab first and then attached.
import { clearFile, FileInput } from "../ui/FileInput";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import type { DocumentView } from "@/server/domain/document/events";
import { createRecommendationAction, updateRecommendationAction } from "@/server/domain/recommendation/actions";
import type { RecommendationView } from "@/server/domain/recommendation/events";
import { t, type Locale } from "@/server/i18n";
import { acceptAttribute, problemBeforeUpload, uploadFile } from "../document/upload";
import { Button } from "../ui/Button";

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600";

export function RecommendationForm({
  mode,
  dossierId,
  recommendation,
  documents,
  maxBytes,
  locale,
  onSaved,
  onCancel,
}: {
  mode: "create" | "edit";
  dossierId: string;
  recommendation?: RecommendationView;
  documents: DocumentView[];
  maxBytes: number;
  locale: Locale;
  onSaved: (r: RecommendationView) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(recommendation?.title ?? "");
  const [body, setBody] = useState(recommendation?.body ?? "");
  const [link, setLink] = useState(recommendation?.link ?? "");
  const [documentId, setDocumentId] = useState(recommendation?.document?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [progress, setProgress] = useState<number | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (title.trim() === "") return setError(t(locale, "reco.titleRequired"));
    const file = fileRef.current?.files?.[0];
    const problem = file ? problemBeforeUpload(locale, file, maxBytes) : null;
    if (problem) return setError(problem);
    setError(null);
    startTransition(async () => {
      let attached = documentId;
      if (file) {
        setProgress(0);
        const uploaded = await uploadFile(locale, dossierId, file, setProgress);
        setProgress(null);
        if (!uploaded.ok) return setError(uploaded.error.message);
        attached = uploaded.document.id;
        setDocumentId(attached);
        clearFile(fileRef.current);
      }
      const fields = { title, body, link, documentId: attached };
      const res =
        mode === "create"
          ? await createRecommendationAction({ dossierId, ...fields })
          : await updateRecommendationAction({ recommendationId: recommendation!.id, ...fields });
      if (!res.ok) return setError(res.error.message);
      onSaved(res.recommendation);
      if (mode === "create") {
        setTitle("");
        setBody("");
        setLink("");
        setDocumentId("");
      }
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      aria-labelledby={`${id}-legend`}
      data-testid={`recommendation-form-${mode}`}
    >
      <h3 id={`${id}-legend`} className="font-semibold">
        {mode === "create" ? t(locale, "reco.new") : t(locale, "reco.edit")}
      </h3>
      <div>
        <label htmlFor={`${id}-title`} className="text-sm font-medium text-slate-700">
          {t(locale, "reco.title")}
        </label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          className={input}
        />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className="text-sm font-medium text-slate-700">
          {t(locale, "reco.body")}
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={3}
          maxLength={10_000}
          className={input}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-link`} className="text-sm font-medium text-slate-700">
            {t(locale, "reco.link")}
          </label>
          <input
            id={`${id}-link`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            className={input}
          />
        </div>
        <div>
          <label htmlFor={`${id}-doc`} className="text-sm font-medium text-slate-700">
            {t(locale, "reco.document")}
          </label>
          <select
            id={`${id}-doc`}
            value={documentId}
            onChange={(e) => setDocumentId(e.target.value)}
            aria-describedby={`${id}-doc-hint`}
            className={input}
          >
            <option value="">{t(locale, "reco.noDocument")}</option>
            {documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <p id={`${id}-doc-hint`} className="mt-1 text-xs text-slate-600">
            {t(locale, "reco.documentHint")}
          </p>
          <label htmlFor={`${id}-file`} className="mt-2 block text-sm font-medium text-slate-700">
            {t(locale, "reco.newFile")}
          </label>
          <FileInput
            inputRef={fileRef}
            id={`${id}-file`}
            locale={locale}
            accept={acceptAttribute}
            disabled={pending}
            className="mt-1"
          />
        </div>
      </div>
      <div className="flex items-center justify-between gap-3">
        <div id={`${id}-error`} className="text-sm">
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex gap-2">
          {onCancel ? (
            <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
              {t(locale, "reco.cancel")}
            </Button>
          ) : null}
          <Button type="submit" disabled={pending}>
            {progress !== null
              ? t(locale, "reco.uploadingFile", { percent: progress })
              : mode === "create"
                ? t(locale, pending ? "reco.creating" : "reco.create")
                : t(locale, pending ? "reco.saving" : "reco.save")}
          </Button>
        </div>
      </div>
    </form>
  );
}
