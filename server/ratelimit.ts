// X4: rate limits, one place. The counters live in memory, per process. Every limit is named here with its budget; callers consume a
// point per action and refuse with `rate_limited` (in the user's language) when none is left.
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
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

function limiter(name: LimitName): RateLimiterAbstract {
  const holder = globalThis as Holder;
  const map = (holder[KEY] ??= new Map());
  let l = map.get(name);
  if (l) return l;
  const { duration } = LIMITS[name];
  const points = LIMITS[name].points * env().RATE_LIMIT_FACTOR;
  // Per process, in memory: with several processes a user's budget is that many times larger. A shared
  // Redis store (RateLimiterRedis) broke the G9 case (Redis restarted during traffic cut sockets):
  // left for the next session, with a test of its own.
  l = new RateLimiterMemory({ keyPrefix: name, points, duration });
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
