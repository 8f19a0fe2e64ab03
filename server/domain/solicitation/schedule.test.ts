// S6 (issue 16): the schedule the automatic reminders job and the card share.
import { describe, expect, it } from "vitest";
import { automaticSlotAt, nextAutomaticReminder, remindedToday, slotKind, type AutomaticFacts } from "./schedule";

const facts = (over: Partial<AutomaticFacts> = {}): AutomaticFacts => ({
  dueDate: new Date("2031-01-10T00:00:00Z"),
  answeredAt: null,
  revokedAt: null,
  lastRemindedAt: null,
  slotsTaken: [],
  daysBefore: 3,
  daysAfter: 1,
  ...over,
});

describe("S6: automatic reminder schedule", () => {
  it("S6: 'before' from N days before the desired date to its end, 'after' from N days after", () => {
    expect(automaticSlotAt(facts(), new Date("2031-01-06T23:00:00Z"))).toBeNull();
    expect(automaticSlotAt(facts(), new Date("2031-01-07T00:00:00Z"))).toBe("before");
    expect(automaticSlotAt(facts(), new Date("2031-01-10T23:59:00Z"))).toBe("before");
    expect(automaticSlotAt(facts(), new Date("2031-01-11T00:00:00Z"))).toBe("after");
    expect(automaticSlotAt(facts({ daysBefore: 0, daysAfter: 0 }), new Date("2031-01-11T00:00:00Z"))).toBeNull();
    expect(automaticSlotAt(facts({ answeredAt: new Date() }), new Date("2031-01-08T00:00:00Z"))).toBeNull();
  });

  it("S6: the next automatic reminder: the slot's start, tomorrow when one already left today, none when both left", () => {
    const now = new Date("2031-01-02T10:00:00Z");
    expect(nextAutomaticReminder(facts(), now)?.toISOString()).toBe("2031-01-07T00:00:00.000Z");
    const inWindow = new Date("2031-01-08T10:00:00Z");
    expect(nextAutomaticReminder(facts(), inWindow)).toEqual(inWindow);
    expect(
      nextAutomaticReminder(facts({ lastRemindedAt: new Date("2031-01-08T09:00:00Z") }), inWindow)?.toISOString(),
    ).toBe("2031-01-09T00:00:00.000Z");
    // Blocked on the last day of the "before" window: the next is the "after" one.
    const lastDay = new Date("2031-01-10T12:00:00Z");
    expect(
      nextAutomaticReminder(facts({ lastRemindedAt: new Date("2031-01-10T08:00:00Z") }), lastDay)?.toISOString(),
    ).toBe("2031-01-11T00:00:00.000Z");
    expect(nextAutomaticReminder(facts({ slotsTaken: ["before"] }), now)?.toISOString()).toBe(
      "2031-01-11T00:00:00.000Z",
    );
    expect(nextAutomaticReminder(facts({ slotsTaken: ["before", "after"] }), now)).toBeNull();
    expect(nextAutomaticReminder(facts({ dueDate: null }), now)).toBeNull();
    expect(nextAutomaticReminder(facts({ revokedAt: now }), now)).toBeNull();
  });

  it("S6: the day's limit is a UTC day; slots say manual, automatic or key", () => {
    expect(remindedToday(new Date("2031-01-01T23:59:59Z"), new Date("2031-01-02T00:00:01Z"))).toBe(false);
    expect(remindedToday(new Date("2031-01-02T00:00:00Z"), new Date("2031-01-02T23:00:00Z"))).toBe(true);
    expect(remindedToday(null, new Date())).toBe(false);
    expect([slotKind("manual:2031-01-02"), slotKind("before"), slotKind("after"), slotKind("key:x")]).toEqual([
      "manual",
      "automatic",
      "automatic",
      "key",
    ]);
  });
});
