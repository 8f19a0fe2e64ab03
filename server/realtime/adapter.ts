// With REDIS_URL, processes share live traffic through Redis pub/sub. What Redis drops while it
// restarts is recovered by the seq catch-up of section 5. REDIS_ADAPTER chooses the classic adapter
// (one channel: every process hears every broadcast) or the sharded one (Redis 7 sharded pub/sub, a
// channel per room: a process hears only the rooms it has sockets in); bench G8 compares them.
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { logger } from "../logger";
import type { RelaisIo } from "./server";

export type RedisAdapterKind = "classic" | "sharded";

export async function attachRedisAdapter(
  io: RelaisIo,
  url: string,
  kind: RedisAdapterKind = "classic",
): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (e: unknown) => logger.warn("redis", { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  // The adapters fire publish() (sPublish() when sharded) without awaiting it: while Redis is down (or
  // after quit) each one would be an unhandled rejection. A dropped publish is harmless (clients catch
  // up by seq), so log it.
  for (const method of ["publish", "sPublish"] as const) {
    const original = pub[method].bind(pub) as (...args: unknown[]) => Promise<number>;
    (pub as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      original(...args).catch((e: unknown) => {
        logger.debug("redis publish dropped", { error: String(e) });
        return 0;
      });
  }
  io.adapter(kind === "sharded" ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
