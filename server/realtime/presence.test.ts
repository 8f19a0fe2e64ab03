// C6, G7: presence changes are coalesced per dossier (the broadcast itself is covered by the socket tests).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalescer } from "./presence";

describe("presence coalescing", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("C6: a burst of changes to one dossier is one broadcast at the end of the window", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    for (let i = 0; i < 20; i++) c.touch("d1");
    vi.advanceTimersByTime(149);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run.mock.calls).toEqual([["d1"]]);
  });

  it("C6: each dossier has its own window", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    c.touch("d1");
    vi.advanceTimersByTime(100);
    c.touch("d2");
    vi.advanceTimersByTime(50);
    expect(run.mock.calls).toEqual([["d1"]]);
    vi.advanceTimersByTime(100);
    expect(run.mock.calls).toEqual([["d1"], ["d2"]]);
  });

  it("G7: while changes keep coming, at most one broadcast per interval, and the last change is never dropped", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    c.touch("d1");
    vi.advanceTimersByTime(150);
    for (let t = 0; t < 2500; t += 50) {
      c.touch("d1");
      vi.advanceTimersByTime(50);
    }
    // touched every 50 ms until 2650 ms: broadcasts at 150 (end of the window), 1150 and 2150 ms
    expect(run).toHaveBeenCalledTimes(3);
    // the touches after 2150 ms go out at 3150 ms; then the dossier is quiet
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it("C6: after a quiet interval, the next change goes out after the short window again", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    c.touch("d1");
    vi.advanceTimersByTime(150);
    vi.advanceTimersByTime(1000); // quiet interval: the dossier starts over
    c.touch("d1");
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("C6: flush cancels what is pending and returns the dossiers whose change has not gone out", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    c.touch("d1");
    vi.advanceTimersByTime(150); // d1 went out; its interval is running, nothing new in it
    c.touch("d2");
    c.touch("d3");
    expect(c.flush().sort()).toEqual(["d2", "d3"]);
    vi.advanceTimersByTime(2000);
    expect(run.mock.calls).toEqual([["d1"]]);
  });

  it("dispose cancels what is pending", () => {
    const run = vi.fn();
    const c = coalescer(run, 150, 1000);
    c.touch("d1");
    c.dispose();
    vi.advanceTimersByTime(2000);
    expect(run).not.toHaveBeenCalled();
  });
});
