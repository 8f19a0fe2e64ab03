// SQLite's WAL is copied back into the database file by a checkpoint. Left to SQLite, the commit that
// crosses 1,000 pages runs it on the event loop, fsync included: a stall of tens of milliseconds every
// hundred sends or so (measured: 26 ms worst commit, 170 µs per commit on average against 95 µs
// without). A worker thread with its own connection runs passive checkpoints instead, which never
// block the writer; the connection's own auto-checkpoint stays as a high safety net.
// The worker runs when told: the writer calls written() after its commits, which asks for one checkpoint
// intervalMs later. An idle process wakes nothing (a timer every 250 ms cost 6 ms of CPU a second with
// nothing to copy, a third of a message's cost at G2's 20 messages/s; issue 18).
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "../logger";

/** Pages the WAL may reach before the writer checkpoints by itself (the worker normally keeps it far below). */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;

// An eval'd worker: no file to locate once Next has bundled this module.
const source = /* js */ `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
parentPort.on("message", (m) => {
  if (m === "checkpoint") {
    try { checkpoint.get(); } catch { /* busy: the next commit asks again */ }
    return;
  }
  db.close();
  parentPort.close();
});
`;

export type Checkpointer = {
  /** A commit wrote to the WAL: a checkpoint follows within intervalMs (one for all the commits meanwhile). */
  written(): void;
  stop(): Promise<void>;
};

/** Starts the checkpointer of a SQLite file. Null when it could not start (the safety net then stays SQLite's default). */
export function startCheckpointer(
  file: string,
  intervalMs = Number(process.env.SQLITE_CHECKPOINT_MS ?? 250),
): Checkpointer | null {
  try {
    // Resolved from the project, where the app's own better-sqlite3 is.
    const driver = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
    const worker = new Worker(source, { eval: true, workerData: { file, driver, intervalMs } });
    worker.unref();
    worker.on("error", (e) => logger.warn("sqlite checkpointer stopped", { error: String(e) }));
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const written = () => {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) worker.postMessage("checkpoint");
      }, intervalMs);
      timer.unref();
    };
    const stop = async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      // Referenced while it stops: a script whose last step is closing the database must wait for it.
      worker.ref();
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      let wait: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([exited, new Promise((resolve) => (wait = setTimeout(resolve, 1000)))]);
      clearTimeout(wait);
      await worker.terminate();
    };
    return { written, stop };
  } catch (e) {
    logger.warn("sqlite checkpointer not started", { error: String(e) });
    return null;
  }
}
