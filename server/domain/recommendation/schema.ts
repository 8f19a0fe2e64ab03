import { z } from "zod";

import { cleanText, hasControlCharacters, isBlank, isCleanLine } from "../text";
import { RECOMMENDATION_STATUSES } from "./statuses";

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const LINK_MAX = 2_000;

const id = z.string().min(1).max(64);

// X7: one line, nothing invisible only, no control character (titles reach email subjects).
const title = z
  .string()
  .transform((s) => cleanText(s).trim())
  .pipe(
    z
      .string()
      .refine((s) => !isBlank(s), "reco.titleRequired")
      .refine(isCleanLine, "error.text.invalid")
      .pipe(z.string().max(TITLE_MAX, "reco.titleTooLong")),
  );

const body = z
  .string()
  .max(BODY_MAX, "reco.bodyTooLong")
  .transform((s) => cleanText(s).trim())
  .refine((s) => !hasControlCharacters(s), "error.text.invalid");

// Only web links: a javascript: or data: URL in an href would run in the viewer's page.
const link = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z.union([
      z.literal(""),
      z
        .string()
        .max(LINK_MAX, "reco.linkInvalid")
        .refine((s) => {
          try {
            const u = new URL(s);
            return u.protocol === "https:" || u.protocol === "http:";
          } catch {
            return false;
          }
        }, "reco.linkInvalid"),
    ]),
  )
  .transform((s) => (s === "" ? null : s));

const documentId = z
  .union([id, z.literal("")])
  .nullable()
  .transform((s) => (s ? s : null));

export const createRecommendationSchema = z.object({
  dossierId: id,
  title,
  body: body.default(""),
  link: link.nullable().default(null),
  documentId: documentId.default(null),
});

export const updateRecommendationSchema = z.object({
  recommendationId: id,
  title,
  body: body.default(""),
  link: link.nullable().default(null),
  documentId: documentId.default(null),
});

export const changeStatusSchema = z.object({
  recommendationId: id,
  status: z.enum(RECOMMENDATION_STATUSES, "reco.statusInvalid"),
});

export type CreateRecommendationInput = z.input<typeof createRecommendationSchema>;
export type UpdateRecommendationInput = z.input<typeof updateRecommendationSchema>;
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;
