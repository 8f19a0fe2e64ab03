// Socket.IO on the app's HTTP server (section 5): session cookie and Origin checked at the handshake,
// every event validated with zod and authorized by the dossier policy, messages sent with an ack.
import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server, type Socket } from "socket.io";
import { sessionFromCookieHeader } from "../auth/socket";
import type { Actor } from "../auth/actor";
import { postMessage } from "../domain/conversation/service";
import { dossierAccess, partnerAccess } from "../domain/dossier/policy";
import { partnerEventsAfter } from "../domain/partner/service";
import { eventsAfter } from "../domain/dossier/service";
import { watchedOrganizations } from "../domain/dashboard/policy";
import { dashboardFiltersSchema } from "../domain/dashboard/schema";
import { dashboardRows, markRead } from "../domain/dashboard/service";
import { lastSeenDue } from "../domain/session/policy";
import { endedSessions, markSessionSeen, sessionActor } from "../domain/session/service";
import { fail } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../http/client";
import { consume } from "../ratelimit";
import { logger } from "../logger";
import type { ClientToServerEvents, ServerToClientEvents } from "./contract";
import { roomsSubscribed } from "./adapter";
import { createDashboardFanout } from "./dashboard";
import { flushPresence, presenceChanged } from "./presence";
import { publisher, type Publisher } from "./publisher";
import { isDashboardRoom, roomsForAudience, rooms } from "./rooms";
import { joinSchema, leaveSchema, readSchema, typingSchema } from "./schemas";

type SocketData = {
  actor: Actor;
  /** X1: the session this socket lives by; it is cut when the session ends */
  sessionId: string;
  /** X1: when this socket last recorded a use of its session (written once a minute at most) */
  seenAt: number;
  dossiers: Set<string>;
  lastTyping: Map<string, number>;
};
export type RelaisIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RelaisSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const TYPING_INTERVAL_MS = 1000;

export function createRealtimeServer(httpServer: HttpServer, opts: { appOrigin: string; secret: string }): RelaisIo {
  const io: RelaisIo = new Server(httpServer, {
    path: "/socket.io",
    transports: ["websocket", "polling"],
    perMessageDeflate: false,
    // Next's dev server handles its own upgrades (HMR): do not destroy them.
    destroyUpgrade: false,
    serveClient: false,
    // CORS does not protect WebSockets: refuse any Origin but the app's.
    allowRequest: (req: IncomingMessage, cb) => cb(null, req.headers.origin === opts.appOrigin),
  });

  io.use(async (socket, next) => {
    try {
      // X1: a live session row, not only a valid cookie.
      const claims = await sessionFromCookieHeader(socket.request.headers.cookie, opts.secret);
      const actor = claims ? await sessionActor(claims.sessionId, claims.userId) : null;
      if (!claims || !actor) return next(new Error("unauthorized"));
      // X4: connections per user and per client address.
      const address = String(
        socket.request.headers[CLIENT_ADDRESS_HEADER] ?? socket.request.socket.remoteAddress ?? "",
      );
      if (!(await consume("socket.connect.user", actor.userId)) || !(await consume("socket.connect.address", address)))
        return next(new Error("rate_limited"));
      socket.data = {
        actor,
        sessionId: claims.sessionId,
        seenAt: Date.now(),
        dossiers: new Set(),
        lastTyping: new Map(),
      };
      next();
    } catch (e) {
      logger.error("socket auth failed", { error: String(e) });
      next(new Error("internal"));
    }
  });

  io.on("connection", (socket: RelaisSocket) => {
    const { actor } = socket.data;
    // Not awaited: cutting sessions and sockets (disconnectSockets, socketsLeave) travels on the
    // adapter's main channel, not these rooms'. The one broadcast to a user's room, "dossier:revoked",
    // matters only to a socket in a dossier, and a dossier join waits for every subscription pending,
    // these included (roomsSubscribed).
    void socket.join([rooms.user(actor.userId), rooms.session(socket.data.sessionId)]);
    // X1: what the person does on the socket is a use of their session (idle timeout), written once a
    // minute at most; a socket only listening does not keep its session alive.
    socket.use(([event], next) => {
      if (event !== "dossier:leave") seen(socket);
      next();
    });

    socket.on("dossier:join", async (raw, ack) => {
      if (typeof ack !== "function") return;
      const parsed = joinSchema.safeParse(raw);
      if (!parsed.success) return ack(fail("invalid", actor.locale));
      const { dossierId, afterSeq } = parsed.data;
      // X4: joins per user (a reconnecting tab joins again; a loop is stopped).
      if (!(await consume("dossier.join", actor.userId))) return ack(fail("rate_limited", actor.locale));
      try {
        const access = await dossierAccess(actor, dossierId);
        if (!access) {
          // A5: a partner joins only the partners' room, and catches up on partner-audience events only.
          const partner = await partnerAccess(actor, dossierId);
          if (!partner) return ack(fail("not_found", actor.locale));
          await joinConfirmed(io, socket, rooms.dossierPartners(dossierId));
          socket.data.dossiers.add(dossierId);
          return ack({ ok: true, ...(await partnerEventsAfter(partner, afterSeq)) });
        }
        // T4: a read-only copy is a snapshot: it catches up to its transfer and joins no room, so
        // nothing newer reaches it live (nor presence, nor typing).
        if (access.readOnly) return ack({ ok: true, ...(await eventsAfter(access, afterSeq)) });
        // Join before reading the log so that nothing committed in between is missed (duplicates are
        // dropped by seq on the client).
        const joined = [
          rooms.dossier(dossierId),
          ...(access.side === "advisor" ? [rooms.dossierAdvisors(dossierId)] : []),
        ];
        await joinConfirmed(io, socket, joined);
        socket.data.dossiers.add(dossierId);
        ack({ ok: true, ...(await eventsAfter(access, afterSeq)) });
        presenceChanged(io, dossierId);
      } catch (e) {
        logger.error("dossier:join failed", { error: String(e) });
        ack(fail("internal", actor.locale));
      }
    });

    socket.on("dossier:leave", async (raw) => {
      const parsed = leaveSchema.safeParse(raw);
      if (!parsed.success) return;
      await leaveDossier(socket, parsed.data.dossierId);
      presenceChanged(io, parsed.data.dossierId);
    });

    socket.on("message:send", async (raw, ack) => {
      if (typeof ack !== "function") return;
      try {
        const res = await postMessage(actor, raw);
        ack(res.ok ? { ok: true, message: res.message } : res);
      } catch (e) {
        logger.error("message:send failed", { error: String(e) });
        ack(fail("internal", actor.locale));
      }
    });

    socket.on("dossier:read", async (raw, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = readSchema.safeParse(raw);
      if (!parsed.success) return reply(fail("invalid", actor.locale));
      try {
        const res = await markRead(actor, parsed.data);
        if (!res.ok) return reply(res);
        // The user's other tabs (their dashboard) update the unread count.
        io.to(rooms.userDashboard(actor.userId)).emit("dashboard:changed", { dossierId: parsed.data.dossierId });
        reply({ ok: true, lastReadSeq: res.value.lastReadSeq });
      } catch (e) {
        logger.error("dossier:read failed", { error: String(e) });
        reply(fail("internal", actor.locale));
      }
    });

    // Watch and unwatch apply in the order they came: a watch still reading its organizations must not
    // join after an unwatch that followed it (a dashboard left at once).
    let dashboard: Promise<void> = Promise.resolve();
    socket.on("dashboard:watch", (ack) => {
      dashboard = dashboard.then(async () => {
        try {
          // Staff-only room: an organization's advisors get only their own dossiers, through their user's.
          const organizationIds = await watchedOrganizations(actor);
          await joinConfirmed(io, socket, [
            rooms.userDashboard(actor.userId),
            ...organizationIds.map((id) => rooms.dashboard(id)),
          ]);
        } catch (e) {
          logger.warn("dashboard:watch failed", { error: String(e) });
        }
        if (typeof ack === "function") ack();
      });
    });

    socket.on("dashboard:unwatch", (ack) => {
      dashboard = dashboard.then(async () => {
        for (const room of [...socket.rooms]) if (isDashboardRoom(room)) await socket.leave(room);
        if (typeof ack === "function") ack();
      });
    });

    socket.on("dashboard:rows", async (raw, ack) => {
      if (typeof ack !== "function") return;
      const filters = dashboardFiltersSchema.safeParse(raw ?? {});
      if (!filters.success) return ack(fail("invalid", actor.locale));
      // X4: refreshes per user (a dashboard refetches once per burst of changes; a loop is stopped).
      if (!(await consume("dashboard.rows", actor.userId))) return ack(fail("rate_limited", actor.locale));
      try {
        ack({ ok: true, rows: await dashboardRows(actor, filters.data) });
      } catch (e) {
        logger.error("dashboard:rows failed", { error: String(e) });
        ack(fail("internal", actor.locale));
      }
    });

    socket.on("typing", (raw) => {
      const parsed = typingSchema.safeParse(raw);
      if (!parsed.success) return;
      const { dossierId } = parsed.data;
      // Only in a dossier this socket joined (so through the policy) and is still in: a revocation (A3)
      // takes the socket out of the room, on any process. At most once a second.
      if (!socket.data.dossiers.has(dossierId) || !socket.rooms.has(rooms.dossier(dossierId))) return;
      const now = Date.now();
      if (now - (socket.data.lastTyping.get(dossierId) ?? 0) < TYPING_INTERVAL_MS) return;
      socket.data.lastTyping.set(dossierId, now);
      socket.to(rooms.dossier(dossierId)).emit("typing", { dossierId, userId: actor.userId, name: actor.name });
    });

    socket.on("disconnecting", () => {
      for (const d of socket.data.dossiers) presenceChanged(io, d);
    });
  });

  return io;
}

/**
 * Closes the server. io.close() drops the sockets as a lost connection (their pages reconnect, to
 * another process if there is one; a "server disconnect" would make them reload, X1), then closes the
 * adapter. In between, the dossiers they were in hear that they left, viewers on other processes
 * included, while the adapter can still reach them.
 */
export async function closeRealtimeServer(io: RelaisIo): Promise<void> {
  const adapter = io.of("/").adapter;
  const closeAdapter = adapter.close.bind(adapter);
  adapter.close = async () => {
    await flushPresence(io);
    await closeAdapter();
  };
  await new Promise<void>((resolve) => io.close(() => resolve()));
}

/**
 * Joins the rooms and returns once the sharded adapter's channels for them are confirmed by Redis, so
 * that nothing published elsewhere after the answer misses this process (C1, A5, D1).
 */
async function joinConfirmed(io: RelaisIo, socket: RelaisSocket, room: string | string[]) {
  await socket.join(room);
  await roomsSubscribed(io);
}

function seen(socket: RelaisSocket, now = new Date()) {
  if (!lastSeenDue(new Date(socket.data.seenAt), now)) return;
  socket.data.seenAt = now.getTime();
  markSessionSeen(socket.data.sessionId, now).catch((e: unknown) =>
    logger.warn("session last use not recorded", { error: String(e) }),
  );
}

/**
 * X1: this process's sockets whose session has ended (signed out while a publish was lost, idle timeout,
 * lifetime) are cut. Run every minute (server/index.ts) with the clock as a parameter.
 */
export async function sweepSessionSockets(io: RelaisIo, now = new Date()): Promise<{ cut: number }> {
  const local = [...io.of("/").sockets.values()];
  const ended = await endedSessions([...new Set(local.map((s) => s.data.sessionId))], now);
  let cut = 0;
  for (const socket of local) {
    if (!ended.has(socket.data.sessionId)) continue;
    socket.disconnect(true);
    cut++;
  }
  return { cut };
}

async function leaveDossier(socket: RelaisSocket, dossierId: string) {
  socket.data.dossiers.delete(dossierId);
  await socket.leave(rooms.dossier(dossierId));
  await socket.leave(rooms.dossierAdvisors(dossierId));
  await socket.leave(rooms.dossierPartners(dossierId));
}

export function socketPublisher(io: RelaisIo): Publisher {
  // The fan-out stops with this publisher (shutdown, end of a test): no database read after that.
  const dashboard = createDashboardFanout(
    (roomNames, dossierId) => io.to(roomNames).emit("dashboard:changed", { dossierId }),
    () => publisher() === self,
  );
  const self: Publisher = {
    dossierEvent(event) {
      const { audience, organizationId: _org, ...wire } = event;
      io.to(roomsForAudience(event.dossierId, audience)).emit("dossier:event", wire);
      dashboard.touch(event);
    },
    revoke(userId, dossierId) {
      const mine = io.in(rooms.user(userId));
      mine.socketsLeave([rooms.dossier(dossierId), rooms.dossierAdvisors(dossierId), rooms.dossierPartners(dossierId)]);
      mine.emit("dossier:revoked", { dossierId });
      presenceChanged(io, dossierId);
    },
    revokePartner(userId, dossierId) {
      const mine = io.in(rooms.user(userId));
      mine.socketsLeave(rooms.dossierPartners(dossierId));
      mine.emit("dossier:revoked", { dossierId });
    },
    usersChanged(userIds, dossierId) {
      if (userIds.length) io.to(userIds.map((id) => rooms.userDashboard(id))).emit("dashboard:changed", { dossierId });
    },
    turnReadOnly(userId, dossierId) {
      const mine = io.in(rooms.user(userId));
      mine.socketsLeave([rooms.dossier(dossierId), rooms.dossierAdvisors(dossierId), rooms.dossierPartners(dossierId)]);
      mine.emit("dossier:revoked", { dossierId, readOnly: true });
      presenceChanged(io, dossierId);
    },
    revokeUser(userId) {
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    revokeSession(sessionId) {
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
  };
  return self;
}
