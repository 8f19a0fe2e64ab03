// Section 5 / issue item 7: a viewer cut off for 3 seconds during traffic finds every event once, in
// order, through the real client sequencer and the server's catch-up.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Sequencer } from "../../components/realtime/sequencer";
import { useTestDatabase } from "../test/db";
import { makeWorld } from "../test/factories";
import { connectClient, join, sessionCookie, startRealtime, type TestClient } from "../test/server";
import type { DossierEventWire } from "./contract";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let rt: Awaited<ReturnType<typeof startRealtime>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
  rt = await startRealtime();
});
afterAll(async () => {
  await rt.close();
  await tdb.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("C1: a viewer cut off for 3 seconds during traffic gets every event once, in order", async () => {
  const w = await makeWorld();
  const sender = await connectClient(rt.url, { cookie: await sessionCookie(w.referent.id) });
  const viewerCookie = await sessionCookie(w.advisor.id);
  const applied: number[] = [];
  const seq = new Sequencer(
    0,
    (e) => applied.push(e.seq),
    () => void rejoin(),
    200,
  );
  let viewer: TestClient;
  async function attach() {
    viewer = await connectClient(rt.url, { cookie: viewerCookie });
    viewer.on("dossier:event", (e: DossierEventWire) => seq.receive(e));
    await rejoin();
  }
  async function rejoin() {
    const ack = await join(viewer, w.dossier.id, seq.lastSeq);
    if (!ack.ok || !("events" in ack)) throw new Error("join refused");
    seq.caughtUp(ack.seq, ack.events);
  }
  await attach();

  let sent = 0;
  let sending = true;
  const traffic = (async () => {
    while (sending) {
      const ack = await sender.emitWithAck("message:send", {
        dossierId: w.dossier.id,
        clientId: `traffic-${sent}-abcdef`,
        body: `m${sent}`,
      });
      expect(ack.ok).toBe(true);
      sent++;
      await sleep(20);
    }
  })();

  await sleep(500);
  viewer!.close();
  const cutAt = sent;
  await sleep(3000);
  expect(sent - cutAt).toBeGreaterThan(10); // traffic went on while the viewer was away
  await attach();
  await sleep(500);
  sending = false;
  await traffic;
  await sleep(300);

  expect(sent).toBeGreaterThan(50);
  expect(applied).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
  sender.close();
  viewer!.close();
  seq.dispose();
});
