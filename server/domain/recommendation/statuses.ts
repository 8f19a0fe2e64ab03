// The recommendation statuses (R1), without zod so that browser code can import them.
export const RECOMMENDATION_STATUSES = [
  "proposed",
  "in_progress",
  "blocked",
  "done",
  "not_interested",
  "already_done",
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
/** R3, D1: still open (reminders, dashboard counts). */
export const OPEN_STATUSES: readonly RecommendationStatus[] = ["proposed", "in_progress"];
