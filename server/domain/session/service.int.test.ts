// X1: sessions end on the server. Signs in and out through next-auth's own handler (the code behind
// /api/auth/*), then presents the cookies where a browser would: the socket handshake, and the session
// check every page, action and route makes (sessionActor, what currentActor calls). Real database on
// both providers, real sockets; the clock is a parameter for the idle timeout and the lifetime.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "../../auth/options";
import { sessionFromCookieHeader } from "../../auth/socket";
import { db } from "../../db";
import { env } from "../../env";
import { sweepSessionSockets } from "../../realtime/server";
import { TEST_SECRET, useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { connectClient, join, signedIn, startRealtime, type TestClient } from "../../test/server";
import { changeRole, deactivateUser } from "../users/service";
import { LAST_SEEN_INTERVAL_MS, sessionLimits } from "./policy";
import { sessionActor, signOutEverywhere } from "./service";

// Limits other than the defaults: they come from the environment (README, Configuration).
const IDLE_MINUTES = 30;
const MAX_HOURS = 8;
const MIN = 60_000;

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let rt: Awaited<ReturnType<typeof startRealtime>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
const open: TestClient[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase({
    DEMO_LOGIN: "1",
    SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
    SESSION_MAX_HOURS: String(MAX_HOURS),
  });
  rt = await startRealtime();
  w = await makeWorld();
});
afterAll(async () => {
  open.forEach((c) => c.close());
  await rt.close();
  await tdb.cleanup();
});

// --- next-auth's handler, as /api/auth/* runs it -------------------------------------------------

// The core handler behind app/api/auth/[...nextauth] (next-auth's package does not export its path).
type Cookie = { name: string; value: string; options?: { maxAge?: number } };
type RequestInternal = {
  action: string;
  providerId?: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, string>;
  cookies?: Record<string, string>;
};
type ResponseInternal = { body?: unknown; redirect?: string; cookies?: Cookie[] };
const require = createRequire(import.meta.url);
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler: (p: { req: RequestInternal; options: unknown }) => Promise<ResponseInternal>;
};

const CSRF = crypto.randomBytes(16).toString("hex");
const csrfCookie = `${CSRF}|${crypto.createHash("sha256").update(`${CSRF}${TEST_SECRET}`).digest("hex")}`;

function nextAuth(req: RequestInternal): Promise<ResponseInternal> {
  return AuthHandler({
    req: {
      headers: { host: "localhost:3000" },
      query: {},
      ...req,
      cookies: { "next-auth.csrf-token": csrfCookie, ...req.cookies },
    },
    options: authOptions(),
  });
}

function sessionCookieOf(res: ResponseInternal): string {
  const value = res.cookies?.find((c) => c.name === "next-auth.session-token")?.value;
  if (!value) throw new Error(`no session cookie in ${JSON.stringify(res.redirect ?? res.body)}`);
  return `next-auth.session-token=${value}`;
}

/** The demo sign-in button: POST /api/auth/callback/demo. */
async function demoSignIn(email: string): Promise<string> {
  return sessionCookieOf(
    await nextAuth({ action: "callback", providerId: "demo", method: "POST", body: { csrfToken: CSRF, email } }),
  );
}

/** The magic link: POST /api/auth/signin/email, then the link of the email it recorded. */
async function magicLinkSignIn(email: string): Promise<string> {
  await nextAuth({ action: "signin", providerId: "email", method: "POST", body: { csrfToken: CSRF, email } });
  const delivery = await db().emailDelivery.findFirst({
    where: { toEmail: email, template: "sign-in" },
    orderBy: { createdAt: "desc" },
  });
  const link = new URL((JSON.parse(delivery!.params) as { url: string }).url);
  return sessionCookieOf(
    await nextAuth({
      action: "callback",
      providerId: "email",
      method: "GET",
      query: Object.fromEntries(link.searchParams),
    }),
  );
}

/** "Se déconnecter": POST /api/auth/signout with the session cookie. */
async function signOut(cookie: string) {
  const [name, value] = cookie.split("=");
  const res = await nextAuth({
    action: "signout",
    method: "POST",
    body: { csrfToken: CSRF },
    cookies: { [name]: value },
  });
  // next-auth also tells the browser to drop the cookie; an attacker who kept it replays it anyway.
  expect(res.cookies?.find((c) => c.name === "next-auth.session-token")?.options?.maxAge).toBe(0);
}

// --- what a page, an action, a route and a socket see ---------------------------------------------

/** What currentActor answers for this cookie (every page, action and route handler). */
async function httpActor(cookie: string, now = new Date()) {
  const claims = await sessionFromCookieHeader(cookie, env().secret);
  return claims ? sessionActor(claims.sessionId, claims.userId, now) : null;
}

async function socketWith(cookie: string): Promise<TestClient> {
  const c = await connectClient(rt.url, { cookie });
  open.push(c);
  return c;
}

function cut(socket: TestClient): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket not cut within 3 s")), 3000);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The sweep looks at every socket of the process: start its tests from none. */
function closeAll() {
  open.splice(0).forEach((c) => c.close());
}

async function refusedBySocket(cookie: string) {
  await expect(connectClient(rt.url, { cookie })).rejects.toThrow(/unauthorized/);
}

describe("X1: sign-out ends the session on the server", () => {
  it("X1: a signed-out cookie opens nothing: no page, action or route actor, no socket, and its open socket is cut at once; the user's other browser stays signed in", async () => {
    const email = (await db().user.findUniqueOrThrow({ where: { id: w.advisor.id } })).email;
    const laptop = await demoSignIn(email);
    const phone = await demoSignIn(email);
    expect((await httpActor(laptop))?.userId).toBe(w.advisor.id);
    const laptopSocket = await socketWith(laptop);
    const phoneSocket = await socketWith(phone);
    expect(await join(laptopSocket, w.dossier.id)).toMatchObject({ ok: true });

    const laptopCut = cut(laptopSocket);
    await signOut(laptop);
    expect(await laptopCut).toBe("io server disconnect");
    expect(await httpActor(laptop)).toBeNull();
    await refusedBySocket(laptop);
    // next-auth's own /api/auth/session answers no session and clears the cookie.
    const [name, value] = laptop.split("=");
    const session = await nextAuth({ action: "session", method: "GET", cookies: { [name]: value } });
    expect(session.body).toEqual({});

    // Only that session ended.
    expect(phoneSocket.connected).toBe(true);
    expect((await httpActor(phone))?.userId).toBe(w.advisor.id);
    expect(await join(phoneSocket, w.dossier.id)).toMatchObject({ ok: true });
  });

  it("X1: magic-link sign-in starts a session of its own, which sign-out ends the same way", async () => {
    const email = (await db().user.findUniqueOrThrow({ where: { id: w.referent.id } })).email;
    const cookie = await magicLinkSignIn(email);
    expect((await httpActor(cookie))?.userId).toBe(w.referent.id);
    const socket = await socketWith(cookie);
    const gone = cut(socket);
    await signOut(cookie);
    expect(await gone).toBe("io server disconnect");
    expect(await httpActor(cookie)).toBeNull();
    await refusedBySocket(cookie);
  });

  it("X1: a valid JWT that names no session row (a stateless token, as before, or a forged sid) is refused", async () => {
    const { encode } = await import("next-auth/jwt");
    for (const token of [{ sub: w.advisor.id }, { sub: w.advisor.id, sid: "no-such-session" }]) {
      const cookie = `next-auth.session-token=${await encode({ token, secret: TEST_SECRET })}`;
      expect(await httpActor(cookie)).toBeNull();
      await refusedBySocket(cookie);
    }
    // Another user's session id under my user id is not mine either.
    const theirs = await signedIn(w.staff.id);
    const claims = (await sessionFromCookieHeader(theirs.cookie, TEST_SECRET))!;
    const cookie = `next-auth.session-token=${await encode({ token: { sub: w.advisor.id, sid: claims.sessionId }, secret: TEST_SECRET })}`;
    expect(await httpActor(cookie)).toBeNull();
    await refusedBySocket(cookie);
  });
});

describe("X1: sessions ended for the user", () => {
  it("X1: sign out everywhere ends every session of the user (their open sockets cut, their cookies refused); another user's session lives", async () => {
    const user = await makeUser("Everywhere Test", { organizationId: w.org.id });
    const a = await signedIn(user.id);
    const b = await signedIn(user.id);
    const other = await signedIn(w.staff.id);
    const [sa, sb, so] = [await socketWith(a.cookie), await socketWith(b.cookie), await socketWith(other.cookie)];
    const cuts = [cut(sa), cut(sb)];

    expect(await signOutEverywhere(await actor(user.id))).toEqual({ ok: true, value: { signedOut: true } });
    expect(await Promise.all(cuts)).toEqual(["io server disconnect", "io server disconnect"]);
    for (const cookie of [a.cookie, b.cookie]) {
      expect(await httpActor(cookie)).toBeNull();
      await refusedBySocket(cookie);
    }
    expect(so.connected).toBe(true);
    expect((await httpActor(other.cookie))?.userId).toBe(w.staff.id);
    // Signing in again works: a new session.
    expect((await httpActor((await signedIn(user.id)).cookie))?.userId).toBe(user.id);
  });

  it("X1: a deactivated user's open socket is cut and their cookie refused; the admin's own session lives", async () => {
    const admin = await makeUser("Admin Deact", { organizationId: w.org.id, role: "admin" });
    const user = await makeUser("Deactivated Test", { organizationId: w.org.id });
    const mine = await signedIn(admin.id);
    const theirs = await signedIn(user.id);
    const socket = await socketWith(theirs.cookie);
    const gone = cut(socket);
    expect(await deactivateUser(await actor(admin.id), { organizationId: w.org.id, userId: user.id })).toMatchObject({
      ok: true,
    });
    expect(await gone).toBe("io server disconnect");
    expect(await httpActor(theirs.cookie)).toBeNull();
    await refusedBySocket(theirs.cookie);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    // A deactivated account does not sign in again (demo provider through next-auth).
    const email = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).email;
    const res = await nextAuth({
      action: "callback",
      providerId: "demo",
      method: "POST",
      body: { csrfToken: CSRF, email },
    });
    expect(res.cookies?.some((c) => c.name === "next-auth.session-token" && c.value)).toBe(false);
    expect((await httpActor(mine.cookie))?.userId).toBe(admin.id);
  });

  it("X1: a role change ends the user's sessions (sockets cut, cookies refused) so they come back with the new rights; an unchanged role or another admin's attempt ends nothing", async () => {
    const admin = await makeUser("Admin Role", { organizationId: w.org.id, role: "admin" });
    const user = await makeUser("Role Test", { organizationId: w.org.id });
    const theirs = await signedIn(user.id);
    const socket = await socketWith(theirs.cookie);

    // Same role: nothing changes, nothing ends. Another organization's staff: not found, nothing ends.
    await changeRole(await actor(admin.id), { organizationId: w.org.id, userId: user.id, role: "member" });
    expect(
      await changeRole(await actor(w.otherStaff.id), { organizationId: w.org.id, userId: user.id, role: "staff" }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await httpActor(theirs.cookie))?.userId).toBe(user.id);
    expect(socket.connected).toBe(true);

    const gone = cut(socket);
    expect(
      await changeRole(await actor(admin.id), { organizationId: w.org.id, userId: user.id, role: "staff" }),
    ).toMatchObject({ ok: true });
    expect(await gone).toBe("io server disconnect");
    expect(await httpActor(theirs.cookie)).toBeNull();
    await refusedBySocket(theirs.cookie);
  });
});

describe("X1: idle timeout and absolute lifetime, with the clock as a parameter", () => {
  it("X1: the limits come from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS", () => {
    expect(sessionLimits()).toEqual({ idleMs: IDLE_MINUTES * MIN, lifetimeMs: MAX_HOURS * 60 * MIN });
  });

  it("X1: a session used within the idle timeout lives (its last use written at most once a minute); idle past it, it ends: the socket sweep cuts its socket and its cookie is refused", async () => {
    closeAll();
    const t0 = new Date();
    const s = await signedIn(w.referent.id, { now: t0 });
    const socket = await socketWith(s.cookie);
    const lastSeen = async () => (await db().session.findUniqueOrThrow({ where: { id: s.sessionId } })).lastSeenAt;
    const at = (ms: number) => new Date(t0.getTime() + ms);

    // Used again within the minute: no write.
    expect(await sessionActor(s.sessionId, w.referent.id, at(LAST_SEEN_INTERVAL_MS - 1000))).not.toBeNull();
    expect((await lastSeen()).getTime()).toBe(t0.getTime());
    // Used near the end of the idle timeout: it lives and the use is written.
    const used = at((IDLE_MINUTES - 1) * MIN);
    expect(await sessionActor(s.sessionId, w.referent.id, used)).not.toBeNull();
    expect((await lastSeen()).getTime()).toBe(used.getTime());
    // The sweep a little later keeps it: idle for less than the timeout since that use.
    expect(await sweepSessionSockets(rt.io, at((2 * IDLE_MINUTES - 2) * MIN))).toEqual({ cut: 0 });
    expect(socket.connected).toBe(true);

    // Idle for the whole timeout since the last use: the sweep cuts the socket and ends the session.
    const gone = cut(socket);
    const idle = new Date(used.getTime() + IDLE_MINUTES * MIN);
    expect(await sweepSessionSockets(rt.io, idle)).toEqual({ cut: 1 });
    expect(await gone).toBe("io server disconnect");
    expect(await sessionActor(s.sessionId, w.referent.id, idle)).toBeNull();
    expect(await httpActor(s.cookie)).toBeNull();
    await refusedBySocket(s.cookie);
  });

  it("X1: a page or action after the idle timeout is refused and ends the session (no sweep needed)", async () => {
    const t0 = new Date();
    const s = await signedIn(w.applicant.id, { now: t0 });
    expect(await sessionActor(s.sessionId, w.applicant.id, new Date(t0.getTime() + IDLE_MINUTES * MIN))).toBeNull();
    expect(await db().session.findUnique({ where: { id: s.sessionId } })).toBeNull();
    expect(await httpActor(s.cookie)).toBeNull();
  });

  it("X1: a session used all along still ends at its absolute lifetime: refused, and its socket swept", async () => {
    closeAll();
    const t0 = new Date();
    const s = await signedIn(w.advisor.id, { now: t0 });
    const socket = await socketWith(s.cookie);
    // Used every 20 minutes for the whole lifetime: never idle.
    let t = t0.getTime();
    for (t += 20 * MIN; t < t0.getTime() + MAX_HOURS * 60 * MIN; t += 20 * MIN)
      expect(await sessionActor(s.sessionId, w.advisor.id, new Date(t)), new Date(t).toISOString()).not.toBeNull();
    expect(await sweepSessionSockets(rt.io, new Date(t0.getTime() + MAX_HOURS * 60 * MIN - MIN))).toEqual({ cut: 0 });

    const end = new Date(t0.getTime() + MAX_HOURS * 60 * MIN);
    const gone = cut(socket);
    expect(await sweepSessionSockets(rt.io, end)).toEqual({ cut: 1 });
    expect(await gone).toBe("io server disconnect");
    expect(await sessionActor(s.sessionId, w.advisor.id, end)).toBeNull();
    await refusedBySocket(s.cookie);
  });
});
