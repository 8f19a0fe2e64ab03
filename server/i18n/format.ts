// The one formatter of dates, times, relative times and numbers shown to people, through Intl in the
// reader's language (amounts of money: money.ts). Instants are shown in a fixed time zone so that the
// server's render and the browser's hydration print the same text (and a French team's dossier reads the
// same everywhere); organizations' own time zones drive schedules, not display. Calendar days stored as
// "YYYY-MM-DD" (a due date) are days, not instants: they are never shifted by a time zone.
import { intlLocale, type Locale } from "./index";

export const DISPLAY_TIME_ZONE = "Europe/Paris";

const styles = {
  short: { dateStyle: "short", timeStyle: "short" },
  shortSeconds: { dateStyle: "short", timeStyle: "medium" },
  medium: { dateStyle: "medium", timeStyle: "short" },
  /** a day without the time: "10 déc. 2026" / "10 Dec 2026" */
  mediumDate: { dateStyle: "medium" },
  longDate: { dateStyle: "long" },
  time: { timeStyle: "short" },
  /** C8: the conversation's day separators */
  day: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof styles;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(locale: Locale, style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const id = `${locale}|${style}|${timeZone}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[locale], { ...styles[style], timeZone });
    dateFormats.set(id, f);
  }
  return f;
}

/** The formatter of one style (for lists that format many dates). */
export function dateFormat(locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  return cached(locale, style, DISPLAY_TIME_ZONE);
}

/** An instant (Date, ISO string or epoch ms) in the reader's language; "" when it is not a date. */
export function formatDate(locale: Locale, value: Date | string | number, style: DateStyle = "medium"): string {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "" : dateFormat(locale, style).format(d);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day "2026-12-10" as "10 déc. 2026" / "10 Dec 2026" (or the long style), the same day in
 * every time zone. A text that is not a day is returned as is.
 */
export function formatDay(locale: Locale, day: string, style: "mediumDate" | "longDate" = "mediumDate"): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return Number.isNaN(d.getTime()) ? day : cached(locale, style, "UTC").format(d);
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "il y a 3 minutes", "hier", "dans 2 jours" / "3 minutes ago", "yesterday", "in 2 days". */
export function formatRelative(locale: Locale, value: Date | string | number, now: Date | number = Date.now()): string {
  const at = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(at)) return "";
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(intlLocale[locale], { numeric: "auto" });
    relativeFormats.set(locale, f);
  }
  const diff = at - (now instanceof Date ? now.getTime() : now);
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return f.format(Math.trunc(diff / ms), unit);
  return f.format(0, "minute");
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number the way the language writes it: 12345.6 → "12 345,6" / "12,345.6". */
export function formatNumber(locale: Locale, n: number, options: Intl.NumberFormatOptions = {}): string {
  const id = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[locale], options);
    numberFormats.set(id, f);
  }
  return f.format(n);
}

/**
 * Texts of instants written by the server, "style|ISO instant" → text, for a client component's first
 * render. Issue 17: the browser's first `new Intl.DateTimeFormat` loads its locale and time-zone data,
 * about 50 ms of main thread here and 200 ms on Lighthouse's 4× slower phone, in the middle of hydration.
 * With the server's texts, hydration creates no formatter; one is made when an instant the server did
 * not label shows up (a live message, an older page).
 */
export type DateLabels = Record<string, string>;

/**
 * The labels of these instants in these styles, for `labelledDate` in the browser; calendar days
 * ("2026-12-10") are labelled as days (formatDay), for `labelledDay`.
 */
export function dateLabels(locale: Locale, values: Partial<Record<DateStyle, Iterable<string>>>): DateLabels {
  const labels: DateLabels = {};
  for (const [style, list] of Object.entries(values) as [DateStyle, Iterable<string>][])
    for (const v of list)
      labels[`${style}|${v}`] ??=
        DAY.test(v) && (style === "mediumDate" || style === "longDate")
          ? formatDay(locale, v, style)
          : formatDate(locale, v, style);
  return labels;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Every ISO instant found in these values (the props a page passes to client components), for dateLabels;
 * daysIn: every calendar day.
 */
export function instantsIn(...values: unknown[]): Set<string> {
  return datesIn(INSTANT, values);
}

export function daysIn(...values: unknown[]): Set<string> {
  return datesIn(DAY, values);
}

function datesIn(pattern: RegExp, values: unknown[]): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      if (pattern.test(v)) found.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object" && !(v instanceof Date)) Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return found;
}

/** An instant's text: the server's label when it wrote one, else formatted here (see `dateLabels`). */
export function labelledDate(labels: DateLabels, locale: Locale, at: string, style: DateStyle): string {
  return labels[`${style}|${at}`] ?? formatDate(locale, at, style);
}

/** A calendar day's text, the same way (formatDay). */
export function labelledDay(
  labels: DateLabels,
  locale: Locale,
  day: string,
  style: "mediumDate" | "longDate" = "mediumDate",
): string {
  return labels[`${style}|${day}`] ?? formatDay(locale, day, style);
}
