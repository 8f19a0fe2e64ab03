// Scale-out with real processes: two Relais processes on one PostgreSQL and one Redis. Cross-process
// delivery and presence; catch-up after a Redis restart; a process SIGKILLed while 50 clients send.
// No browser here: real Socket.IO clients from the test process.
import { expect, test } from "@playwright/test";
import { Sequencer } from "../../components/realtime/sequencer";
import type { DossierEventWire, MessageView, Viewer } from "../../server/realtime/contract";
import { users } from "../fixtures/auth";
import { clusterSocket, query, startCluster } from "../fixtures/cluster";
import { ECOLE } from "../fixtures/db";
import type { E2ESocket } from "../fixtures/socket";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A viewer that applies events once, in order, and re-joins from its last seq on a gap (section 5). */
async function viewer(url: string, userId: string, dossierId: string) {
  const socket = await clusterSocket(url, userId);
  const applied: DossierEventWire[] = [];
  const seq = new Sequencer(
    0,
    (e) => applied.push(e),
    () => void rejoin(),
    300,
  );
  async function rejoin() {
    const ack = await socket.emitWithAck("dossier:join", { dossierId, afterSeq: seq.lastSeq });
    if (!ack.ok || !("events" in ack)) throw new Error(`join refused: ${JSON.stringify(ack)}`);
    seq.caughtUp(ack.seq, ack.events);
  }
  socket.on("dossier:event", (e) => seq.receive(e));
  await rejoin();
  return { socket, applied, seq, rejoin };
}

test("G8: a viewer on process B sees what is posted on process A, presence included", async () => {
  const c = await startCluster(2);
  try {
    const [a, b] = c.processes;
    const dossierId = await c.dossierId(ECOLE);
    const adele = await viewer(b.url, await c.userId(users.adele), dossierId);
    const paul = await clusterSocket(a.url, await c.userId(users.paul));
    const bothPresent = new Promise<Viewer[]>((resolve) =>
      adele.socket.on("presence", (p) => p.viewers.length === 2 && resolve(p.viewers)),
    );
    expect((await paul.emitWithAck("dossier:join", { dossierId, afterSeq: 0 })).ok).toBe(true);
    expect((await bothPresent).map((v) => v.name).sort()).toEqual(["Adèle Conseil", "Paul Demandeur"]);

    const before = adele.applied.length;
    const ack = await paul.emitWithAck("message:send", {
      dossierId,
      clientId: "cross-process-0001",
      body: "Posté sur A",
    });
    expect(ack.ok).toBe(true);
    await expect.poll(() => adele.applied.length).toBe(before + 1);
    expect((adele.applied.at(-1)!.payload as MessageView).body).toBe("Posté sur A");
    paul.close();
    adele.socket.close();
  } finally {
    await c.stop();
  }
});

test("G9: Redis restarted during traffic: the viewer on the other process ends with every event once, in order", async () => {
  const c = await startCluster(2);
  try {
    const [a, b] = c.processes;
    const dossierId = await c.dossierId(ECOLE);
    const watcher = await viewer(b.url, await c.userId(users.adele), dossierId);
    const sender = await clusterSocket(a.url, await c.userId(users.marie));
    let sending = true;
    let acked = 0;
    const traffic = (async () => {
      for (let i = 0; sending; i++) {
        const ack = await sender.emitWithAck("message:send", {
          dossierId,
          clientId: `redis-restart-${i}-x`,
          body: `m${i}`,
        });
        expect(ack.ok).toBe(true);
        acked++;
        await sleep(25);
      }
    })();
    await sleep(700);
    await c.redis.stop();
    const duringOutage = acked;
    await sleep(1500);
    expect(acked - duringOutage).toBeGreaterThan(5); // sending goes on without Redis: the database is the truth
    await c.redis.start();
    await sleep(2500);
    sending = false;
    await traffic;
    const [{ seq }] = await query<{ seq: number }>(c.databaseUrl, `SELECT seq FROM "Dossier" WHERE id = $1`, [
      dossierId,
    ]);
    // A last event after the outage shows the viewer any gap; then the catch-up fills it.
    await expect.poll(() => watcher.seq.lastSeq, { timeout: 10_000 }).toBe(seq);
    const seqs = watcher.applied.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    sender.close();
    watcher.socket.close();
  } finally {
    await c.stop();
  }
});

async function until(condition: () => boolean, limitMs = 60_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error("condition not met in time");
    await sleep(50);
  }
}

test("G5: a process SIGKILLed while 50 clients send: every acknowledged message stored once, no duplicates, complete history", async () => {
  const c = await startCluster(2);
  try {
    const [a, b] = c.processes;
    const dossierId = await c.dossierId(ECOLE);
    const senderIds = await Promise.all([users.paul, users.marie, users.adele, users.arnaud].map((e) => c.userId(e)));
    const watcher = await viewer(b.url, senderIds[2], dossierId);
    const acked = new Set<string>();
    const attempts = new Set<string>();
    let retries = 0;
    let stop = false;

    async function sender(k: number) {
      const userId = senderIds[k % senderIds.length];
      let socket: E2ESocket = await clusterSocket(k % 2 === 0 ? a.url : b.url, userId);
      for (let i = 0; !stop; i++) {
        const clientId = `kill-${k}-${i}-abcdef`;
        attempts.add(clientId);
        // Retry the same client id until acknowledged (C4), on the surviving process if need be.
        for (;;) {
          try {
            const ack = await socket
              .timeout(3000)
              .emitWithAck("message:send", { dossierId, clientId, body: `${k}/${i}` });
            if (ack.ok) break;
            throw new Error(ack.error.code);
          } catch {
            retries++;
            socket.close();
            await sleep(100);
            socket = await clusterSocket(b.url, userId).catch(() => socket);
          }
        }
        acked.add(clientId);
        await sleep(100);
      }
      socket.close();
    }

    const senders = Array.from({ length: 50 }, (_, k) => sender(k));
    // Conditions, not durations: a loaded machine takes seconds to connect 50 sockets (X1 reads each
    // handshake's session). The kill lands once sends flow on both processes, and the senders stop once
    // the survivor has taken over (the retries carried at least 60 more messages through).
    await until(() => acked.size >= 50);
    a.kill("SIGKILL");
    const atKill = acked.size;
    await until(() => acked.size >= atKill + 60);
    stop = true;
    await Promise.all(senders);

    const rows = await query<{ clientId: string; n: string }>(
      c.databaseUrl,
      `SELECT "clientId", COUNT(*) AS n FROM "Message" WHERE "dossierId" = $1 AND "clientId" LIKE 'kill-%' GROUP BY "clientId"`,
      [dossierId],
    );
    const stored = new Set(rows.map((r) => r.clientId));
    const duplicated = rows.filter((r) => Number(r.n) > 1).length;
    const counts = `attempted ${attempts.size}, acknowledged ${acked.size}, stored ${stored.size}, duplicated ${duplicated}, retries ${retries}`;
    test.info().annotations.push({ type: "counts", description: counts });
    console.log(`G5 SIGKILL: ${counts}`);
    expect(acked.size).toBeGreaterThan(100);
    expect(retries).toBeGreaterThan(0); // the kill did interrupt sends
    expect(duplicated).toBe(0);
    expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBe(acked.size);

    const [{ seq }] = await query<{ seq: number }>(c.databaseUrl, `SELECT seq FROM "Dossier" WHERE id = $1`, [
      dossierId,
    ]);
    await watcher.rejoin();
    expect(watcher.applied.map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    watcher.socket.close();
  } finally {
    await c.stop();
  }
});
