// Issue 17 item 2, issue 16 item 10: one formatter, in the reader's language, for instants, calendar days,
// relative times and numbers; no ISO date reaches a person.
import { describe, expect, it } from "vitest";
import { formatDate, formatDay, formatNumber, formatRelative } from "./format";

describe("formatter", () => {
  it("I8: a calendar day reads in the language and never moves a day with the time zone", () => {
    expect(formatDay("fr", "2026-12-10")).toBe("10 déc. 2026");
    expect(formatDay("en", "2026-12-10")).toBe("10 Dec 2026");
    expect(formatDay("fr", "2026-01-01", "longDate")).toBe("1 janvier 2026");
    expect(formatDay("en", "2026-12-31", "longDate")).toBe("31 December 2026");
    expect(formatDay("en", "not a day")).toBe("not a day");
  });

  it("I8: an instant reads in Paris time, in the language", () => {
    const at = new Date("2026-12-10T23:30:00Z");
    expect(formatDate("fr", at, "mediumDate")).toBe("11 déc. 2026");
    expect(formatDate("en", at, "medium")).toBe("11 Dec 2026, 00:30");
    expect(formatDate("fr", at.toISOString(), "medium")).toBe("11 déc. 2026, 00:30");
    expect(formatDate("fr", "garbage")).toBe("");
  });

  it("I8: relative times and numbers are written the language's way", () => {
    const now = new Date("2026-12-10T12:00:00Z");
    expect(formatRelative("fr", new Date("2026-12-10T11:57:00Z"), now)).toBe("il y a 3 minutes");
    expect(formatRelative("en", new Date("2026-12-10T11:57:00Z"), now)).toBe("3 minutes ago");
    expect(formatRelative("fr", new Date("2026-12-09T12:00:00Z"), now)).toBe("hier");
    expect(formatRelative("en", new Date("2026-12-12T12:00:00Z"), now)).toBe("in 2 days");
    expect(formatRelative("en", now, now)).toBe("this minute");
    expect(formatNumber("fr", 12345.6)).toBe("12\u202f345,6");
    expect(formatNumber("en", 12345.6)).toBe("12,345.6");
  });
});
