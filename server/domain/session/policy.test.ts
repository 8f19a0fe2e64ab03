import { describe, expect, it } from "vitest";
import { LAST_SEEN_INTERVAL_MS, lastSeenDue, sessionEnded } from "./policy";

const limits = { idleMs: 60 * 60_000, lifetimeMs: 12 * 3_600_000 };
const t0 = new Date("2026-12-03T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("X1: when a session ends by time", () => {
  it("X1: it lives until the idle timeout since its last use, and ends exactly at it", () => {
    const s = { createdAt: t0, lastSeenAt: at(2 * 3_600_000) };
    expect(sessionEnded(s, at(2 * 3_600_000 + limits.idleMs - 1), limits)).toBeNull();
    expect(sessionEnded(s, at(2 * 3_600_000 + limits.idleMs), limits)).toBe("idle");
  });

  it("X1: it ends at its absolute lifetime however recently it was used", () => {
    const s = { createdAt: t0, lastSeenAt: at(limits.lifetimeMs - 1000) };
    expect(sessionEnded(s, at(limits.lifetimeMs - 1), limits)).toBeNull();
    expect(sessionEnded(s, at(limits.lifetimeMs), limits)).toBe("lifetime");
  });

  it("X1: its last use is written at most once a minute", () => {
    expect(lastSeenDue(t0, at(LAST_SEEN_INTERVAL_MS - 1))).toBe(false);
    expect(lastSeenDue(t0, at(LAST_SEEN_INTERVAL_MS))).toBe(true);
  });
});
