// A document's size as people read it ("12,5 Ko", "3.2 MB"), in the server's page and in the browser.
import { t, type Locale } from "@/server/i18n";
import { formatNumber } from "@/server/i18n/format";

export function formatSize(locale: Locale, bytes: number): string {
  const n = (x: number) => formatNumber(locale, x, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024
    ? t(locale, "doc.kb", { n: n(Math.max(bytes / 1024, 0.1)) })
    : t(locale, "doc.mb", { n: n(bytes / (1024 * 1024)) });
}

/** The sizes of the documents a page renders, written by its server: the panel hydrates without Intl's
 * number data (issue 17); a document that arrives later is formatted in the browser. */
export function sizeLabels(locale: Locale, documents: { size: number }[]): Record<number, string> {
  return Object.fromEntries(documents.map((d) => [d.size, formatSize(locale, d.size)]));
}
