// SQLite's WAL is copied back into the database file by a checkpoint. Left to SQLite, the commit that
// crosses 1,000 pages runs it on the event loop, fsync included: a stall of tens of milliseconds every
// hundred sends or so (measured: 26 ms worst commit, 170 µs per commit on average against 95 µs
// without). A worker thread with its own connection runs passive checkpoints instead, which never
// block the writer; the connection's own auto-checkpoint stays as a high safety net.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "../logger";

/** Pages the WAL may reach before the writer checkpoints by itself (the worker normally keeps it far below). */
export const SAFETY_AUTOCHECKPOINT_PAGES = 20_000;

// An eval'd worker: no file to locate once Next has bundled this module.
const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or closing: the next tick retries */ }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Starts the checkpointer of a SQLite file; returns its stop. Null when it could not start (the safety net then stays SQLite's default). */
export function startCheckpointer(
  file: string,
  intervalMs = Number(process.env.SQLITE_CHECKPOINT_MS ?? 250),
): (() => Promise<void>) | null {
  try {
    // Resolved from the project, where the app's own better-sqlite3 is.
    const driver = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
    const worker = new Worker(source, { eval: true, workerData: { file, driver, intervalMs } });
    worker.unref();
    worker.on("error", (e) => logger.warn("sqlite checkpointer stopped", { error: String(e) }));
    return async () => {
      // Referenced while it stops: a script whose last step is closing the database must wait for it.
      worker.ref();
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
      await worker.terminate();
    };
  } catch (e) {
    logger.warn("sqlite checkpointer not started", { error: String(e) });
    return null;
  }
}
