// Data tests of the send path, run on SQLite and on PostgreSQL (section 5: per-dossier seq).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeUser, makeWorld } from "../../test/factories";
import { postMessage } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

describe("per-dossier seq", () => {
  it("C1: stays gap-free and unique under concurrent sends, on two dossiers at once", async () => {
    const w = await makeWorld();
    const second = await makeDossier(w.org.id, [
      { userId: w.referent.id, role: "referent" },
      { userId: w.advisor.id, role: "advisor", holder: true },
    ]);
    const senders = await Promise.all([w.referent.id, w.applicant.id, w.advisor.id, w.staff.id].map((id) => actor(id)));
    const N = 60;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const dossierId = i % 3 === 0 ? second.id : w.dossier.id;
        const sender = dossierId === second.id ? senders[i % 2 === 0 ? 0 : 2] : senders[i % senders.length];
        return postMessage(sender, { dossierId, clientId: `concurrent-${i}-abcdef`, body: `message ${i}` });
      }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    for (const d of [w.dossier, second]) {
      const events = await db().dossierEvent.findMany({
        where: { dossierId: d.id },
        orderBy: { seq: "asc" },
        select: { seq: true },
      });
      const messages = await db().message.findMany({
        where: { dossierId: d.id },
        orderBy: { seq: "asc" },
        select: { seq: true },
      });
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(messages.map((m) => m.seq)).toEqual(seqs);
      expect((await db().dossier.findUniqueOrThrow({ where: { id: d.id } })).seq).toBe(seqs.length);
    }
    expect(await db().message.count({ where: { dossierId: { in: [w.dossier.id, second.id] } } })).toBe(N);
  });

  it("C4: concurrent retries of one send store one message and leave no seq gap", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    const input = { dossierId: w.dossier.id, clientId: "same-client-id-xyz", body: "Bonjour" };
    const results = await Promise.all(Array.from({ length: 8 }, () => postMessage(paul, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.message.id : "")));
    expect(ids.size).toBe(1);
    expect(await db().message.count({ where: { dossierId: w.dossier.id } })).toBe(1);
    const after = await postMessage(paul, { ...input, clientId: "next-client-id-xyz" });
    expect(after.ok && after.message.seq).toBe(2);
  });

  it("C4: reusing a client id on another dossier is a conflict, not a silent success", async () => {
    const w = await makeWorld();
    const other = await makeDossier(w.org.id, [{ userId: w.referent.id, role: "referent" }]);
    const paul = await actor(w.referent.id);
    expect((await postMessage(paul, { dossierId: w.dossier.id, clientId: "reused-id-000001", body: "a" })).ok).toBe(
      true,
    );
    const res = await postMessage(paul, { dossierId: other.id, clientId: "reused-id-000001", body: "b" });
    expect(res).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await db().message.count({ where: { dossierId: other.id } })).toBe(0);
  });

  it("A1: a user removed from the dossier can no longer post", async () => {
    const w = await makeWorld();
    const marie = await actor(w.applicant.id);
    await db().dossierMember.deleteMany({ where: { dossierId: w.dossier.id, userId: w.applicant.id } });
    const res = await postMessage(marie, {
      dossierId: w.dossier.id,
      clientId: "removed-member-01",
      body: "encore là ?",
    });
    expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("rejects malformed input (bad client id, unknown dossier) without storing", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    expect(await postMessage(paul, { dossierId: w.dossier.id, clientId: "a b", body: "x" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(
      await postMessage(paul, { dossierId: "does-not-exist", clientId: "unknown-dossier-1", body: "x" }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await postMessage(paul, null)).toMatchObject({ ok: false, error: { code: "invalid" } });
    const lonely = await makeUser("Seul");
    expect(
      await postMessage(await actor(lonely.id), { dossierId: w.dossier.id, clientId: "lonely-user-00001", body: "x" }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await db().message.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });
});

describe("P6: applicant activity reactivates a paused dossier", () => {
  it("P6: an applicant's message reactivates a paused dossier in the same transaction, with one event", async () => {
    const w = await makeWorld();
    const pausedAt = new Date(Date.now() - 86_400_000);
    await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt, pauseCause: "inactivity" } });
    const res = await postMessage(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      clientId: "wake-up-message-01",
      body: "Nous revoilà",
    });
    expect(res.ok).toBe(true);
    const d = await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } });
    expect(d.pausedAt).toBeNull();
    const events = await db().dossierEvent.findMany({ where: { dossierId: w.dossier.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["message.created", "dossier.reactivated"]);
    expect(JSON.parse(events[1].payload)).toMatchObject({
      cause: "activity",
      byUserId: w.applicant.id,
      activity: "message",
    });
  });

  it("P6: an advisor's message leaves a paused dossier paused", async () => {
    const w = await makeWorld();
    await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt: new Date(), pauseCause: "manual" } });
    expect(
      (
        await postMessage(await actor(w.advisor.id), {
          dossierId: w.dossier.id,
          clientId: "advisor-msg-0001",
          body: "Bonjour",
        })
      ).ok,
    ).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).not.toBeNull();
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id, type: "dossier.reactivated" } })).toBe(0);
  });
});
