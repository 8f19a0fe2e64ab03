// With REDIS_URL, processes share live traffic through Redis pub/sub. What Redis drops while it
// restarts is recovered by the seq catch-up of section 5.
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { logger } from "../logger";
import type { RelaisIo } from "./server";

export async function attachRedisAdapter(io: RelaisIo, url: string): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (e: unknown) => logger.warn("redis", { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  // The adapter fires publish() without awaiting it: while Redis is down (or after quit) each one would
  // be an unhandled rejection. A dropped publish is harmless (clients catch up by seq), so log it.
  const publish = pub.publish.bind(pub);
  (pub as { publish: typeof publish }).publish = ((...args: Parameters<typeof publish>) =>
    publish(...args).catch((e: unknown) => {
      logger.debug("redis publish dropped", { error: String(e) });
      return 0;
    })) as typeof pub.publish;
  io.adapter(createAdapter(pub, sub));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
