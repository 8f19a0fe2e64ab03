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
  io.adapter(createAdapter(pub, sub));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
