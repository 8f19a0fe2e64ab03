// C9: what a search asks. Error messages are i18n keys.
import { z } from "zod";

export const QUERY_MAX = 200;

// X7: control characters, and bidirectional overrides that would show a query other than the one run.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const searchSchema = z.object({
  q: z
    .string("search.empty")
    .max(QUERY_MAX, "search.tooLong")
    .refine((s) => !FORBIDDEN.test(s), "search.invalidChars")
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "search.empty")),
  dossierId: z
    .union([z.string().min(1).max(64), z.literal(""), z.null()])
    .optional()
    .transform((s) => (s ? s : null)),
});

export type SearchInput = z.input<typeof searchSchema>;
