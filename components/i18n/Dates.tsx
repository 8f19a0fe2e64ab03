"use client";
// Issue 17: dates in client components without Intl data during hydration. A server page wraps what it
// renders in <DateLabels> with the texts of the instants it passes down (server/i18n/format.ts,
// dateLabels); components ask useDates() for an instant's text and get the server's, or a text formatted
// here when the instant came later (a live message, a refreshed row), which creates the formatter then.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "@/server/i18n";
import { labelledDate, labelledDay, type DateLabels as Labels, type DateStyle } from "@/server/i18n/format";
import { labelledCents } from "@/server/i18n/money";

const Context = createContext<Labels>({});

export function DateLabels({ labels, children }: { labels: Labels; children: ReactNode }) {
  const outer = useContext(Context);
  const merged = useMemo(() => (Object.keys(outer).length ? { ...outer, ...labels } : labels), [outer, labels]);
  return <Context.Provider value={merged}>{children}</Context.Provider>;
}

/** The text of an instant (ISO string) in a style, in the reader's language. */
export function useDates(locale: Locale): (at: string, style: DateStyle) => string {
  const labels = useContext(Context);
  return useCallback((at: string, style: DateStyle) => labelledDate(labels, locale, at, style), [labels, locale]);
}

/** The text of a calendar day ("2026-12-10"), the same way. */
export function useDays(locale: Locale): (day: string, style?: "mediumDate" | "longDate") => string {
  const labels = useContext(Context);
  return useCallback(
    (day: string, style: "mediumDate" | "longDate" = "mediumDate") => labelledDay(labels, locale, day, style),
    [labels, locale],
  );
}

/** The text of an amount in cents, the same way (the server's, when LabelledDates was given it). */
export function useAmounts(locale: Locale): (cents: number) => string {
  const labels = useContext(Context);
  return useCallback((cents: number) => labelledCents(labels, locale, cents), [labels, locale]);
}
