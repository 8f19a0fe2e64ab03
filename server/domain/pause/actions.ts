"use server";
// Server actions of pause and reactivation (P2, P8): thin, through the one action builder.
import { action } from "../../auth/action";
import { pauseDossier, pauseDossiers, reactivateDossier, reactivateDossiers } from "./service";

/** P2, P9: input `{ dossierId, reason, comment? }`. */
export const pauseDossierAction = action("dossier.pause", (actor, input: unknown) => pauseDossier(actor, input));

/** P2: input `{ dossierId }`. */
export const reactivateDossierAction = action("dossier.reactivate", (actor, input: unknown) =>
  reactivateDossier(actor, input),
);

/** P8: staff pause several dossiers at once; one result per dossier. */
export const pauseDossiersAction = action(
  "dossier.pauseMany",
  (actor, dossierIds: unknown, reason: unknown, comment?: unknown) => pauseDossiers(actor, dossierIds, reason, comment),
);

/** P8: staff reactivate several dossiers at once; one result per dossier. */
export const reactivateDossiersAction = action("dossier.reactivateMany", (actor, dossierIds: unknown) =>
  reactivateDossiers(actor, dossierIds),
);
