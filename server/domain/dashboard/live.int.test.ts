// The live dashboard fan-out over real sockets (D1, N7, A3, A4): "dashboard:changed" reaches the
// dossier's members and its organization's staff, and never another organization's user.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { actor, makeDossier, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite, watchDashboard, type TestClient } from "../../test/server";
import { postMessage } from "../conversation/service";
import { appendEvent, nextSeq, publishAll } from "../../test/events";
import { removeMember } from "../membership/service";

const suite = realtimeSuite();
let n = 0;

const watcher = async (userId: string) => watchDashboard(await suite.client(userId));

/** Every dashboard:changed this socket receives. */
function record(c: TestClient) {
  const seen: string[] = [];
  c.on("dashboard:changed", (p) => seen.push(p.dossierId));
  return seen;
}

const send = async (userId: string, dossierId: string) => {
  const res = await postMessage(await actor(userId), {
    dossierId,
    clientId: `live-dash-${++n}-abcdef`,
    body: "Bonjour",
  });
  expect(res.ok).toBe(true);
};

describe("D1: live dashboard fan-out", () => {
  it("A3: a new message reaches the members and the organization's staff, never another organization's staff nor a non-member advisor", async () => {
    const w = await makeWorld();
    const [adele, sam, paul, sofia, outsider] = await Promise.all(
      [w.advisor, w.staff, w.referent, w.otherStaff, w.outsider].map((u) => watcher(u.id)),
    );
    const seen = { sofia: record(sofia), outsider: record(outsider) };
    const got = Promise.all([adele, sam, paul].map((c) => nextEvent<{ dossierId: string }>(c, "dashboard:changed")));
    await send(w.applicant.id, w.dossier.id);
    expect((await got).map((p) => p.dossierId)).toEqual([w.dossier.id, w.dossier.id, w.dossier.id]);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual({ sofia: [], outsider: [] });
  });

  it("A3: the other organization's staff gets their own dossiers, and this organization's staff does not", async () => {
    const w = await makeWorld();
    const theirs = await makeDossier(w.other.id, [], "Sud");
    const sofia = await watcher(w.otherStaff.id);
    const sam = await watcher(w.staff.id);
    const samSeen = record(sam);
    const got = nextEvent<{ dossierId: string }>(sofia, "dashboard:changed");
    // A staff member of the other organization posts in their own dossier.
    await send(w.otherStaff.id, theirs.id);
    expect(await got).toEqual({ dossierId: theirs.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(samSeen).toEqual([]);
  });

  it("A4: an advisor-only event reaches the advisor side and staff, not applicant-side members", async () => {
    const w = await makeWorld();
    const paul = await watcher(w.referent.id);
    const adele = await watcher(w.advisor.id);
    const sam = await watcher(w.staff.id);
    const paulQuiet = noEvent(paul, "dashboard:changed", 400);
    const got = Promise.all([nextEvent(adele, "dashboard:changed"), nextEvent(sam, "dashboard:changed")]);
    const events = await db().$transaction(async (tx) => {
      const at = new Date();
      const { seq, organizationId } = await nextSeq(tx, w.dossier.id, at);
      return [
        await appendEvent(tx, {
          dossierId: w.dossier.id,
          organizationId,
          seq,
          type: "note.created",
          audience: "advisors",
          actorId: w.advisor.id,
          payload: {},
          at,
        }),
      ];
    });
    publishAll(events);
    await got;
    expect(await paulQuiet).toBe(true);
  });

  it("a burst of messages is coalesced, and a removed member stops getting the dossier's rows", async () => {
    const w = await makeWorld();
    const marie = await watcher(w.applicant.id);
    const seen = record(marie);
    await Promise.all([1, 2, 3, 4, 5].map(() => send(w.referent.id, w.dossier.id)));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThan(5);
    const revoked = nextEvent(marie, "dossier:revoked");
    await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: w.applicant.id });
    await revoked;
    seen.length = 0;
    await send(w.referent.id, w.dossier.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
  });

  it("G2: a socket without the dashboard open (a dossier page) gets no dashboard:changed, nor after closing it; the member's dashboard does", async () => {
    const w = await makeWorld();
    const onDossier = await suite.client(w.advisor.id);
    expect(await join(onDossier, w.dossier.id)).toMatchObject({ ok: true });
    const closed = await watcher(w.advisor.id);
    await closed.emitWithAck("dashboard:unwatch");
    const staffClosed = await watcher(w.staff.id);
    // sent right after the watch: applied after it all the same
    staffClosed.emit("dashboard:watch");
    await staffClosed.emitWithAck("dashboard:unwatch");
    const open = await watcher(w.advisor.id);
    const seen = { onDossier: record(onDossier), closed: record(closed), staffClosed: record(staffClosed) };
    const message = nextEvent(onDossier, "dossier:event");
    const got = nextEvent<{ dossierId: string }>(open, "dashboard:changed");
    await send(w.applicant.id, w.dossier.id);
    await message;
    expect(await got).toEqual({ dossierId: w.dossier.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual({ onDossier: [], closed: [], staffClosed: [] });
  });

  it("C7: marking read over the socket updates the reader's other tabs and is refused outside the policy", async () => {
    const w = await makeWorld();
    await send(w.referent.id, w.dossier.id);
    const tab1 = await watcher(w.advisor.id);
    const tab2 = await watcher(w.advisor.id);
    const other = nextEvent<{ dossierId: string }>(tab2, "dashboard:changed");
    expect(await tab1.emitWithAck("dossier:read", { dossierId: w.dossier.id, seq: 1 })).toEqual({
      ok: true,
      lastReadSeq: 1,
    });
    expect(await other).toEqual({ dossierId: w.dossier.id });
    const sofia = await watcher(w.otherStaff.id);
    expect(await sofia.emitWithAck("dossier:read", { dossierId: w.dossier.id, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await sofia.emitWithAck("dossier:read", { dossierId: w.dossier.id, seq: "x" } as never)).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await db().dossierRead.count({ where: { userId: w.otherStaff.id } })).toBe(0);
  });

  it("D1, A3 (issue 17): dashboard:rows answers the socket user's own rows with their filters, never another organization's; bad filters are refused", async () => {
    const w = await makeWorld();
    const theirs = await makeDossier(w.other.id, [], "Sud");
    const rowsOf = async (userId: string, filters: unknown) => {
      const res = await (await suite.client(userId)).emitWithAck("dashboard:rows", filters);
      return res.ok ? res.rows.map((r) => r.id) : res.error.code;
    };
    expect(await rowsOf(w.advisor.id, {})).toContain(w.dossier.id);
    expect(await rowsOf(w.staff.id, {})).toContain(w.dossier.id);
    expect(await rowsOf(w.referent.id, { recent: false })).toContain(w.dossier.id);
    const sofia = await rowsOf(w.otherStaff.id, { recent: false });
    expect(sofia).toContain(theirs.id);
    expect(sofia).not.toContain(w.dossier.id);
    expect(await rowsOf(w.outsider.id, { recent: false })).toEqual([]);
    // another organization's id as a filter selects nothing of it
    expect(await rowsOf(w.advisor.id, { recent: false, organizationId: w.other.id })).toEqual([]);
    // the filters apply: only paused dossiers
    expect(await rowsOf(w.advisor.id, { recent: false, paused: true })).not.toContain(w.dossier.id);
    expect(await rowsOf(w.advisor.id, { recent: "yes" })).toBe("invalid");
    expect(await rowsOf(w.advisor.id, "everything")).toBe("invalid");
  });
});
