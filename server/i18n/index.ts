// Message catalogue lookup, shared by server and browser code (no Node imports here).
import { en } from "./en";
import { fr } from "./fr";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof fr;

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(fr, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : "fr";
}

export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[locale][key] ?? fr[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const LOCALE_COOKIE = "relais-locale";
