// X1 across processes: a session ended on one process cuts its sockets on another, through the Socket.IO
// Redis adapter (rooms per session and per user; disconnectSockets is broadcast). Two real socket servers
// in this test process, each with its own adapter on a private redis-server, as two Relais processes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, PrivateRedis } from "../../e2e/fixtures/cluster";
import { endSession, signOutEverywhere } from "../domain/session/service";
import { useTestDatabase } from "../test/db";
import { actor, makeWorld } from "../test/factories";
import { connectClient, join, signedIn, startRealtime, type TestClient } from "../test/server";
import { attachRedisAdapter } from "./adapter";
import { setPublisher } from "./publisher";
import { socketPublisher } from "./server";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let redis: PrivateRedis;
let a: Awaited<ReturnType<typeof startRealtime>>;
let b: Awaited<ReturnType<typeof startRealtime>>;
const closers: (() => Promise<void>)[] = [];
const open: TestClient[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase();
  redis = new PrivateRedis(await freePort());
  await redis.start();
  a = await startRealtime();
  b = await startRealtime();
  for (const rt of [a, b]) closers.push(await attachRedisAdapter(rt.io, redis.url));
  // The change happens on process A (its publisher); the sockets live on process B.
  setPublisher(socketPublisher(a.io));
});
afterAll(async () => {
  open.forEach((c) => c.close());
  await b.close();
  await a.close();
  await Promise.all(closers.map((c) => c()));
  await redis.stop();
  await tdb.cleanup();
});

function cut(socket: TestClient): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket not cut within 3 s")), 3000);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

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
