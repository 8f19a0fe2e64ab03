// Next's production server loads every route's modules once it starts, in the background
// (experimental.preloadEntriesOnStart, on by default). Here that came after the port had opened: on 2
// cores with four processes it held a process's event loop for 2–3 s while sockets were already
// connected and sending (bench G8: sends acknowledged 3–7 s late). next.config.mjs turns it off and the
// server loads the routes itself before it listens, so a process takes traffic only once it is ready.
import { logger } from "../logger";

type Preloadable = { unstable_preloadEntries?: () => Promise<void> };
/** What `next()` returns for a custom server, seen through the few fields used here. */
type CustomServer = { server?: { getServer?: () => Promise<Preloadable> } };

/** Loads every route before the caller listens; false when this Next has no such hook (then routes load on first use). */
export async function preloadRoutes(app: unknown): Promise<boolean> {
  const inner = await (app as CustomServer).server?.getServer?.();
  if (typeof inner?.unstable_preloadEntries !== "function") {
    logger.warn("routes not preloaded: this Next.js has no unstable_preloadEntries; they load on first request");
    return false;
  }
  await inner.unstable_preloadEntries();
  return true;
}
