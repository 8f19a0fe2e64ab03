// Section 5 on the client: every event applied once, in seq order; gaps held then caught up.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DossierEventWire } from "@/server/realtime/contract";
import { Sequencer } from "./sequencer";

const ev = (seq: number): DossierEventWire => ({
  dossierId: "d",
  seq,
  type: "message.created",
  payload: { n: seq },
  at: "",
});

describe("Sequencer", () => {
  let applied: number[];
  let catchUps: number;
  let s: Sequencer;
  beforeEach(() => {
    vi.useFakeTimers();
    applied = [];
    catchUps = 0;
    s = new Sequencer(
      10,
      (e) => applied.push(e.seq),
      () => catchUps++,
      400,
    );
  });
  afterEach(() => vi.useRealTimers());

  it("applies in order and drops duplicates and old events", () => {
    s.receive(ev(11));
    s.receive(ev(11));
    s.receive(ev(9));
    s.receive(ev(12));
    expect(applied).toEqual([11, 12]);
    expect(s.lastSeq).toBe(12);
  });

  it("holds an event after a gap and applies both in order when the gap fills", () => {
    s.receive(ev(12));
    expect(applied).toEqual([]);
    s.receive(ev(11));
    expect(applied).toEqual([11, 12]);
    vi.advanceTimersByTime(1000);
    expect(catchUps).toBe(0);
  });

  it("asks for catch-up when a gap stays, and the answer is authoritative", () => {
    s.receive(ev(13));
    vi.advanceTimersByTime(399);
    expect(catchUps).toBe(0);
    vi.advanceTimersByTime(1);
    expect(catchUps).toBe(1);
    // seq 11 was not for this viewer (advisor-only); 12 is; 13 already held.
    s.caughtUp(13, [ev(12), ev(13)]);
    expect(applied).toEqual([12, 13]);
    expect(s.lastSeq).toBe(13);
    s.receive(ev(14));
    expect(applied).toEqual([12, 13, 14]);
  });

  it("keeps live events newer than the catch-up answer and applies them after it", () => {
    s.receive(ev(15));
    s.caughtUp(13, [ev(11), ev(13)]);
    expect(applied).toEqual([11, 13]);
    s.receive(ev(14));
    expect(applied).toEqual([11, 13, 14, 15]);
  });
});
