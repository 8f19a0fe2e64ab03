"use server";
// Server actions of pause and reactivation: thin, they get the actor and call the service (P2, P8).
import { currentActor } from "../../auth/session";
import type { AppError } from "../../errors";
import { t } from "../../i18n";
import { pauseDossier, pauseDossiers, reactivateDossier, type PauseManyResult } from "./service";

type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: AppError };

const signedOut = (): { ok: false; error: AppError } => ({
  ok: false,
  error: { code: "unauthorized", message: t("fr", "error.unauthorized") },
});

/** P2, P9: input `{ dossierId, reason, comment? }`. */
export async function pauseDossierAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  const actor = await currentActor();
  if (!actor) return signedOut();
  return pauseDossier(actor, input);
}

/** P2: input `{ dossierId }`. */
export async function reactivateDossierAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  const actor = await currentActor();
  if (!actor) return signedOut();
  return reactivateDossier(actor, input);
}

/** P8: staff pause several dossiers at once; one result per dossier. */
export async function pauseDossiersAction(
  dossierIds: unknown,
  reason: unknown,
  comment?: unknown,
): Promise<ActionResult<{ results: PauseManyResult[] }>> {
  const actor = await currentActor();
  if (!actor) return signedOut();
  return pauseDossiers(actor, dossierIds, reason, comment);
}
