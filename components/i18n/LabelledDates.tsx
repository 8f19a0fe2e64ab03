// Server side of components/i18n/Dates.tsx: writes the texts of every instant (and calendar day) found in
// `of`, the data its children receive, in the given styles, so that those client components hydrate
// without Intl data (issue 17).
import type { ReactNode } from "react";
import type { Locale } from "@/server/i18n";
import { dateLabels, daysIn, instantsIn, type DateStyle } from "@/server/i18n/format";
import { DateLabels } from "./Dates";

export function LabelledDates({
  locale,
  styles,
  dayStyles = [],
  of,
  children,
}: {
  locale: Locale;
  /** the styles the instants in `of` are shown in */
  styles: DateStyle[];
  /** the styles the calendar days in `of` are shown in, if any */
  dayStyles?: ("mediumDate" | "longDate")[];
  of: unknown[];
  children: ReactNode;
}) {
  const instants = [...instantsIn(...of)];
  const days = dayStyles.length ? [...daysIn(...of)] : [];
  const wanted: Partial<Record<DateStyle, string[]>> = {};
  for (const s of styles) wanted[s] = instants;
  for (const s of dayStyles) wanted[s] = [...(wanted[s] ?? []), ...days];
  return <DateLabels labels={dateLabels(locale, wanted)}>{children}</DateLabels>;
}
