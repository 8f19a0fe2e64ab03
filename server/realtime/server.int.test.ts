// The socket layer over real sockets and a real database (section 5, A1, A3, C1, C4, C5).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeWorld } from "../test/factories";
import { connectClient, join, nextEvent, noEvent, realtimeSuite, sessionCookie, type TestClient } from "../test/server";
import type { DossierEventWire, MessageView } from "./contract";

const suite = realtimeSuite();
const rt = suite;
const client = (userId: string, cookieName?: string) => suite.client(userId, cookieName);
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  world = await makeWorld();
});

describe("handshake", () => {
  it("A1: refuses a connection without a session cookie", async () => {
    await expect(connectClient(rt.url)).rejects.toThrow(/unauthorized/);
  });

  it("A1: refuses a forged or foreign-secret session cookie", async () => {
    const forged = await sessionCookie(
      world.advisor.id,
      "next-auth.session-token",
      "another-secret-another-secret-123",
    );
    await expect(connectClient(rt.url, { cookie: forged })).rejects.toThrow(/unauthorized/);
    await expect(connectClient(rt.url, { cookie: "next-auth.session-token=not-a-jwt" })).rejects.toThrow(
      /unauthorized/,
    );
  });

  it("A1: refuses an expired session", async () => {
    const expired = await sessionCookie(world.advisor.id, "next-auth.session-token", undefined, -60);
    await expect(connectClient(rt.url, { cookie: expired })).rejects.toThrow(/unauthorized/);
  });

  it("refuses another Origin even with a valid session (WebSocket and polling)", async () => {
    const cookie = await sessionCookie(world.advisor.id);
    await expect(connectClient(rt.url, { cookie, origin: "http://evil.test" })).rejects.toThrow();
    await expect(
      connectClient(rt.url, { cookie, origin: "http://evil.test", transports: ["polling"] }),
    ).rejects.toThrow();
  });

  it("accepts both session cookie names (http and https deployments)", async () => {
    for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) {
      const c = await client(world.advisor.id, name);
      expect(c.connected).toBe(true);
      const ack = await join(c, world.dossier.id);
      expect(ack.ok).toBe(true);
    }
  });
});

describe("dossier:join", () => {
  it("A3: another organization's staff is refused with not_found", async () => {
    const c = await client(world.otherStaff.id);
    const ack = await join(c, world.dossier.id);
    expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("A1: a member of the organization who is not on the dossier is refused", async () => {
    const c = await client(world.outsider.id);
    expect(await join(c, world.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("A1: staff of the dossier's organization may join", async () => {
    const c = await client(world.staff.id);
    expect(await join(c, world.dossier.id)).toMatchObject({ ok: true });
  });

  it("refuses a malformed payload with invalid, in the user's language", async () => {
    const c = await client(world.referent.id);
    const ack = await c.emitWithAck("dossier:join", { dossierId: "", afterSeq: -1 } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: "invalid", message: "La saisie n’est pas valide." } });
  });

  it("a refused user receives none of the dossier's live events", async () => {
    const intruder = await client(world.otherStaff.id);
    await join(intruder, world.dossier.id);
    const sender = await client(world.referent.id);
    const silent = noEvent(intruder, "dossier:event");
    await sender.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "intruder-check-1",
      body: "privé",
    });
    expect(await silent).toBe(true);
  });
});

describe("message:send", () => {
  it("C1: a message reaches every other viewer live, after commit", async () => {
    const paul = await client(world.referent.id);
    const adele = await client(world.advisor.id);
    await join(paul, world.dossier.id);
    const joined = await join(adele, world.dossier.id);
    expect(joined.ok).toBe(true);
    const received = nextEvent<DossierEventWire>(adele, "dossier:event");
    const ack = await paul.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "live-check-0001",
      body: "Bonjour Adèle",
    });
    expect(ack.ok).toBe(true);
    const event = await received;
    expect(event.type).toBe("message.created");
    expect((event.payload as MessageView).body).toBe("Bonjour Adèle");
    // stored before it was announced
    const stored = await db().message.findUnique({ where: { id: (event.payload as MessageView).id } });
    expect(stored?.body).toBe("Bonjour Adèle");
  });

  it("C4: a retried send with the same client id stores one message and acks the same one", async () => {
    const paul = await client(world.referent.id);
    const payload = { dossierId: world.dossier.id, clientId: "retry-same-id-42", body: "Une seule fois" };
    const [a, b] = await Promise.all([
      paul.emitWithAck("message:send", payload),
      paul.emitWithAck("message:send", payload),
    ]);
    const c = await paul.emitWithAck("message:send", payload);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) expect(new Set([a.message.id, b.message.id, c.message.id]).size).toBe(1);
    expect(await db().message.count({ where: { clientId: "retry-same-id-42" } })).toBe(1);
    expect(
      await db().dossierEvent.count({
        where: { dossierId: world.dossier.id, type: "message.created", payload: { contains: "retry-same-id-42" } },
      }),
    ).toBe(1);
  });

  it("C5: an empty, blank or too long body gets a clear error and stores nothing", async () => {
    const paul = await client(world.referent.id);
    const before = await db().message.count();
    const seqBefore = (await db().dossier.findUniqueOrThrow({ where: { id: world.dossier.id } })).seq;
    const empty = await paul.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "empty-body-0001",
      body: "",
    });
    const blank = await paul.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "blank-body-0001",
      body: "  \n\t ",
    });
    const long = await paul.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "long-body-00001",
      body: "x".repeat(10_001),
    });
    expect(empty).toMatchObject({ ok: false, error: { code: "invalid", message: "Le message est vide." } });
    expect(blank).toMatchObject({ ok: false, error: { code: "invalid", message: "Le message est vide." } });
    expect(long).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Le message dépasse 10 000 caractères." },
    });
    expect(await db().message.count()).toBe(before);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: world.dossier.id } })).seq).toBe(seqBefore);
  });

  it("C5: exactly 10,000 characters is accepted", async () => {
    const paul = await client(world.referent.id);
    const ack = await paul.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "max-body-000001",
      body: "é".repeat(10_000),
    });
    expect(ack.ok).toBe(true);
  });

  it("A3: another organization's staff cannot post, and nothing is stored", async () => {
    const sofia = await client(world.otherStaff.id);
    const ack = await sofia.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "foreign-post-01",
      body: "Bonjour",
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await db().message.count({ where: { clientId: "foreign-post-01" } })).toBe(0);
  });

  it("errors are in the sender's language", async () => {
    await db().user.update({ where: { id: world.applicant.id }, data: { locale: "en" } });
    const marie = await client(world.applicant.id);
    const ack = await marie.emitWithAck("message:send", {
      dossierId: world.dossier.id,
      clientId: "english-err-001",
      body: " ",
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "invalid", message: "The message is empty." } });
  });
});

describe("catch-up (section 5)", () => {
  it("a join with the last seq returns exactly the events after it, in order", async () => {
    const paul = await client(world.referent.id);
    const first = await join(paul, world.dossier.id, 0);
    if (!first.ok || !("events" in first)) throw new Error("join failed");
    const mark = first.seq;
    for (let i = 0; i < 3; i++)
      await paul.emitWithAck("message:send", {
        dossierId: world.dossier.id,
        clientId: `catchup-${i}-000000`,
        body: `suite ${i}`,
      });
    const again = await join(paul, world.dossier.id, mark);
    if (!again.ok || !("events" in again)) throw new Error("join failed");
    expect(again.events.map((e) => e.seq)).toEqual([mark + 1, mark + 2, mark + 3]);
    expect(again.seq).toBe(mark + 3);
    expect(again.events.map((e) => (e.payload as MessageView).body)).toEqual(["suite 0", "suite 1", "suite 2"]);
  });
});

/** Resolves with the user ids of the first presence of the dossier that satisfies `done`. */
function presenceUntil(
  c: TestClient,
  dossierId: string,
  done: (userIds: string[]) => boolean,
  timeoutMs = 3000,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const on = (p: { dossierId: string; viewers: { userId: string }[] }) => {
      const ids = p.viewers.map((v) => v.userId);
      if (p.dossierId !== dossierId || !done(ids)) return;
      clearTimeout(timer);
      c.off("presence", on);
      resolve(ids);
    };
    const timer = setTimeout(() => {
      c.off("presence", on);
      reject(new Error(`no matching presence within ${timeoutMs} ms`));
    }, timeoutMs);
    c.on("presence", on);
  });
}

describe("presence (C6)", () => {
  it("C6: viewers learn who joins (each user once, however many tabs, never a refused user) and who leaves", async () => {
    const w = await makeWorld();
    const paul = await client(w.referent.id);
    const paulTab2 = await client(w.referent.id);
    const adele = await client(w.advisor.id);
    const sofia = await client(w.otherStaff.id);
    const both = presenceUntil(paul, w.dossier.id, (ids) => ids.includes(w.advisor.id));
    await join(paul, w.dossier.id);
    await join(paulTab2, w.dossier.id);
    await join(adele, w.dossier.id);
    expect(await join(sofia, w.dossier.id)).toMatchObject({ ok: false });
    expect((await both).sort()).toEqual([w.referent.id, w.advisor.id].sort());

    const adeleLeft = presenceUntil(paul, w.dossier.id, (ids) => !ids.includes(w.advisor.id));
    adele.close();
    expect(await adeleLeft).toEqual([w.referent.id]);

    // dossier:leave (the page closed in a tab that keeps its socket): Paul's other tab keeps him listed.
    const adele2 = await client(w.advisor.id);
    const backAndLeft = presenceUntil(adele2, w.dossier.id, (ids) => ids.length === 1 && ids[0] === w.advisor.id);
    await join(adele2, w.dossier.id);
    paul.emit("dossier:leave", { dossierId: w.dossier.id });
    paulTab2.emit("dossier:leave", { dossierId: w.dossier.id });
    expect(await backAndLeft).toEqual([w.advisor.id]);
  });
});
