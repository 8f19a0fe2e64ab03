// X1: when a session ends by time, with the clock as a parameter. A session ends after SESSION_MAX_HOURS
// from sign-in whatever happens (absolute lifetime), and after SESSION_IDLE_MINUTES without use (idle
// timeout). "Use" is a page, an action, a route or a socket event of that session; it is written at
// most once a minute per session, so the idle clock is exact to the minute.
import { env } from "../../env";

export type SessionLimits = { idleMs: number; lifetimeMs: number };
export type SessionTimes = { createdAt: Date; lastSeenAt: Date };
export type SessionEnd = "idle" | "lifetime";

/** How often a session's last use is written, at most: no database write on every request. */
export const LAST_SEEN_INTERVAL_MS = 60_000;

export function sessionLimits(): SessionLimits {
  const e = env();
  return { idleMs: e.SESSION_IDLE_MINUTES * 60_000, lifetimeMs: e.SESSION_MAX_HOURS * 3_600_000 };
}

/** Why the session has ended at `now`, or null while it lives. */
export function sessionEnded(s: SessionTimes, now: Date, limits: SessionLimits): SessionEnd | null {
  if (now.getTime() - s.createdAt.getTime() >= limits.lifetimeMs) return "lifetime";
  if (now.getTime() - s.lastSeenAt.getTime() >= limits.idleMs) return "idle";
  return null;
}

/** The last use is old enough to be written again. */
export function lastSeenDue(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS;
}
