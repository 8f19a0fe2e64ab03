// Server side of components/i18n/Dates.tsx: writes the texts of every instant (and calendar day) found in
// `of`, the data its children receive, in the given styles, and of the amounts given, so that those client components hydrate
// without Intl data (issue 17).
import type { ReactNode } from "react";
import type { Locale } from "@/server/i18n";
import { dateLabels, daysIn, instantsIn, type DateStyle } from "@/server/i18n/format";
import { amountLabels } from "@/server/i18n/money";
import { DateLabels } from "./Dates";

export function LabelledDates({
  locale,
  styles,
  dayStyles = [],
  amounts = [],
  of,
  children,
}: {
  locale: Locale;
  /** the styles the instants in `of` are shown in */
  styles: DateStyle[];
  /** the styles the calendar days in `of` are shown in, if any */
  dayStyles?: ("mediumDate" | "longDate")[];
  /** amounts in cents shown by the children (useAmounts), if any */
  amounts?: Iterable<number>;
  of: unknown[];
  children: ReactNode;
}) {
  const instants = [...instantsIn(...of)];
  const days = dayStyles.length ? [...daysIn(...of)] : [];
  const wanted: Partial<Record<DateStyle, string[]>> = {};
  for (const s of styles) wanted[s] = instants;
  for (const s of dayStyles) wanted[s] = [...(wanted[s] ?? []), ...days];
  const labels = { ...dateLabels(locale, wanted), ...amountLabels(locale, amounts) };
  return <DateLabels labels={labels}>{children}</DateLabels>;
}
