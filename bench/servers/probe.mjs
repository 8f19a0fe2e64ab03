// Preloaded into every server under test (`node --import ./bench/servers/probe.mjs`): answers the bench
// orchestrator over the IPC channel with the process's memory, CPU time and an estimate of the bytes
// it allocated, so that the same figures come from Relais and from both baselines without touching
// their code.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setInterval } from "node:timers";
import v8 from "node:v8";

if (process.send) {
  // Allocation estimate: the sum of heap growth between samples. A garbage collection between two
  // samples hides what was allocated then, so this is a lower bound (young-generation collections
  // happen every few MiB; sampling every 10 ms catches most of the growth).
  let allocated = 0;
  let last = v8.getHeapStatistics().used_heap_size;
  const timer = setInterval(() => {
    const now = v8.getHeapStatistics().used_heap_size;
    if (now > last) allocated += now - last;
    last = now;
  }, 10);
  timer.unref();

  // The longest the event loop was held since the previous snapshot: a delivery late by 200 ms on one
  // process is either this (our JavaScript, a collection) or time spent outside the process.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();

  process.on("message", (msg) => {
    if (!msg || typeof msg !== "object" || msg.probe !== "snapshot") return;
    // Two collections so that what the previous phase left behind is gone (needs --expose-gc).
    if (msg.gc && typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    const now = v8.getHeapStatistics().used_heap_size;
    if (now > last) allocated += now - last;
    last = now;
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send({
      probe: "snapshot",
      id: msg.id,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      cpuUser: cpu.user,
      cpuSystem: cpu.system,
      allocated,
      loopMaxMs: loop.max / 1e6,
    });
    loop.reset();
  });
  // The channel must not keep a server alive once it is told to stop.
  process.channel?.unref();
}
