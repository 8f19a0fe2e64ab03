// C10, issue 17: a chunk that fails to load is fetched again, on "online" or after a growing wait.
import { describe, expect, it } from "vitest";
import { untilLoaded, type RetryClock } from "./retry";

/** A clock driven by the test: timers and "online" listeners fire only when asked. */
function manualClock() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  const online = new Set<() => void>();
  let next = 0;
  const clock: RetryClock = {
    setTimeout(fn, ms) {
      timers.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    onOnline(fn) {
      online.add(fn);
      return () => online.delete(fn);
    },
  };
  return {
    clock,
    waits: () => [...timers.values()].map((t) => t.ms),
    listeners: () => online.size,
    fireTimer() {
      const [id, t] = [...timers][0];
      timers.delete(id);
      t.fn();
    },
    goOnline: () => [...online].forEach((fn) => fn()),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("untilLoaded (C10)", () => {
  it("answers the first successful attempt without waiting", async () => {
    const c = manualClock();
    await expect(untilLoaded(async () => "chunk", c.clock)).resolves.toBe("chunk");
    expect(c.waits()).toEqual([]);
  });

  it("tries again after 1 s, 2 s, 4 s… capped at 30 s, and resolves once a load succeeds", async () => {
    const c = manualClock();
    let attempts = 0;
    let result: string | undefined;
    void untilLoaded(async () => {
      attempts++;
      if (attempts < 8) throw new TypeError("Failed to fetch dynamically imported module");
      return "chunk";
    }, c.clock).then((v) => (result = v));
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      await settle();
      expect(c.waits()).toHaveLength(1); // one pending retry at a time
      waits.push(c.waits()[0]);
      c.fireTimer();
    }
    await settle();
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(attempts).toBe(8);
    expect(result).toBe("chunk");
    expect(c.listeners()).toBe(0);
  });

  it("tries again at once when the browser is back online, and drops the timer", async () => {
    const c = manualClock();
    let offline = true;
    let attempts = 0;
    const loaded = untilLoaded(async () => {
      attempts++;
      if (offline) throw new TypeError("offline");
      return 42;
    }, c.clock);
    await settle();
    expect(attempts).toBe(1);
    expect(c.listeners()).toBe(1);
    offline = false;
    c.goOnline();
    await expect(loaded).resolves.toBe(42);
    expect(attempts).toBe(2);
    expect(c.waits()).toEqual([]); // the pending timer was cleared: no third attempt later
    expect(c.listeners()).toBe(0);
  });
});
