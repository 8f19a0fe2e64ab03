// N4, R3, P10: the schedule computations with a controlled clock and time zone.
import { describe, expect, it } from "vitest";
import {
  dueDigestSlot,
  isTimeZone,
  latestDigestSlot,
  localParts,
  nextDigestSlot,
  nextReminderAt,
  previousDigestSlot,
  reminderSlot,
  zonedTime,
} from "./schedule";

const PARIS = "Europe/Paris";
const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

describe("local time", () => {
  it("N4: 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer", () => {
    expect(zonedTime(PARIS, 2026, 1, 12, 8).toISOString()).toBe("2026-01-12T07:00:00.000Z");
    expect(zonedTime(PARIS, 2026, 7, 13, 8).toISOString()).toBe("2026-07-13T06:00:00.000Z");
    expect(localParts(at("2026-07-13T06:00:00Z"), PARIS)).toMatchObject({ hour: 8, minute: 0, weekday: 1 });
  });

  it("N4: time zone names are checked", () => {
    expect(isTimeZone(PARIS)).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("daily digests", () => {
  it("N4: a weekday's slot is 08:00 local that day, and before 08:00 it is the previous weekday's", () => {
    // Wednesday 2026-11-25, 09:30 in Paris (08:30 UTC).
    expect(latestDigestSlot("daily", at("2026-11-25T08:30:00Z"), PARIS).toISOString()).toBe("2026-11-25T07:00:00.000Z");
    // 07:59 Paris: still Tuesday's slot.
    expect(latestDigestSlot("daily", at("2026-11-25T06:59:00Z"), PARIS).toISOString()).toBe("2026-11-24T07:00:00.000Z");
    // Exactly 08:00 is the slot.
    expect(latestDigestSlot("daily", at("2026-11-25T07:00:00Z"), PARIS).toISOString()).toBe("2026-11-25T07:00:00.000Z");
  });

  it("N4: no daily digest on Saturday or Sunday: Monday's covers the weekend from Friday's slot", () => {
    // Saturday 2026-11-28 08:00 and Sunday 08:30 Paris: no slot due (Friday's is more than 12 h old).
    expect(dueDigestSlot("daily", at("2026-11-28T07:00:00Z"), PARIS)).toBeNull();
    expect(dueDigestSlot("daily", at("2026-11-29T07:30:00Z"), PARIS)).toBeNull();
    expect(latestDigestSlot("daily", at("2026-11-29T07:30:00Z"), PARIS).toISOString()).toBe("2026-11-27T07:00:00.000Z");
    // Monday 08:00: due; the one before it is Friday's.
    const monday = dueDigestSlot("daily", at("2026-11-30T07:00:00Z"), PARIS)!;
    expect(monday.toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(previousDigestSlot("daily", monday, PARIS).toISOString()).toBe("2026-11-27T07:00:00.000Z");
    // Friday's slot is still due on Friday afternoon (grace), not the next morning.
    expect(dueDigestSlot("daily", at("2026-11-27T15:00:00Z"), PARIS)?.toISOString()).toBe("2026-11-27T07:00:00.000Z");
    expect(dueDigestSlot("daily", at("2026-11-28T06:00:00Z"), PARIS)).toBeNull();
  });

  it("N4: next slots skip the weekend", () => {
    expect(nextDigestSlot("daily", at("2026-11-27T07:00:00Z"), PARIS).toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(nextDigestSlot("daily", at("2026-11-24T10:00:00Z"), PARIS).toISOString()).toBe("2026-11-25T07:00:00.000Z");
  });
});

describe("weekly digests", () => {
  it("N4: only Monday 08:00 local", () => {
    // Tuesday to Sunday: the latest slot is Monday's, due only on Monday itself.
    expect(latestDigestSlot("weekly", at("2026-11-29T20:00:00Z"), PARIS).toISOString()).toBe(
      "2026-11-23T07:00:00.000Z",
    );
    expect(dueDigestSlot("weekly", at("2026-11-24T07:00:00Z"), PARIS)).toBeNull();
    expect(dueDigestSlot("weekly", at("2026-11-23T07:00:00Z"), PARIS)?.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    // Monday 07:59 local: not yet; the latest is last week's.
    expect(latestDigestSlot("weekly", at("2026-11-30T06:59:00Z"), PARIS).toISOString()).toBe(
      "2026-11-23T07:00:00.000Z",
    );
    expect(previousDigestSlot("weekly", at("2026-11-30T07:00:00Z"), PARIS).toISOString()).toBe(
      "2026-11-23T07:00:00.000Z",
    );
    expect(nextDigestSlot("weekly", at("2026-11-23T07:00:00Z"), PARIS).toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });
});

describe("daylight-saving changes in Europe/Paris", () => {
  it("N4: last Sunday of March: Friday's slot is 07:00 UTC, Monday's 06:00 UTC", () => {
    // 2026-03-29 is the last Sunday of March: clocks go from 02:00 to 03:00.
    const friday = latestDigestSlot("daily", at("2026-03-27T12:00:00Z"), PARIS);
    expect(friday.toISOString()).toBe("2026-03-27T07:00:00.000Z");
    const monday = latestDigestSlot("daily", at("2026-03-30T12:00:00Z"), PARIS);
    expect(monday.toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(previousDigestSlot("daily", monday, PARIS).toISOString()).toBe(friday.toISOString());
    // 06:30 UTC on that Monday is 08:30 local: due. 06:30 UTC the Friday before was 07:30 local: not yet.
    expect(dueDigestSlot("daily", at("2026-03-30T06:30:00Z"), PARIS)?.toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(latestDigestSlot("daily", at("2026-03-27T06:30:00Z"), PARIS).toISOString()).toBe("2026-03-26T07:00:00.000Z");
    // The weekly slot across the change: 7 days minus one hour apart.
    const weekly = latestDigestSlot("weekly", at("2026-03-30T06:00:00Z"), PARIS);
    expect(weekly.getTime() - previousDigestSlot("weekly", weekly, PARIS).getTime()).toBe(WEEK - 60 * 60 * 1000);
  });

  it("N4: last Sunday of October: Friday's slot is 06:00 UTC, Monday's 07:00 UTC", () => {
    // 2026-10-25 is the last Sunday of October: clocks go from 03:00 back to 02:00.
    expect(latestDigestSlot("daily", at("2026-10-23T12:00:00Z"), PARIS).toISOString()).toBe("2026-10-23T06:00:00.000Z");
    const monday = latestDigestSlot("weekly", at("2026-10-26T12:00:00Z"), PARIS);
    expect(monday.toISOString()).toBe("2026-10-26T07:00:00.000Z");
    // 06:30 UTC on that Monday is 07:30 local: Monday's slot has not come yet.
    expect(latestDigestSlot("daily", at("2026-10-26T06:30:00Z"), PARIS).toISOString()).toBe("2026-10-23T06:00:00.000Z");
    expect(monday.getTime() - previousDigestSlot("weekly", monday, PARIS).getTime()).toBe(WEEK + 60 * 60 * 1000);
  });
});

describe("another time zone", () => {
  it("N4: America/New_York and Asia/Tokyo slots are 08:00 there", () => {
    // New York in November (EST, UTC−5): 08:00 is 13:00 UTC; in July (EDT, UTC−4), 12:00 UTC.
    expect(latestDigestSlot("daily", at("2026-11-25T14:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-11-25T13:00:00.000Z",
    );
    expect(latestDigestSlot("daily", at("2026-07-15T12:30:00Z"), "America/New_York").toISOString()).toBe(
      "2026-07-15T12:00:00.000Z",
    );
    // Tokyo (UTC+9): Monday 08:00 there is Sunday 23:00 UTC; on Sunday evening UTC it is already Monday's weekly slot.
    expect(dueDigestSlot("weekly", at("2026-11-29T23:30:00Z"), "Asia/Tokyo")?.toISOString()).toBe(
      "2026-11-29T23:00:00.000Z",
    );
    // While at that very instant no Paris weekly digest is due (it is Monday 00:30 there).
    expect(dueDigestSlot("weekly", at("2026-11-29T23:30:00Z"), PARIS)).toBeNull();
  });
});

describe("reminders", () => {
  const delayMs = 42 * DAY;
  const t0 = at("2026-01-05T10:00:00Z");

  it("R3: first after 6 weeks, then every 6 weeks", () => {
    const first = nextReminderAt({ openSince: t0, armedAt: null, lastReminderAt: null, delayMs, paused: false })!;
    expect(first.getTime() - t0.getTime()).toBe(6 * WEEK);
    expect(reminderSlot(first, delayMs, new Date(first.getTime() - 1))).toBeNull();
    const slot = reminderSlot(first, delayMs, new Date(first.getTime() + 3600_000))!;
    expect(slot.toISOString()).toBe(first.toISOString());
    const second = nextReminderAt({ openSince: t0, armedAt: null, lastReminderAt: slot, delayMs, paused: false })!;
    expect(second.getTime() - t0.getTime()).toBe(12 * WEEK);
  });

  it("R3: a job stopped for months sends one reminder and keeps the rhythm", () => {
    const due = new Date(t0.getTime() + delayMs);
    const slot = reminderSlot(due, delayMs, new Date(t0.getTime() + 20 * WEEK))!;
    expect(slot.getTime() - t0.getTime()).toBe(18 * WEEK);
  });

  it("P4, R3: none while paused or when nothing is open", () => {
    expect(nextReminderAt({ openSince: t0, armedAt: null, lastReminderAt: null, delayMs, paused: true })).toBeNull();
    expect(nextReminderAt({ openSince: null, armedAt: null, lastReminderAt: null, delayMs, paused: false })).toBeNull();
  });

  it("P10: re-armed from a reactivation's date", () => {
    const reactivated = new Date(t0.getTime() + 20 * WEEK);
    const next = nextReminderAt({
      openSince: t0,
      armedAt: reactivated,
      lastReminderAt: new Date(t0.getTime() + 6 * WEEK),
      delayMs,
      paused: false,
    })!;
    expect(next.getTime() - reactivated.getTime()).toBe(6 * WEEK);
  });
});
