// A real HTTP server with the real Socket.IO server on a random port, and real clients for it.
// No Next here: integration tests exercise the realtime layer, services and database directly.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { startSession } from "../domain/session/service";
import type { ClientToServerEvents, ServerToClientEvents } from "../realtime/contract";
import { setPublisher } from "../realtime/publisher";
import { closeRealtimeServer, createRealtimeServer, socketPublisher, type RelaisIo } from "../realtime/server";
import { afterAll, beforeAll } from "vitest";
import { TEST_SECRET, useTestDatabase } from "./db";

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function startRealtime(): Promise<{
  url: string;
  origin: string;
  io: RelaisIo;
  http: Server;
  close: () => Promise<void>;
}> {
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const io = createRealtimeServer(http, { appOrigin: origin, secret: TEST_SECRET });
  setPublisher(socketPublisher(io));
  return {
    url: origin,
    origin,
    io,
    http,
    close: async () => {
      setPublisher(undefined);
      await closeRealtimeServer(io);
    },
  };
}

export async function sessionCookie(
  userId: string,
  name = "next-auth.session-token",
  secret = TEST_SECRET,
  maxAge = 3600,
) {
  return (await signedIn(userId, { name, secret, maxAge })).cookie;
}

/** X1: a sign-in as next-auth makes it: a session row, and the cookie of a JWT naming it. */
export async function signedIn(
  userId: string,
  opts: { name?: string; secret?: string; maxAge?: number; now?: Date } = {},
): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await startSession(userId, opts.now);
  const token = await encode({
    token: { sub: userId, sid: sessionId, name: "x" },
    secret: opts.secret ?? TEST_SECRET,
    maxAge: opts.maxAge ?? 3600,
  });
  return { cookie: `${opts.name ?? "next-auth.session-token"}=${token}`, sessionId };
}

/** Connects and resolves once connected, or rejects with the refusal. */
export function connectClient(
  url: string,
  opts: { cookie?: string; origin?: string; transports?: string[] } = {},
): Promise<TestClient> {
  const extraHeaders: Record<string, string> = {};
  if (opts.cookie) extraHeaders.cookie = opts.cookie;
  extraHeaders.origin = opts.origin ?? url;
  const socket: TestClient = connect(url, {
    path: "/socket.io",
    transports: opts.transports ?? ["websocket"],
    extraHeaders,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function join(socket: TestClient, dossierId: string, afterSeq = 0) {
  return socket.emitWithAck("dossier:join", { dossierId, afterSeq });
}

/** D1: opens the dashboard on this socket, once the server has joined it to the dashboard rooms. */
export async function watchDashboard(socket: TestClient): Promise<TestClient> {
  await socket.emitWithAck("dashboard:watch");
  return socket;
}

export function nextEvent<T>(socket: TestClient, event: keyof ServerToClientEvents, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, ((payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}

/** Resolves after the socket receives nothing of `event` for `ms`. Used to prove an absence. */
export function noEvent(socket: TestClient, event: keyof ServerToClientEvents, ms = 400): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = false;
    const h = () => (seen = true);
    socket.on(event, h as never);
    setTimeout(() => {
      socket.off(event, h as never);
      resolve(!seen);
    }, ms);
  });
}

/**
 * The usual set-up of a socket test file: a fresh database and a real socket server before the
 * tests, every client closed and everything dropped after. `client(userId)` connects as that user.
 */
export function realtimeSuite(extraEnv: Record<string, string> = {}) {
  let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
  let rt: Awaited<ReturnType<typeof startRealtime>>;
  const open: TestClient[] = [];
  beforeAll(async () => {
    tdb = await useTestDatabase(extraEnv);
    rt = await startRealtime();
  });
  afterAll(async () => {
    open.forEach((c) => c.close());
    await rt.close();
    await tdb.cleanup();
  });
  return {
    get url() {
      return rt.url;
    },
    async client(userId: string, cookieName?: string) {
      const c = await connectClient(rt.url, { cookie: await sessionCookie(userId, cookieName) });
      open.push(c);
      return c;
    },
  };
}
