// With REDIS_URL, processes share live traffic through Redis pub/sub. What Redis drops while it
// restarts is recovered by the seq catch-up of section 5. REDIS_ADAPTER chooses the sharded adapter
// (the default: Redis 7 sharded pub/sub, a channel per room, so a process hears only the rooms it has
// sockets in) or the classic one (one channel: every process hears every broadcast). Bench G8 decided
// the default (bench/README.md, thirteenth pass); a Redis older than 7 gets the classic one.
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { logger } from "../logger";
import type { RelaisIo } from "./server";

export type RedisAdapterKind = "classic" | "sharded";

/** The major version in the text of `INFO server` (0 when it cannot be read). */
export function redisMajorVersion(info: string): number {
  const m = /^redis_version:(\d+)\./m.exec(info);
  return m ? Number(m[1]) : 0;
}

// The sharded adapter subscribes to a room's channel when the room's first local socket joins, without
// waiting for Redis to confirm it: an event published elsewhere in that moment would miss this process
// (the viewer would get it only by the gap catch-up of the next event). Its subscriptions are tracked
// here so that a join can wait for them (roomsSubscribed) before it reads the log.
const subscribing = new WeakMap<RelaisIo, Set<Promise<unknown>>>();

function trackSubscriptions(io: RelaisIo, sub: ReturnType<typeof createClient>) {
  const pending = new Set<Promise<unknown>>();
  subscribing.set(io, pending);
  const original = sub.sSubscribe.bind(sub) as (...args: unknown[]) => Promise<unknown>;
  (sub as unknown as Record<string, unknown>).sSubscribe = (...args: unknown[]) => {
    const confirmed = original(...args);
    const settled = confirmed.catch(() => undefined).finally(() => pending.delete(settled));
    pending.add(settled);
    return confirmed;
  };
}

/** Resolves once Redis has confirmed the subscriptions of the rooms joined so far (at once without any). */
export async function roomsSubscribed(io: RelaisIo): Promise<void> {
  const pending = subscribing.get(io);
  if (pending?.size) await Promise.all([...pending]);
}

// The adapters' main channels with the default key: the classic one's requests (SUBSCRIBE) and the
// sharded one's (SSUBSCRIBE), one subscriber per process.
const CLASSIC_REQUESTS = "socket.io-request#/#";
const SHARDED_MAIN = "socket.io#/#";

/**
 * Processes already on this Redis with the other adapter. The two do not hear each other (PUBLISH
 * against SPUBLISH): a rolling change of REDIS_ADAPTER (or of its default, 2026-12-07) splits the
 * processes in two until the last one restarts. 0 when Redis cannot tell (no sharded pub/sub before 7).
 */
async function processesWithTheOtherAdapter(pub: ReturnType<typeof createClient>, kind: RedisAdapterKind) {
  try {
    const reply = (await pub.sendCommand(
      kind === "sharded" ? ["PUBSUB", "NUMSUB", CLASSIC_REQUESTS] : ["PUBSUB", "SHARDNUMSUB", SHARDED_MAIN],
    )) as unknown[];
    return Number(reply[1] ?? 0);
  } catch {
    return 0;
  }
}

export async function attachRedisAdapter(
  io: RelaisIo,
  url: string,
  wanted: RedisAdapterKind = "sharded",
): Promise<{ kind: RedisAdapterKind; close: () => Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (e: unknown) => logger.warn("redis", { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  // SSUBSCRIBE and SPUBLISH came with Redis 7.0.
  const version = wanted === "sharded" ? redisMajorVersion(await pub.info("server")) : 0;
  const kind: RedisAdapterKind = wanted === "sharded" && version < 7 ? "classic" : wanted;
  if (kind !== wanted)
    logger.warn("redis: sharded pub/sub needs Redis 7 or later; using the classic adapter", { version });
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
  if (kind === "sharded") trackSubscriptions(io, sub);
  io.adapter(kind === "sharded" ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
  const others = await processesWithTheOtherAdapter(pub, kind);
  if (others > 0)
    logger.error(
      "redis: other processes use the other adapter; live events between them and this one are lost until every process runs the same REDIS_ADAPTER",
      { adapter: kind, others },
    );
  return {
    kind,
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
