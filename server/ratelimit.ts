// X4: rate limits, one place. In one process the counters live in memory; with REDIS_URL they live in
// Redis, so several processes share them. Every limit is named here with its budget; callers consume a
// point per action and refuse with `rate_limited` (in the user's language) when none is left.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { env } from "./env";
import { logger } from "./logger";

/** Each limit: how many actions per how many seconds, per key (a user, an address, an email…). */
export const LIMITS = {
  /** messages per user (300 at once were accepted before) */
  "message.send": { points: 30, duration: 10 },
  /** dossier joins per socket user (a reconnect storm of one tab stays within it) */
  "dossier.join": { points: 120, duration: 60 },
  /** new socket connections per user */
  "socket.connect.user": { points: 30, duration: 60 },
  /** new socket connections per client address */
  "socket.connect.address": { points: 120, duration: 60 },
  /** sign-in emails per address (20 in 3 s were sent before) */
  "signin.email": { points: 3, duration: 10 * 60 },
  /** sign-in emails per client address */
  "signin.address": { points: 20, duration: 10 * 60 },
  /** invitation emails per inviting user */
  "invite.user": { points: 50, duration: 60 * 60 },
  /** partner keys and requests per asking user */
  "solicitation.user": { points: 30, duration: 60 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

const KEY = Symbol.for("relais.ratelimits");
type Holder = { [KEY]?: Map<LimitName, RateLimiterAbstract> };

let redisClient: ReturnType<typeof createClient> | null = null;

function limiter(name: LimitName): RateLimiterAbstract {
  const holder = globalThis as Holder;
  const map = (holder[KEY] ??= new Map());
  let l = map.get(name);
  if (l) return l;
  const { duration } = LIMITS[name];
  const points = LIMITS[name].points * env().RATE_LIMIT_FACTOR;
  const url = env().REDIS_URL;
  if (url) {
    if (!redisClient) {
      redisClient = createClient({ url });
      redisClient.on("error", (e) => logger.warn("rate limit store unavailable", { error: String(e) }));
      const client = redisClient;
      // The counters' connection never keeps a process alive (a script, the seed, a test that is done).
      void client.connect().then(
        () => client.unref(),
        () => {},
      );
    }
    l = new RateLimiterRedis({
      storeClient: redisClient,
      useRedisPackage: true,
      keyPrefix: `relais:rl:${name}`,
      points,
      duration,
      // While Redis is away, each process keeps counting on its own rather than letting everything through.
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    });
  } else l = new RateLimiterMemory({ keyPrefix: name, points, duration });
  map.set(name, l);
  return l;
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

/** Tests only: forget every counter. */
export function resetRateLimitsForTests() {
  (globalThis as Holder)[KEY] = undefined;
}
