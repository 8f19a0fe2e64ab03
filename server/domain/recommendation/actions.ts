"use server";
// Thin server actions for the Recommendations tab: the signed-in actor, then the service.
import { currentActor, currentLocale } from "../../auth/session";
import { fail } from "../../errors";
import { logger } from "../../logger";
import { changeRecommendationStatus, createRecommendation, updateRecommendation } from "./service";

async function withActor<T>(work: (actor: NonNullable<Awaited<ReturnType<typeof currentActor>>>) => Promise<T>) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", await currentLocale());
  try {
    return await work(actor);
  } catch (e) {
    logger.error("recommendation action failed", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return fail("internal", actor.locale);
  }
}

export async function createRecommendationAction(input: unknown) {
  return withActor((actor) => createRecommendation(actor, input));
}

export async function updateRecommendationAction(input: unknown) {
  return withActor((actor) => updateRecommendation(actor, input));
}

export async function changeRecommendationStatusAction(input: unknown) {
  return withActor((actor) => changeRecommendationStatus(actor, input));
}
