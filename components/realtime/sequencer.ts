// Applies a dossier's events once each, in seq order (section 5). Live events may arrive out of order
// or with gaps; a gap is held briefly, then filled by a catch-up whose answer is authoritative (a gap it
// does not fill was an event this viewer may not see).
import type { DossierEventWire } from "@/server/realtime/contract";

export class Sequencer {
  private pending = new Map<number, DossierEventWire>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    public lastSeq: number,
    private readonly apply: (e: DossierEventWire) => void,
    private readonly requestCatchUp: () => void,
    private readonly gapWaitMs = 400,
  ) {}

  /** A live event. */
  receive(e: DossierEventWire) {
    if (e.seq <= this.lastSeq || this.pending.has(e.seq)) return;
    this.pending.set(e.seq, e);
    this.drain();
  }

  /** A catch-up answer: every visible event after lastSeq up to `seq`. */
  caughtUp(seq: number, events: DossierEventWire[]) {
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
      if (e.seq > this.lastSeq) {
        this.lastSeq = e.seq;
        this.pending.delete(e.seq);
        this.apply(e);
      }
    }
    if (seq > this.lastSeq) this.lastSeq = seq;
    for (const s of [...this.pending.keys()]) if (s <= this.lastSeq) this.pending.delete(s);
    this.clearGap();
    this.drain();
  }

  private drain() {
    let next = this.pending.get(this.lastSeq + 1);
    while (next) {
      this.pending.delete(next.seq);
      this.lastSeq = next.seq;
      this.apply(next);
      next = this.pending.get(this.lastSeq + 1);
    }
    if (this.pending.size === 0) this.clearGap();
    else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.pending.size > 0) this.requestCatchUp();
      }, this.gapWaitMs);
    }
  }

  private clearGap() {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  dispose() {
    this.clearGap();
    this.pending.clear();
  }
}
