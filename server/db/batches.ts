// Work that a change queues in the database and a background pass does later, in batches (issue 18): the
// search index (C9) and a message's notification emails (C7). Written with each change, both cost the
// send WAL pages and statements; a batch shares one transaction among many changes.
//
// A pass runs `delayMs` after the first change that asks for it, so that the changes arriving meanwhile
// share its batch; once a batch's worth has been asked for (a burst), or after a full batch, the next
// pass comes at once (after the sends already waiting). A failed pass leaves the queue as it is: the
// next change, or whoever drains it, takes it again.
import { onDbClose } from "../db";
import { logger } from "../logger";

export type BatchedPass = {
  /** one batch in one transaction; returns how many items it took (== batch: more may wait) */
  run: () => Promise<number>;
  batch: number;
  delayMs: number;
  burstDelayMs: number;
  /** for the log when a pass fails */
  name: string;
};

type State = {
  timer: ReturnType<typeof setTimeout> | null;
  /** when the timer fires (performance.now()) */
  dueAt: number;
  running: boolean;
  again: boolean;
  /** changes committed since the last batch started (each may have queued an item) */
  changes: number;
  /** holds in force (tests that need the queue to wait); a pass due meanwhile runs on release */
  held: number;
  missed: boolean;
};

export type Schedule = {
  (delayMs?: number): void;
  /** Tests: no pass runs until the returned release is called (a drain called by hand still runs). */
  hold(): () => void;
};

/**
 * One scheduler per `key` and process, kept on globalThis: Next's server actions see other instances
 * of the modules. Returns `schedule(delayMs?)`, to call after a change that queued work has committed.
 */
export function batchedPass(key: string, pass: BatchedPass): Schedule {
  const symbol = Symbol.for(`relais.batches.${key}`);
  const state = (): State => {
    const g = globalThis as { [k: symbol]: State | undefined };
    let s = g[symbol];
    if (!s) {
      const created: State = {
        timer: null,
        dueAt: 0,
        running: false,
        again: false,
        changes: 0,
        held: 0,
        missed: false,
      };
      s = g[symbol] = created;
      onDbClose(() => {
        if (created.timer) clearTimeout(created.timer);
        created.timer = null;
        created.again = false;
        created.missed = false;
      });
    }
    return s;
  };

  const finish = (s: State, nextIn: number | null) => {
    s.running = false;
    s.again = false;
    if (nextIn !== null) arm(s, nextIn);
  };

  /** A change committed: it counts towards a burst, and a pass follows. */
  function schedule(delayMs = pass.delayMs): void {
    const s = state();
    s.changes += 1;
    arm(s, delayMs);
  }

  /** A pass within delayMs (sooner once a burst's worth of changes came); a reschedule is not a change. */
  function arm(s: State, delayMs: number): void {
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.changes >= pass.batch) delayMs = Math.min(delayMs, pass.burstDelayMs);
    const dueAt = performance.now() + delayMs;
    if (s.timer) {
      if (s.dueAt <= dueAt) return;
      clearTimeout(s.timer);
    }
    s.dueAt = dueAt;
    s.timer = setTimeout(() => {
      s.timer = null;
      if (s.held > 0) {
        s.missed = true;
        return;
      }
      s.running = true;
      s.again = false;
      s.changes = 0;
      pass
        .run()
        // A full batch: more may wait (a burst); changes committed while it ran queued items too.
        .then((n) => finish(s, n >= pass.batch ? pass.burstDelayMs : s.again ? pass.delayMs : null))
        .catch((e: unknown) => {
          logger.warn(`${pass.name} failed`, { error: String(e) });
          finish(s, null);
        });
    }, delayMs);
    s.timer.unref();
  }
  schedule.hold = () => {
    const s = state();
    s.held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      s.held -= 1;
      if (s.held === 0 && s.missed) {
        s.missed = false;
        arm(s, 0);
      }
    };
  };
  return schedule;
}
