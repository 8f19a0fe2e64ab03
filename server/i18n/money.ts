// Amounts shown to people (K8): integers in cents in, text out; parsing what a person types back to cents.
import { intlLocale, type Locale } from "./index";

// Made when first used, not when the module loads: a page that imports this module and shows no amount
// (the timeline) would otherwise load the number data of both languages during its hydration (issue 17).
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, kind: "currency" | "rate"): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      intlLocale[locale],
      kind === "currency" ? { style: "currency", currency: "EUR" } : { maximumFractionDigits: 2 },
    );
    formats.set(key, f);
  }
  return f;
}

/** 123456 → "1 234,56 €" (fr) / "€1,234.56" (en). Exact for any safe integer of cents. */
export function formatCents(locale: Locale, cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const rest = abs % 100;
  // Formatting the euros and the cents apart keeps amounts past 2^53 / 100 exact.
  const parts = numberFormat(locale, "currency").formatToParts(euros + rest / 100);
  const text = parts.map((p) => (p.type === "fraction" ? String(rest).padStart(2, "0") : p.value)).join("");
  return sign + text.replace("-", "");
}

/** "1 234,5" or "1234.50" → 123450; null when it is not an amount with at most two decimals. */
export function parseCents(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return s.startsWith("-") ? -cents : cents;
}

/** Basis points as a percentage: 2000 → "20", 550 → "5,5" (fr). */
export function formatRate(locale: Locale, basisPoints: number): string {
  return numberFormat(locale, "rate").format(basisPoints / 100);
}

/**
 * Issue 17: the texts of these amounts for a client component to hydrate with (no NumberFormat made in
 * the browser); keyed like dates' labels, in the same context (components/i18n/Dates.tsx).
 */
export function amountLabels(locale: Locale, cents: Iterable<number>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const c of cents) labels[`cents|${c}`] ??= formatCents(locale, c);
  return labels;
}

/** Every amount in cents found in these values: numbers under a key ending in "Cents". */
export function centsIn(...values: unknown[]): Set<number> {
  const found = new Set<number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === "number" && k.endsWith("Cents")) found.add(x);
        else walk(x);
      }
  };
  values.forEach(walk);
  return found;
}

/** An amount's text: the server's label when it wrote one, else formatted here. */
export function labelledCents(labels: Record<string, string>, locale: Locale, cents: number): string {
  return labels[`cents|${cents}`] ?? formatCents(locale, cents);
}
