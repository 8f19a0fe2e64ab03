// X7: people's names and what they type, at the edge. A user without a name is shown by the part of
// their address before the @, never by the address itself (the other side must not learn it). Text
// with control characters, made only of invisible characters, or with bidirectional overrides (which
// make "exe.pdf" read as "fdp.exe") is refused or cleaned before it is stored.
import { z } from "zod";

/** X7: how a person is shown to others: their name, or the part of their address before the @. */
export function displayName(u: { name: string | null; email: string }): string {
  const name = u.name?.trim();
  return name ? name : u.email.split("@")[0];
}

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// Zero-width and other invisible characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen).
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// C0 and C1 controls; tab and newline are allowed in multi-line text only.
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_BODY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Removes bidirectional overrides (never meaningful in our text) and normalizes line ends. */
export function cleanText(s: string): string {
  return s.replace(BIDI, "").replace(/\r\n?/g, "\n");
}

/** X7: one line with no control character at all (no CR, LF, NUL or tab). */
export function isCleanLine(s: string): boolean {
  return !CONTROL_LINE.test(s);
}

/** X7: for file names: control and invisible characters and bidirectional overrides removed. */
export function stripUnsafe(s: string): string {
  return cleanText(s).replace(new RegExp(CONTROL_LINE.source, "g"), "").replace(INVISIBLE, "");
}

/** X7: a control character other than tab and line breaks. */
export function hasControlCharacters(s: string): boolean {
  return CONTROL_BODY.test(s);
}

/** Nothing visible: empty once whitespace and invisible characters are taken out. */
export function isBlank(s: string): boolean {
  return s.replace(INVISIBLE, "").trim().length === 0;
}

/**
 * A one-line text (a title, a name, a scope): cleaned, trimmed, no control character (so no CR, LF or
 * NUL reaches an email subject), something visible, at most `max` characters.
 */
export function lineText(max: number, key = "error.text.invalid") {
  return z
    .string()
    .transform((s) => cleanText(s).trim())
    .refine((s) => !CONTROL_LINE.test(s) && !s.includes("\n"), { message: key })
    .refine((s) => !isBlank(s), { message: key })
    .refine((s) => s.length <= max, { message: key });
}

/** A multi-line text (a message, a comment): the same, but tabs and line breaks are allowed. */
export function bodyText(max: number, key = "error.text.invalid") {
  return z
    .string()
    .transform((s) => cleanText(s))
    .refine((s) => !CONTROL_BODY.test(s), { message: key })
    .refine((s) => !isBlank(s), { message: key })
    .refine((s) => s.length <= max, { message: key });
}
