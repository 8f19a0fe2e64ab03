"use client";
// One recommendation: its status (a select for those who may move it), text, link and file.
import { useId, useState, useTransition } from "react";
import type { DocumentView } from "@/server/domain/document/events";
import { changeRecommendationStatusAction } from "@/server/domain/recommendation/actions";
import type { RecommendationView } from "@/server/domain/recommendation/events";
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from "@/server/domain/recommendation/statuses";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { RecommendationForm } from "./RecommendationForm";
import { useDates } from "@/components/i18n/Dates";

const tones: Record<RecommendationStatus, "neutral" | "brand" | "warning" | "success"> = {
  proposed: "neutral",
  in_progress: "brand",
  blocked: "warning",
  done: "success",
  not_interested: "neutral",
  already_done: "success",
};

export const statusLabel = (locale: Locale, s: RecommendationStatus) => t(locale, `reco.status.${s}` as MessageKey);

export function RecommendationCard({
  recommendation: r,
  dossierId,
  documents,
  maxBytes,
  canEdit,
  canChangeStatus,
  locale,
  onSaved,
}: {
  recommendation: RecommendationView;
  dossierId: string;
  documents: DocumentView[];
  maxBytes: number;
  canEdit: boolean;
  canChangeStatus: boolean;
  locale: Locale;
  onSaved: (r: RecommendationView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // The chosen status shows at once; the committed one replaces it when the server answers.
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = useId();
  const date = useDates(locale);

  const [saved, setSaved] = useState(false);

  function changeStatus(status: string) {
    // The select is never disabled while saving (a disabled control drops keyboard focus to the page
    // body); a change made meanwhile waits for the answer instead.
    if (pending) return;
    setError(null);
    setSaved(false);
    setChosen(status);
    startTransition(async () => {
      const res = await changeRecommendationStatusAction({ recommendationId: r.id, status });
      if (res.ok) {
        onSaved(res.recommendation);
        setSaved(true);
      } else setError(res.error.message);
      setChosen(null);
    });
  }

  if (editing) {
    return (
      <li>
        <RecommendationForm
          mode="edit"
          dossierId={dossierId}
          recommendation={r}
          documents={documents}
          maxBytes={maxBytes}
          locale={locale}
          onSaved={(saved) => {
            onSaved(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li data-testid="recommendation" data-status={r.status} className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900" data-testid="recommendation-title">
            {r.title}
          </h3>
          <p className="text-xs text-slate-600">
            <span suppressHydrationWarning>
              {t(locale, "reco.by", { name: r.author.name, date: date(r.createdAt, "medium") })}
            </span>
          </p>
        </div>
        <span data-testid="recommendation-status">
          <Badge tone={tones[r.status]}>{statusLabel(locale, r.status)}</Badge>
        </span>
      </div>
      {r.body ? <p className="mt-3 whitespace-pre-wrap break-words text-sm text-slate-800">{r.body}</p> : null}
      {r.link || r.document ? (
        <ul className="mt-3 space-y-1 text-sm">
          {r.link ? (
            <li>
              <a
                href={r.link}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="break-all text-brand-700 underline"
              >
                {t(locale, "common.colon", { label: t(locale, "reco.openLink") })} {r.link}
              </a>
            </li>
          ) : null}
          {r.document ? (
            <li>
              <a
                href={`/api/dossiers/${dossierId}/documents/${r.document.id}`}
                download
                className="text-brand-700 underline"
              >
                {t(locale, "doc.download", { name: r.document.name })}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
        {canChangeStatus ? (
          <>
            <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
              {t(locale, "reco.status")}
            </label>
            <select
              id={selectId}
              value={chosen ?? r.status}
              aria-busy={pending}
              onChange={(e) => changeStatus(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              data-testid="recommendation-status-select"
            >
              {RECOMMENDATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(locale, s)}
                </option>
              ))}
            </select>
            <span className="text-xs text-slate-600" role="status" data-testid="recommendation-status-saving">
              {pending ? t(locale, "reco.statusSaving") : saved ? t(locale, "reco.statusSaved") : ""}
            </span>
          </>
        ) : null}
        {r.statusChangedBy ? (
          <span className="text-xs text-slate-600" suppressHydrationWarning>
            {t(locale, "reco.statusBy", {
              name: r.statusChangedBy.name,
              date: date(r.statusChangedAt, "medium"),
            })}
          </span>
        ) : null}
        {canEdit ? (
          <Button type="button" variant="ghost" className="ml-auto" onClick={() => setEditing(true)}>
            {t(locale, "reco.edit")}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}
