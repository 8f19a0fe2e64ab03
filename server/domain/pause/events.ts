export const DOSSIER_PAUSED = "dossier.paused";
export const DOSSIER_REACTIVATED = "dossier.reactivated";

/** P7: why a dossier was reactivated. */
export type ReactivationPayload = { cause: "manual" | "activity"; byUserId: string; byName: string; activity?: "message" | "recommendation" | "document" };
