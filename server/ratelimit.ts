// X4: rate limits, one place. Every limit is named here with its budget; callers consume a point per
// action and refuse with `rate_limited` (in the user's language) when none is left. The counters live in
// memory in one process, and in Redis when REDIS_URL is set, so that several processes share one budget.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { env } from "./env";
import { logger } from "./logger";

/** Each limit: how many actions per how many seconds, per key (a user, an address, an email…). */
export const LIMITS = {
  /** messages per user (300 at once were accepted before); per process: see `shared` */
  "message.send": { points: 30, duration: 10, shared: false },
  /** dossier joins per socket user (a reconnect storm of one tab stays within it); per process */
  "dossier.join": { points: 120, duration: 60, shared: false },
  /** dashboard refreshes per socket user (one per burst of changes and per reconnection); per process */
  "dashboard.rows": { points: 120, duration: 60, shared: false },
  /** new socket connections per user */
  "socket.connect.user": { points: 30, duration: 60, shared: true },
  /** new socket connections per client address */
  "socket.connect.address": { points: 120, duration: 60, shared: true },
  /** sign-in emails per address (20 in 3 s were sent before) */
  "signin.email": { points: 3, duration: 10 * 60, shared: true },
  /** sign-in emails per client address */
  "signin.address": { points: 20, duration: 10 * 60, shared: true },
  /** invitation emails per inviting user */
  "invite.user": { points: 50, duration: 60 * 60, shared: true },
  /** partner keys and requests per asking user */
  "solicitation.user": { points: 30, duration: 60 * 60, shared: true },
} as const;
// `shared`: counted in Redis when REDIS_URL is set, so that N processes give one budget. What leaves
// the machine (emails) and what a flood of connections costs are shared; messages and joins, checked on
// every send at thousands a second, stay in each process's memory (a Redis round trip per send would be
// Redis's busiest work, docs/capacity.md): a user then gets at most N times their budget, still bounded.

export type LimitName = keyof typeof LIMITS;

const KEY = Symbol.for("relais.ratelimits");
type Holder = { [KEY]?: Map<LimitName, RateLimiterAbstract> };

function limiter(name: LimitName): RateLimiterAbstract {
  const holder = globalThis as Holder;
  const map = (holder[KEY] ??= new Map());
  let l = map.get(name);
  if (l) return l;
  const { duration } = LIMITS[name];
  const points = LIMITS[name].points * env().RATE_LIMIT_FACTOR;
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
  const client = LIMITS[name].shared ? redisClient() : null;
  // With Redis, a process whose Redis is away (restarting, G9) counts in memory meanwhile rather than
  // wait or refuse: the insurance limiter answers at once while the connection is not ready.
  l = client
    ? new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `relais:rl:${name}`,
        points,
        duration,
        insuranceLimiter: memory,
      })
    : memory;
  map.set(name, l);
  return l;
}

const CLIENT = Symbol.for("relais.ratelimits.redis");
type ClientHolder = { [CLIENT]?: ReturnType<typeof createClient> | null };

/**
 * Opens the counters' Redis connection at start-up (when REDIS_URL is set) rather than on the first
 * limited action: creating the client holds the event loop 110–250 ms on these machines (profiled in G8),
 * which the first person to connect to a fresh process would otherwise wait for.
 */
export function connectRateLimitStore(): void {
  redisClient();
}

/** One Redis connection for the counters; it never keeps a process alive, nor queues while Redis is away. */
function redisClient() {
  const holder = globalThis as ClientHolder;
  if (holder[CLIENT] !== undefined) return holder[CLIENT];
  const url = env().REDIS_URL;
  if (!url) return (holder[CLIENT] = null);
  const client = createClient({ url, disableOfflineQueue: true });
  client.on("error", (e: unknown) => logger.debug("rate limit redis", { error: String(e) }));
  client.unref();
  client
    .connect()
    .catch((e: unknown) => logger.warn("rate limit redis unreachable: counting in memory", { error: String(e) }));
  return (holder[CLIENT] = client);
}

/** Takes one point of `name` for `key`; false when the budget is spent (the caller answers rate_limited). */
export async function consume(name: LimitName, key: string, points = 1): Promise<boolean> {
  try {
    await limiter(name).consume(key, points);
    return true;
  } catch (e) {
    if (e instanceof Error) {
      // The store failed (not a refusal): let the action through and say so.
      logger.warn("rate limit check failed", { limit: name, error: e.message });
      return true;
    }
    return false;
  }
}

/**
 * Tests only: forget this process's limiters (Redis keeps its counters, as another process would see
 * them); with `redis`, also its connection, so that the next limit reads REDIS_URL again.
 */
export function resetRateLimitsForTests({ redis = false } = {}) {
  (globalThis as Holder)[KEY] = undefined;
  if (!redis) return;
  (globalThis as ClientHolder)[CLIENT]?.destroy();
  (globalThis as ClientHolder)[CLIENT] = undefined;
}

/** Tests only: whether the counters go to Redis, once its connection is ready. */
export async function rateLimitStoreReady(): Promise<"memory" | "redis"> {
  const client = redisClient();
  if (!client) return "memory";
  for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 20));
  return client.isReady ? "redis" : "memory";
}
