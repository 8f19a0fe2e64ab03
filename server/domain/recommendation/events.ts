// What the recommendation area publishes (R2): every change is a DossierEvent seen by all viewers.
import type { RecommendationStatus } from "./statuses";

export const RECOMMENDATION_CREATED = "recommendation.created";
export const RECOMMENDATION_UPDATED = "recommendation.updated";
export const RECOMMENDATION_STATUS_CHANGED = "recommendation.status_changed";

/** What every viewer of the Recommendations tab needs about one recommendation. */
export type RecommendationView = {
  id: string;
  dossierId: string;
  title: string;
  body: string;
  link: string | null;
  document: { id: string; name: string } | null;
  status: RecommendationStatus;
  author: { id: string; name: string };
  statusChangedAt: string;
  statusChangedBy: { id: string; name: string } | null;
  createdAt: string;
  /** seq of the last event about it: a client keeps the copy with the highest */
  seq: number;
};

export type RecommendationCreatedPayload = { recommendation: RecommendationView };
export type RecommendationUpdatedPayload = { recommendation: RecommendationView; byUserId: string; byName: string };
export type RecommendationStatusChangedPayload = {
  recommendation: RecommendationView;
  from: RecommendationStatus;
  to: RecommendationStatus;
  byUserId: string;
  byName: string;
};
