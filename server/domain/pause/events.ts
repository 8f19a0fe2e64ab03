// What pause and reactivation publish (P1, P7, P9): one event per state change, audience "all".
// No zod here: the browser imports this file.

/** P9: why a dossier is paused by hand. */
export const PAUSE_REASONS = ["project_stopped", "no_help_needed", "too_many_emails", "other"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const DOSSIER_PAUSED = "dossier.paused";
export const DOSSIER_REACTIVATED = "dossier.reactivated";

/** P7, P9: why and by whom a dossier was paused; the automatic pause has no person. */
export type PausePayload =
  | { cause: "manual"; reason: PauseReason; comment?: string; byUserId: string; byName: string }
  | { cause: "inactivity"; delayDays: number; byUserId: null; byName: null };

/** P7: why a dossier was reactivated. */
export type ReactivationPayload = {
  cause: "manual" | "activity";
  byUserId: string;
  byName: string;
  activity?: "message" | "recommendation" | "document";
};
