"use server";
// Conversation settings actions (N1–N3): thin, each change saved at once.
import { currentActor } from "../../auth/session";
import { fail } from "../../errors";
import { setFrequency, setNotificationLocale, setParticipation, setParticipationForAll } from "./service";

async function withActor<T>(run: (actor: NonNullable<Awaited<ReturnType<typeof currentActor>>>) => Promise<T>) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return run(actor);
}

export async function setFrequencyAction(input: unknown) {
  return withActor((actor) => setFrequency(actor, input));
}

export async function setNotificationLocaleAction(input: unknown) {
  return withActor((actor) => setNotificationLocale(actor, input));
}

export async function setParticipationAction(input: unknown) {
  return withActor((actor) => setParticipation(actor, input));
}

export async function setParticipationForAllAction(input: unknown) {
  return withActor((actor) => setParticipationForAll(actor, input));
}
