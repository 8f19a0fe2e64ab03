"use server";
// Server actions of the Recommendations tab: thin, through the one action builder.
import { action } from "../../auth/action";
import { changeRecommendationStatus, createRecommendation, updateRecommendation } from "./service";

export const createRecommendationAction = action("recommendation.create", (actor, input: unknown) =>
  createRecommendation(actor, input),
);
export const updateRecommendationAction = action("recommendation.update", (actor, input: unknown) =>
  updateRecommendation(actor, input),
);
export const changeRecommendationStatusAction = action("recommendation.status", (actor, input: unknown) =>
  changeRecommendationStatus(actor, input),
);
