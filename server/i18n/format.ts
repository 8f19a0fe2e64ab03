// Dates shown to people: one formatter per style, in the users' time zone. The time zone is fixed so
// that the server's render and the browser's hydration print the same text (and a French team's
// dossier reads the same everywhere); organizations' own time zones drive schedules, not display.
import type { Locale } from "./index";

export const DISPLAY_TIME_ZONE = "Europe/Paris";

const styles = {
  short: { dateStyle: "short", timeStyle: "short" },
  shortSeconds: { dateStyle: "short", timeStyle: "medium" },
  medium: { dateStyle: "medium", timeStyle: "short" },
  longDate: { dateStyle: "long" },
  /** C8: the conversation's day separators */
  day: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function dateFormat(locale: Locale, style: keyof typeof styles): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    ...styles[style],
    timeZone: DISPLAY_TIME_ZONE,
  });
}
