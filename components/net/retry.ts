// C10, issue 17: a chunk fetched after the first render (the page's catalogue, socket.io-client) may
// fail to load on a phone that lost the network. Such a load is tried again until it succeeds: when the
// browser says it is back online, or after a growing wait (1 s, 2 s, … 30 s) in case it never noticed
// being offline (a server restarting, a flaky Wi-Fi). The bundler's runtime fetches a failed chunk
// anew on the next import().

export type RetryClock = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Calls `fn` once when the browser is back online; returns how to stop listening. */
  onOnline(fn: () => void): () => void;
};

const MAX_WAIT_MS = 30_000;

const browserClock: RetryClock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  onOnline(fn) {
    if (typeof window === "undefined") return () => {};
    window.addEventListener("online", fn, { once: true });
    return () => window.removeEventListener("online", fn);
  },
};

/** `load()`'s value, however many attempts it takes: the promise never rejects. */
export function untilLoaded<T>(load: () => Promise<T>, clock: RetryClock = browserClock): Promise<T> {
  return new Promise<T>((resolve) => {
    let wait = 1_000;
    const attempt = () =>
      load().then(resolve, () => {
        let done = false;
        const again = () => {
          if (done) return;
          done = true;
          clock.clearTimeout(timer);
          stopListening();
          attempt();
        };
        const timer = clock.setTimeout(again, wait);
        const stopListening = clock.onOnline(again);
        wait = Math.min(wait * 2, MAX_WAIT_MS);
      });
    attempt();
  });
}
