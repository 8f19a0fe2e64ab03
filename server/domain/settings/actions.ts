"use server";
// Conversation settings actions (N1–N3): thin, each change saved at once, through the one action builder.
import { action } from "../../auth/action";
import { setFrequency, setNotificationLocale, setParticipation, setParticipationForAll } from "./service";

export const setFrequencyAction = action("settings.frequency", (actor, input: unknown) => setFrequency(actor, input));
export const setNotificationLocaleAction = action("settings.locale", (actor, input: unknown) =>
  setNotificationLocale(actor, input),
);
export const setParticipationAction = action("settings.participation", (actor, input: unknown) =>
  setParticipation(actor, input),
);
export const setParticipationForAllAction = action("settings.participationAll", (actor, input: unknown) =>
  setParticipationForAll(actor, input),
);
