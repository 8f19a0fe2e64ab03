// X1: sessions that end on the server. A sign-in starts a row; the session JWT carries its id, and
// every page, action, route and socket reads that row: no row, no actor. Ending a session deletes its
// row and cuts its sockets on every process (the publisher's rooms per session and per user).
import { randomBytes } from "node:crypto";
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asDate } from "../../db/hot";
import { ok, type Result } from "../../errors";
import { toLocale } from "../../i18n";
import { logger } from "../../logger";
import { publisher } from "../ports";
import { displayName } from "../text";
import { lastSeenDue, sessionEnded, sessionLimits, type SessionEnd } from "./policy";
import { SESSION_ACTOR, SESSION_END, SESSION_SEEN, type SessionActorRow } from "./queries";

/** A sign-in (magic link or demo): a new session of this user; returns its id, the JWT's `sid`. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  // 128 random bits: the id names the row inside an encrypted token, and is unguessable on its own too.
  const id = randomBytes(16).toString("base64url");
  await db().session.create({
    data: {
      id,
      userId,
      sessionToken: randomBytes(32).toString("base64url"),
      createdAt: now,
      lastSeenAt: now,
      expires: new Date(now.getTime() + sessionLimits().lifetimeMs),
    },
  });
  // The security log (ASVS 16.3.1): who signed in and when; the session id is no bearer token (the JWT is).
  logger.info("session started", { userId, sessionId: id });
  return id;
}

/**
 * The actor of a live session, or null: no row (signed out, ended everywhere, deactivated, role
 * changed), another user's row, a deactivated user, or a session past its idle timeout or lifetime
 * (ended now). Records the use at most once a minute.
 */
export async function sessionActor(sessionId: string, userId: string, now = new Date()): Promise<Actor | null> {
  const row = await hot().get<SessionActorRow>(SESSION_ACTOR, [sessionId]);
  if (!row || row.userId !== userId) return null;
  const lastSeenAt = asDate(row.lastSeenAt);
  const ended = sessionEnded({ createdAt: asDate(row.createdAt), lastSeenAt }, now, sessionLimits());
  if (ended) {
    await endSession(sessionId, ended);
    return null;
  }
  if (lastSeenDue(lastSeenAt, now)) await markSessionSeen(sessionId, now);
  return { userId: row.userId, name: displayName(row), email: row.email, locale: toLocale(row.locale) };
}

/** The session was used (a socket event): written by the caller's own throttle, once a minute at most. */
export async function markSessionSeen(sessionId: string, now = new Date()): Promise<void> {
  await hot().transaction((q) => q.run(SESSION_SEEN, [now, sessionId]));
}

/** Sign-out (or a time limit): this session ends, and its open sockets are cut (on every process). */
export async function endSession(sessionId: string, reason: SessionEnd | "sign-out" = "sign-out"): Promise<void> {
  const ended = await hot().transaction((q) => q.run(SESSION_END, [sessionId]));
  publisher().revokeSession?.(sessionId);
  if (ended) logger.info("session ended", { sessionId, reason });
}

/** Every session of the user ends and every socket of theirs is cut: sign out everywhere, deactivation, role change. */
export async function endUserSessions(
  userId: string,
  reason: "everywhere" | "deactivated" | "role-changed",
): Promise<void> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  publisher().revokeUser?.(userId);
  logger.info("sessions ended", { userId, count, reason });
}

/** "Se déconnecter de partout": the actor's sessions end, this one included. */
export async function signOutEverywhere(actor: Actor): Promise<Result<{ signedOut: true }>> {
  await endUserSessions(actor.userId, "everywhere");
  return ok({ signedOut: true });
}

/** The settings page says how many sessions are open (this one included). */
export async function openSessionCount(actor: Actor, now = new Date()): Promise<number> {
  const { idleMs, lifetimeMs } = sessionLimits();
  return db().session.count({
    where: {
      userId: actor.userId,
      createdAt: { gt: new Date(now.getTime() - lifetimeMs) },
      lastSeenAt: { gt: new Date(now.getTime() - idleMs) },
    },
  });
}

/** Hourly: rows of sessions past their lifetime or idle timeout go (their sockets go with the socket sweep). */
export async function purgeEndedSessions(now = new Date()): Promise<{ purged: number }> {
  const { idleMs, lifetimeMs } = sessionLimits();
  const { count } = await db().session.deleteMany({
    where: {
      OR: [
        { createdAt: { lte: new Date(now.getTime() - lifetimeMs) } },
        { lastSeenAt: { lte: new Date(now.getTime() - idleMs) } },
      ],
    },
  });
  return { purged: count };
}

/**
 * The socket sweep: which of these sessions have ended at `now` (row gone, or past a limit); those past
 * a limit are ended here, so a page or a socket of theirs is refused too.
 */
export async function endedSessions(sessionIds: string[], now = new Date()): Promise<Set<string>> {
  const ended = new Set(sessionIds);
  const limits = sessionLimits();
  const timedOut: string[] = [];
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await db().session.findMany({
      where: { id: { in: sessionIds.slice(i, i + 500) } },
      select: { id: true, createdAt: true, lastSeenAt: true },
    });
    for (const r of rows) {
      if (sessionEnded(r, now, limits)) timedOut.push(r.id);
      else ended.delete(r.id);
    }
  }
  if (timedOut.length) {
    await db().session.deleteMany({ where: { id: { in: timedOut } } });
    logger.info("sessions timed out", { count: timedOut.length });
  }
  return ended;
}
