// The scheduler of batched passes (search index, message emails; issue 18): what queues work gets one
// pass soon, bursts get passes back to back, a hold keeps passes away until released, a failure does
// not stop the next. Real timers, short delays.
import { describe, expect, it } from "vitest";
import { batchedPass } from "./batches";

let key = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pass over an in-memory queue of `queued` items, `batch` at a time. */
function queuePass(opts: { batch?: number; delayMs?: number; fail?: () => boolean; runMs?: number } = {}) {
  const state = { queued: 0, runs: 0, taken: [] as number[] };
  const batch = opts.batch ?? 3;
  const schedule = batchedPass(`test-${++key}`, {
    batch,
    delayMs: opts.delayMs ?? 30,
    burstDelayMs: 1,
    name: "test pass",
    run: async () => {
      state.runs += 1;
      if (opts.fail?.()) throw new Error("disk full");
      const n = Math.min(batch, state.queued);
      state.queued -= n;
      // a pass that takes a while after claiming its batch: changes committed meanwhile wait for the next
      if (opts.runMs) await sleep(opts.runMs);
      state.taken.push(n);
      return n;
    },
  });
  /** A change that queued one item and committed. */
  const change = () => {
    state.queued += 1;
    schedule();
  };
  return { state, schedule, change };
}

async function until(check: () => boolean, ms = 2000) {
  for (const start = Date.now(); !check(); await sleep(5))
    if (Date.now() - start > ms) throw new Error("timed out waiting for the pass");
}

describe("batchedPass (issue 18)", () => {
  it("changes within the delay share one pass, which does not run before the delay", async () => {
    const { state, change } = queuePass({ batch: 10, delayMs: 40 });
    change();
    change();
    await sleep(10);
    expect(state.runs).toBe(0);
    await until(() => state.runs === 1);
    expect(state.taken).toEqual([2]);
    await sleep(60);
    // Nothing left: no empty pass after it.
    expect(state.runs).toBe(1);
  });

  it("a burst (a batch's worth of changes) is taken in back-to-back passes until the queue is empty", async () => {
    const { state, change } = queuePass({ batch: 3, delayMs: 10_000 });
    for (let i = 0; i < 8; i++) change();
    // The delay is 10 s, but a burst does not wait for it.
    await until(() => state.queued === 0);
    expect(state.taken).toEqual([3, 3, 2]);
  });

  it("a hold keeps every pass away until it is released; the pass it held back runs then", async () => {
    const { state, schedule, change } = queuePass({ delayMs: 5 });
    const release = schedule.hold();
    change();
    await sleep(40);
    expect(state.runs).toBe(0);
    release();
    release(); // a second call changes nothing
    await until(() => state.runs === 1);
    expect(state.queued).toBe(0);
  });

  it("a failed pass leaves the queue for the next change's pass", async () => {
    let failing = true;
    const { state, change } = queuePass({ delayMs: 5, fail: () => failing });
    change();
    await until(() => state.runs === 1);
    expect(state.queued).toBe(1);
    failing = false;
    change();
    await until(() => state.queued === 0);
    expect(state.taken).toEqual([2]);
  });

  it("changes that came while a pass ran wait for the delay unless they are a burst: the pass's own reschedule is no change", async () => {
    const { state, change } = queuePass({ batch: 3, delayMs: 500, runMs: 40 });
    change();
    await until(() => state.runs === 1);
    // two changes while the first pass runs: fewer than a batch, so the next pass waits its delay
    change();
    change();
    await until(() => state.taken.length === 1);
    await sleep(100);
    expect(state.runs).toBe(1);
    await until(() => state.taken.length === 2);
    expect(state.taken).toEqual([1, 2]);
  });
});
