// Across processes, through the Socket.IO Redis adapter, with each adapter REDIS_ADAPTER offers: a session
// ended on one process cuts its sockets on another (X1: rooms per session and per user, disconnectSockets
// is broadcast), a message reaches a viewer on the other process (C1) and a revocation takes that viewer
// out of the dossier's rooms there (A3: socketsLeave is broadcast). Two real socket servers in this test
// process, each with its own adapter on a private redis-server, as two Relais processes.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort, PrivateRedis } from "../../e2e/fixtures/cluster";
import { endSession, signOutEverywhere } from "../domain/session/service";
import { useTestDatabase } from "../test/db";
import { makePartner } from "../test/partners";
import { actor, makeWorld } from "../test/factories";
import { postMessage } from "../domain/conversation/service";
import {
  connectClient,
  join,
  nextEvent,
  noEvent,
  signedIn,
  startRealtime,
  watchDashboard,
  type TestClient,
} from "../test/server";
import { logger } from "../logger";
import { attachRedisAdapter, type RedisAdapterKind } from "./adapter";
import { PRESENCE_WINDOW_MS } from "./presence";
import { publisher, setPublisher } from "./publisher";
import { rooms } from "./rooms";
import { socketPublisher } from "./server";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let redis: PrivateRedis;

beforeAll(async () => {
  tdb = await useTestDatabase();
  redis = new PrivateRedis(await freePort());
  await redis.start();
});
afterAll(async () => {
  await redis.stop();
  await tdb.cleanup();
});

/** A TCP proxy to Redis that holds every chunk `ms` in each direction (order kept). */
async function delayingProxy(redisUrl: string, ms: number): Promise<{ url: string; close: () => void }> {
  const target = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  const held = (from: net.Socket, to: net.Socket) =>
    from.on("data", (chunk) => setTimeout(() => to.writable && to.write(chunk), ms));
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      // The other side closes once what was held for it has gone through (QUIT's answer, say).
      s.on("close", () => setTimeout(() => (s === client ? upstream : client).end(), ms + 50));
    }
    held(client, upstream);
    held(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
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

// Both adapters REDIS_ADAPTER offers; the sharded one is the default (this Redis is 7.0).
describe.each(["sharded", "classic"] as const)("across two processes, %s Redis adapter", (kind) => {
  let a: Awaited<ReturnType<typeof startRealtime>>;
  let b: Awaited<ReturnType<typeof startRealtime>>;
  const closers: (() => Promise<void>)[] = [];
  const open: TestClient[] = [];

  // The configured adapter: the default when it is the sharded one.
  const configured = kind === "sharded" ? undefined : kind;
  /** A third process on the Redis at `url`; changes keep being published by A, before and after it. */
  async function anotherProcess(url: string, adapter?: RedisAdapterKind) {
    const rt = await startRealtime();
    setPublisher(socketPublisher(a.io));
    const attached = await attachRedisAdapter(rt.io, url, adapter);
    return {
      url: rt.url,
      close: async () => {
        await rt.close(); // unsets the publisher
        await attached.close();
        setPublisher(socketPublisher(a.io));
      },
    };
  }

  beforeAll(async () => {
    a = await startRealtime();
    b = await startRealtime();
    for (const rt of [a, b]) {
      const attached = await attachRedisAdapter(rt.io, redis.url, configured);
      expect(attached.kind).toBe(kind);
      closers.push(attached.close);
    }
    // The change happens on process A (its publisher); the sockets live on process B.
    setPublisher(socketPublisher(a.io));
  });
  afterAll(async () => {
    open.forEach((c) => c.close());
    await b.close();
    await a.close();
    await Promise.all(closers.map((c) => c()));
  });

  it("X1: a session ended on one process cuts its sockets on another at once; sign out everywhere cuts the user's remaining ones there too", async () => {
    const w = await makeWorld();
    const laptop = await signedIn(w.advisor.id);
    const phone = await signedIn(w.advisor.id);
    const colleague = await signedIn(w.staff.id);
    const [onB1, onB2, other] = await Promise.all(
      [laptop, phone, colleague].map((s) => connectClient(b.url, { cookie: s.cookie })),
    );
    open.push(onB1, onB2, other);
    expect(await join(onB1, w.dossier.id)).toMatchObject({ ok: true });

    const first = cut(onB1);
    await endSession(laptop.sessionId);
    expect(await first).toBe("io server disconnect");
    expect(onB2.connected).toBe(true);

    const second = cut(onB2);
    await signOutEverywhere(await actor(w.advisor.id));
    expect(await second).toBe("io server disconnect");
    expect(other.connected).toBe(true);
    await expect(connectClient(b.url, { cookie: phone.cookie })).rejects.toThrow(/unauthorized/);
  });

  it("C1, A5, D1: with the sharded adapter a join (a viewer's or a partner's) or a dashboard watch is answered once Redis has confirmed the room's channel (nothing published meanwhile misses this process); the classic one has no channel per room", async () => {
    // A third process whose Redis traffic is held 300 ms each way: its join outlasts the log read.
    const slow = await delayingProxy(redis.url, 300);
    const c = await anotherProcess(slow.url, configured);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      const w = await makeWorld();
      const viewer = await connectClient(c.url, { cookie: (await signedIn(w.staff.id)).cookie });
      open.push(viewer);
      const channel = `socket.io#/#${rooms.dossier(w.dossier.id)}#`;
      const subscribers = async (name: string) =>
        Number(((await admin.sendCommand(["PUBSUB", "SHARDNUMSUB", name])) as unknown[])[1]);
      expect(await subscribers(channel)).toBe(0);
      expect(await join(viewer, w.dossier.id)).toMatchObject({ ok: true });
      // Asked straight to Redis right after the answer: the process's subscription is already there.
      expect(await subscribers(channel)).toBe(kind === "sharded" ? 1 : 0);

      // A5: a partner's join (the partners' room only) waits the same way.
      const { partner } = await makePartner(w);
      const partnerChannel = `socket.io#/#${rooms.dossierPartners(w.dossier.id)}#`;
      const onC = await connectClient(c.url, { cookie: (await signedIn(partner.userId)).cookie });
      open.push(onC);
      expect(await subscribers(partnerChannel)).toBe(0);
      expect(await join(onC, w.dossier.id)).toMatchObject({ ok: true });
      expect(await subscribers(partnerChannel)).toBe(kind === "sharded" ? 1 : 0);

      // D1: so is a dashboard's watch (the user's dashboard room and the staff organization's).
      const dashboardChannels = [rooms.userDashboard(w.staff.id), rooms.dashboard(w.org.id)].map(
        (room) => `socket.io#/#${room}#`,
      );
      for (const name of dashboardChannels) expect(await subscribers(name)).toBe(0);
      await watchDashboard(viewer);
      for (const name of dashboardChannels) expect(await subscribers(name)).toBe(kind === "sharded" ? 1 : 0);
    } finally {
      await admin.quit();
      await c.close();
      slow.close();
    }
  });

  it("C6: a process that closes drops its sockets as a lost connection (they reconnect), tells the dossiers' viewers on other processes at once that its viewers left, and asks its adapter nothing afterwards", async () => {
    const c = await anotherProcess(redis.url, configured);
    const w = await makeWorld();
    const leaving = await connectClient(c.url, { cookie: (await signedIn(w.staff.id)).cookie });
    const staying = await connectClient(b.url, { cookie: (await signedIn(w.advisor.id)).cookie });
    open.push(staying);
    const heard: string[][] = [];
    staying.on("presence", (p: { dossierId: string; viewers: { userId: string }[] }) => {
      if (p.dossierId === w.dossier.id) heard.push(p.viewers.map((v) => v.userId).sort());
    });
    expect(await join(staying, w.dossier.id)).toMatchObject({ ok: true });
    expect(await join(leaving, w.dossier.id)).toMatchObject({ ok: true });
    const both = [w.staff.id, w.advisor.id].sort();
    await expect.poll(() => heard.at(-1), { timeout: 3000 }).toEqual(both);
    // Whatever was still in the window goes out with the close: nothing is pending afterwards.
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_WINDOW_MS + 50));
    heard.length = 0;

    const warn = vi.spyOn(logger, "warn");
    const reason = new Promise<string>((resolve) => leaving.once("disconnect", resolve));
    try {
      await c.close();
      // A lost connection, which the page reconnects: not a server disconnect, which reloads it (X1).
      expect(await reason).toBe("transport close");
      // The close sent it (no timer of the closed process is left to do so).
      await expect.poll(() => heard, { timeout: 2000 }).toEqual([[w.advisor.id]]);
      await new Promise((resolve) => setTimeout(resolve, PRESENCE_WINDOW_MS + 250));
      expect(warn.mock.calls.filter(([msg]) => msg === "presence failed")).toEqual([]);
      expect(heard).toEqual([[w.advisor.id]]);
    } finally {
      warn.mockRestore();
      leaving.close();
    }
  });

  it("a process started with the other adapter says so (live events between the two kinds are lost); one with the same says nothing", async () => {
    const said = vi.spyOn(logger, "error");
    const split = () =>
      said.mock.calls.filter(([msg]) => msg.startsWith("redis: other processes use the other adapter"));
    const other = kind === "sharded" ? "classic" : "sharded";
    try {
      const same = await anotherProcess(redis.url, kind);
      expect(split()).toEqual([]);
      await same.close();

      const c = await anotherProcess(redis.url, other);
      try {
        // A and B run this suite's adapter.
        expect(split()).toEqual([[expect.any(String), { adapter: other, others: 2 }]]);
      } finally {
        await c.close();
      }
    } finally {
      said.mockRestore();
    }
  });

  it("C1, A3: a message sent on one process reaches a viewer on another; once revoked there, the viewer gets nothing more", async () => {
    const w = await makeWorld();
    const viewer = await connectClient(b.url, { cookie: (await signedIn(w.staff.id)).cookie });
    open.push(viewer);
    expect(await join(viewer, w.dossier.id)).toMatchObject({ ok: true });

    const arrived = nextEvent<{ seq: number; payload: { body: string } }>(viewer, "dossier:event");
    const sent = await postMessage(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      clientId: randomUUID(),
      body: `across processes (${kind})`,
    });
    expect(sent.ok).toBe(true);
    expect((await arrived).payload.body).toBe(`across processes (${kind})`);

    const revoked = nextEvent<{ dossierId: string }>(viewer, "dossier:revoked");
    publisher().revoke(w.staff.id, w.dossier.id);
    expect(await revoked).toMatchObject({ dossierId: w.dossier.id });
    const quiet = noEvent(viewer, "dossier:event", 600);
    await postMessage(await actor(w.applicant.id), { dossierId: w.dossier.id, clientId: randomUUID(), body: "after" });
    expect(await quiet).toBe(true);
  });
});
