// Transfers over real sockets (T2, T4, T7, A2, A3, X1): the recipient's dashboard hears the request;
// the sender's sockets leave at once (or only the advisors' room with a read-only copy); a coordinator
// never joins; a deactivated user's sockets are cut; note events carry no content.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import {
  connectClient,
  join,
  nextEvent,
  noEvent,
  realtimeSuite,
  sessionCookie,
  watchDashboard,
} from "../../test/server";
import type { DossierEventWire } from "../../realtime/contract";
import { postMessage } from "../conversation/service";
import { createNote } from "../note/service";
import { deactivateUser } from "../users/service";
import { answerTransfer, requestTransfer } from "./service";

const suite = realtimeSuite();
const client = (userId: string) => suite.client(userId);

async function world() {
  const w = await makeWorld();
  const colleague = await makeUser("Arnaud Socket", { organizationId: w.org.id });
  return { ...w, colleague };
}

async function transferred(w: Awaited<ReturnType<typeof world>>, keepReadOnlyCopy: boolean) {
  const req = await requestTransfer(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    toUserId: w.colleague.id,
    keepReadOnlyCopy,
  });
  if (!req.ok) throw new Error("setup");
  return req.value.transferId;
}

describe("T2, T4, A3: transfers on the socket", () => {
  it("T2: the recipient's dashboard hears the request live; on acceptance the sender's sockets leave at once and a re-join is refused", async () => {
    const w = await world();
    const recipient = await watchDashboard(await client(w.colleague.id));
    const sender = await client(w.advisor.id);
    expect(await join(sender, w.dossier.id)).toMatchObject({ ok: true });
    const heard = nextEvent<{ dossierId: string }>(recipient, "dashboard:changed");
    const transferId = await transferred(w, false);
    expect(await heard).toEqual({ dossierId: w.dossier.id });
    const revoked = nextEvent<{ dossierId: string }>(sender, "dossier:revoked");
    const order: string[] = [];
    sender.on("dossier:event", (e: DossierEventWire) => order.push(e.type));
    sender.on("dossier:revoked", () => order.push("revoked"));
    expect((await answerTransfer(await actor(w.colleague.id), { transferId, answer: "accept" })).ok).toBe(true);
    expect(await revoked).toEqual({ dossierId: w.dossier.id });
    // A3: the sender's page hears that it lost the dossier before anything of the change: a page that
    // refreshed on "transfer.accepted" first got a 404 instead of the notice.
    expect(order).toContain("revoked");
    expect(order.slice(0, order.indexOf("revoked"))).not.toContain("transfer.accepted");
    const quiet = noEvent(sender, "dossier:event", 400);
    await postMessage(await actor(w.referent.id), {
      dossierId: w.dossier.id,
      clientId: "after-transfer-1",
      body: "Bonjour",
    });
    expect(await quiet).toBe(true);
    expect(await join(sender, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await join(recipient, w.dossier.id)).toMatchObject({ ok: true });
  });

  it("T4: a sender who kept a read-only copy is told at once, leaves every room, and a re-join catches up to the transfer only", async () => {
    const w = await world();
    const sender = await client(w.advisor.id);
    expect(await join(sender, w.dossier.id)).toMatchObject({ ok: true });
    await postMessage(await actor(w.referent.id), { dossierId: w.dossier.id, clientId: "ro-before-1", body: "avant" });
    const transferId = await transferred(w, true);
    const turned = nextEvent<{ dossierId: string; readOnly?: boolean }>(sender, "dossier:revoked");
    expect((await answerTransfer(await actor(w.colleague.id), { transferId, answer: "accept" })).ok).toBe(true);
    expect(await turned).toEqual({ dossierId: w.dossier.id, readOnly: true });
    // Nothing newer reaches the snapshot live: not a message to all, not a note.
    const quiet = noEvent(sender, "dossier:event", 400);
    await postMessage(await actor(w.referent.id), { dossierId: w.dossier.id, clientId: "ro-after-1", body: "après" });
    expect((await createNote(await actor(w.colleague.id), { dossierId: w.dossier.id, body: "après" })).ok).toBe(true);
    expect(await quiet).toBe(true);
    // A re-join (a reconnect) catches up to the transfer, never past it, and stays out of the rooms.
    const res = (await join(sender, w.dossier.id)) as { ok: true; seq: number; events: DossierEventWire[] };
    expect(res.ok).toBe(true);
    const bodies = res.events
      .filter((e) => e.type === "message.created")
      .map((e) => (e.payload as { body: string }).body);
    expect(bodies).toEqual(["avant"]);
    const accepted = await db().dossierEvent.findFirstOrThrow({
      where: { dossierId: w.dossier.id, type: "transfer.accepted" },
    });
    expect(res.seq).toBe(accepted.seq);
    expect(Math.max(...res.events.map((e) => e.seq))).toBeLessThanOrEqual(accepted.seq);
    const stillQuiet = noEvent(sender, "dossier:event", 400);
    await postMessage(await actor(w.referent.id), { dossierId: w.dossier.id, clientId: "ro-after-2", body: "encore" });
    expect(await stillQuiet).toBe(true);
    // Every write through the copy is refused and stores nothing.
    const ack = await sender.emitWithAck("message:send", {
      dossierId: w.dossier.id,
      clientId: "ro-send-1",
      body: "moi",
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("lecture seule") },
    });
    expect(await db().message.count({ where: { dossierId: w.dossier.id, clientId: "ro-send-1" } })).toBe(0);
  });

  it("T4: a sender who kept no copy gets not_found on a re-join, and hears nothing more", async () => {
    const w = await world();
    const sender = await client(w.advisor.id);
    expect(await join(sender, w.dossier.id)).toMatchObject({ ok: true });
    const transferId = await transferred(w, false);
    const revoked = nextEvent<{ dossierId: string; readOnly?: boolean }>(sender, "dossier:revoked");
    expect((await answerTransfer(await actor(w.colleague.id), { transferId, answer: "accept" })).ok).toBe(true);
    expect(await revoked).toEqual({ dossierId: w.dossier.id });
    expect(await join(sender, w.dossier.id, 0)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("A2: a coordinator who is not a member cannot join the dossier", async () => {
    const w = await world();
    await db().membership.updateMany({ where: { userId: w.colleague.id }, data: { coordinator: true } });
    const c = await client(w.colleague.id);
    expect(await join(c, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("X1: deactivating a user cuts their sockets at once and refuses a new connection", async () => {
    const w = await world();
    const admin = await makeUser("Admin Socket", { organizationId: w.org.id, role: "admin" });
    const adele = await client(w.advisor.id);
    expect(await join(adele, w.dossier.id)).toMatchObject({ ok: true });
    const gone = new Promise<void>((resolve) => adele.once("disconnect", () => resolve()));
    expect((await deactivateUser(await actor(admin.id), { organizationId: w.org.id, userId: w.advisor.id })).ok).toBe(
      true,
    );
    await gone;
    expect(adele.connected).toBe(false);
    await expect(connectClient(suite.url, { cookie: await sessionCookie(w.advisor.id) })).rejects.toThrow(
      /unauthorized/,
    );
  });
});
