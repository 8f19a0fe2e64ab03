// Outcomes a caller must handle are values ({ ok: false, error }), with a code and a message for people
// in their language. Thrown errors are for what should not happen.
import { isMessageKey, t, type Locale, type MessageKey } from "./i18n";

export type ErrorCode = "unauthorized" | "not_found" | "invalid" | "rate_limited" | "conflict" | "internal";
export type AppError = { code: ErrorCode; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function fail(
  code: ErrorCode,
  locale: Locale,
  key: MessageKey = `error.${code}` as MessageKey,
): { ok: false; error: AppError } {
  return { ok: false, error: { code, message: t(locale, key) } };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Bad input: the first zod issue whose message is one of our catalogue keys, else the generic "invalid". */
export function invalidInput(locale: Locale, issues: readonly { message: string }[]): { ok: false; error: AppError } {
  const key = issues.map((i) => i.message).find(isMessageKey);
  return fail("invalid", locale, key ?? "error.invalid");
}
