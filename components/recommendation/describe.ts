// How recommendation and document events read in words (R2: the timeline says who changed what, and
// from which status to which). Browser-safe: no server imports beyond the catalogue.
import type { DocumentUploadedPayload } from "@/server/domain/document/events";
import type {
  RecommendationStatusChangedPayload,
  RecommendationUpdatedPayload,
  RecommendationView,
} from "@/server/domain/recommendation/events";
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from "@/server/domain/recommendation/statuses";
import { t, type Locale, type MessageKey } from "@/server/i18n";

const status = (locale: Locale, s: unknown) =>
  (RECOMMENDATION_STATUSES as readonly unknown[]).includes(s)
    ? t(locale, `reco.status.${s as RecommendationStatus}` as MessageKey)
    : String(s);

/** The sentence for a recommendation.* or document.* event, or null for any other type. */
export function describeRecommendationOrDocumentEvent(
  locale: Locale,
  type: string,
  payload: unknown,
  fallbackName: string,
): string | null {
  const p = (payload ?? {}) as Partial<
    RecommendationStatusChangedPayload & RecommendationUpdatedPayload & DocumentUploadedPayload
  > & { recommendation?: RecommendationView };
  if (type === "recommendation.created" && p.recommendation)
    return t(locale, "reco.event.created", { name: p.recommendation.author.name, title: p.recommendation.title });
  if (type === "recommendation.updated" && p.recommendation)
    return t(locale, "reco.event.updated", { name: p.byName ?? fallbackName, title: p.recommendation.title });
  if (type === "recommendation.status_changed" && p.recommendation) {
    return t(locale, "reco.event.statusChanged", {
      name: p.byName ?? fallbackName,
      title: p.recommendation.title,
      from: status(locale, p.from),
      to: status(locale, p.to),
    });
  }
  if (type === "document.uploaded" && p.document)
    return t(locale, "doc.event.uploaded", { name: p.document.uploadedBy.name, file: p.document.name });
  return null;
}
