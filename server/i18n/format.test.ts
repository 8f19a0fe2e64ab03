// Issue 17 item 2, issue 16 item 10: one formatter, in the reader's language, for instants, calendar days,
// relative times and numbers; no ISO date reaches a person.
import { describe, expect, it } from "vitest";
import {
  dateLabels,
  daysIn,
  formatDate,
  formatDay,
  formatNumber,
  formatRelative,
  instantsIn,
  labelledDate,
  labelledDay,
} from "./format";

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

  it("I16: the server's labels are the formatter's own texts, found in nested data, and answered without formatting", () => {
    const a = "2026-12-10T08:05:00.000Z";
    const b = "2026-03-29T01:30:00.000Z"; // the night the clocks change in Paris
    const data = { rows: [{ at: a, day: "2026-12-10", title: "2026-12-10T is a title? no" }], nested: { at: b } };
    expect([...instantsIn(data, null, 3, a)].sort()).toEqual([b, a]);
    for (const locale of ["fr", "en"] as const) {
      const labels = dateLabels(locale, { short: [a, b], day: [a] });
      expect(Object.keys(labels).sort()).toEqual([`day|${a}`, `short|${a}`, `short|${b}`].sort());
      for (const [style, at] of [
        ["short", a],
        ["short", b],
        ["day", a],
      ] as const) {
        expect(labels[`${style}|${at}`]).toBe(formatDate(locale, at, style));
        expect(labelledDate(labels, locale, at, style)).toBe(formatDate(locale, at, style));
      }
      // an instant the server did not label is formatted here, in the same style
      expect(labelledDate(labels, locale, b, "day")).toBe(formatDate(locale, b, "day"));
    }
    expect(labelledDate({ [`short|${a}`]: "écrit par le serveur" }, "fr", a, "short")).toBe("écrit par le serveur");
  });

  it("I16: calendar days get their labels as days, never shifted by a time zone", () => {
    const data = [{ dueDate: "2026-12-31", at: "2026-12-10T08:05:00.000Z" }, "not a day"];
    expect([...daysIn(data)]).toEqual(["2026-12-31"]);
    for (const locale of ["fr", "en"] as const) {
      const labels = dateLabels(locale, { mediumDate: daysIn(data) });
      expect(labelledDay(labels, locale, "2026-12-31")).toBe(formatDay(locale, "2026-12-31"));
      expect(labelledDay(labels, locale, "2026-01-01", "longDate")).toBe(formatDay(locale, "2026-01-01", "longDate"));
    }
    expect(dateLabels("fr", { mediumDate: ["2026-12-31"] })["mediumDate|2026-12-31"]).toBe("31 déc. 2026");
  });
});
