"use client";
// The Recommendations tab (R1, R2): the list updates live for every viewer; the advisor side creates
// and edits, both sides move the status.
import { useState } from "react";
import type { DocumentUploadedPayload, DocumentView } from "@/server/domain/document/events";
import type { RecommendationView } from "@/server/domain/recommendation/events";
import { t, type Locale } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { EmptyState } from "../ui/EmptyState";
import { RecommendationCard } from "./RecommendationCard";
import { RecommendationForm } from "./RecommendationForm";

const RECOMMENDATION_EVENTS = new Set([
  "recommendation.created",
  "recommendation.updated",
  "recommendation.status_changed",
]);

/** Keeps the newest copy of each recommendation (by seq), newest recommendation first. */
export function upsert(list: RecommendationView[], r: RecommendationView): RecommendationView[] {
  const existing = list.find((x) => x.id === r.id);
  if (existing && existing.seq > r.seq) return list;
  const next = existing ? list.map((x) => (x.id === r.id ? r : x)) : [r, ...list];
  return next.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function RecommendationBoard({
  dossierId,
  initial,
  documents: initialDocuments,
  maxBytes,
  canEdit,
  canChangeStatus,
  locale,
}: {
  dossierId: string;
  initial: RecommendationView[];
  documents: DocumentView[];
  maxBytes: number;
  canEdit: boolean;
  canChangeStatus: boolean;
  locale: Locale;
}) {
  const [items, setItems] = useState(initial);
  const [documents, setDocuments] = useState(initialDocuments);

  useDossierEvent((e: DossierEventWire) => {
    if (RECOMMENDATION_EVENTS.has(e.type)) {
      const r = (e.payload as { recommendation?: RecommendationView }).recommendation;
      if (r) setItems((list) => upsert(list, r));
    } else if (e.type === "document.uploaded") {
      const d = (e.payload as DocumentUploadedPayload).document;
      setDocuments((list) => (list.some((x) => x.id === d.id) ? list : [d, ...list]));
    }
  });
  const apply = (r: RecommendationView) => setItems((list) => upsert(list, r));

  return (
    <section aria-labelledby="reco-heading" className="space-y-6">
      <h2 id="reco-heading" className="sr-only">
        {t(locale, "reco.heading")}
      </h2>
      {canEdit ? (
        <RecommendationForm
          mode="create"
          dossierId={dossierId}
          documents={documents}
          maxBytes={maxBytes}
          locale={locale}
          onSaved={apply}
        />
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t(locale, "reco.empty")}>
          {t(locale, canEdit ? "reco.emptyAdvisor" : "reco.emptyApplicant")}
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-live="polite" data-testid="recommendations">
          {items.map((r) => (
            <RecommendationCard
              key={r.id}
              recommendation={r}
              dossierId={dossierId}
              documents={documents}
              maxBytes={maxBytes}
              canEdit={canEdit}
              canChangeStatus={canChangeStatus}
              locale={locale}
              onSaved={apply}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
