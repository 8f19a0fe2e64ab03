// Inputs of pause and reactivation (P2, P8, P9), parsed at the edge: bad input changes nothing.
import { z } from "zod";
import { PAUSE_REASONS } from "./events";

export { PAUSE_REASONS, type PauseReason } from "./events";

export const PAUSE_COMMENT_MAX = 1000;

const dossierId = z.string().min(1).max(64);
const comment = z
  .string()
  .max(PAUSE_COMMENT_MAX)
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const reason = z.enum(PAUSE_REASONS);

/** "other" says nothing by itself, so it needs a comment (our choice; the other reasons do not). */
const otherNeedsComment: [(v: { reason: string; comment?: string }) => boolean, { message: string; path: string[] }] = [
  (v) => v.reason !== "other" || v.comment !== undefined,
  { message: "comment required for other", path: ["comment"] },
];

export const pauseSchema = z.object({ dossierId, reason, comment }).refine(...otherNeedsComment);
export type PauseInput = z.input<typeof pauseSchema>;

export const reactivateSchema = z.object({ dossierId });

/** P8: staff pause several dossiers at once from the dashboard. */
export const pauseManySchema = z
  .object({
    dossierIds: z
      .array(dossierId)
      .min(1)
      .max(200)
      .transform((ids) => [...new Set(ids)]),
    reason,
    comment,
  })
  .refine(...otherNeedsComment);

/** P8: staff reactivate several dossiers at once from the dashboard. */
export const reactivateManySchema = z.object({
  dossierIds: z
    .array(dossierId)
    .min(1)
    .max(200)
    .transform((ids) => [...new Set(ids)]),
});
