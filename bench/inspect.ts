// Profiles of a bench script's own process, over an inspector session: only the part it measures
// (bench/send-path.ts, bench/email-pass.ts).
/** Runs `begin` on an inspector session of this process; the returned stop writes what `end` gives to `file`. */
async function inspect(
  file: string,
  begin: (session: import("node:inspector/promises").Session) => Promise<unknown>,
  end: (session: import("node:inspector/promises").Session) => Promise<{ profile: unknown }>,
): Promise<() => Promise<void>> {
  const { Session } = await import("node:inspector/promises");
  const fs = await import("node:fs");
  const session = new Session();
  session.connect();
  await begin(session);
  return async () => {
    fs.writeFileSync(file, JSON.stringify((await end(session)).profile));
    session.disconnect();
  };
}

/** PROFILE=<file>: a V8 CPU profile of the measured sends only (summarise it with bench/profile.mjs). */
export const startProfile = (file: string) =>
  inspect(
    file,
    async (s) => {
      await s.post("Profiler.enable");
      await s.post("Profiler.setSamplingInterval", { interval: 100 });
      await s.post("Profiler.start");
    },
    (s) => s.post("Profiler.stop"),
  );

/** HEAP_PROFILE=<file>: a V8 sampling heap profile (every 4 KiB allocated) of the measured sends, with what the collector freed kept in. */
export const startHeapProfile = (file: string) =>
  inspect(
    file,
    async (s) => {
      await s.post("HeapProfiler.enable");
      await s.post("HeapProfiler.startSampling", {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    (s) => s.post("HeapProfiler.stopSampling"),
  );
