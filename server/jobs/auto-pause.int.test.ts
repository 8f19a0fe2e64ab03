// P3, P11: the automatic pause job with a controlled clock, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { postMessage } from "../domain/conversation/service";
import { reactivateDossier } from "../domain/pause/service";
import { setPublisher, type PublishedEvent } from "../realtime/publisher";
import { useTestDatabase } from "../test/db";
import { actor, makeDossier, makeOrganization, makeUser } from "../test/factories";
import { runAutoPause } from "./auto-pause";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2028-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let published: PublishedEvent[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase();
  setPublisher({ dossierEvent: (e) => published.push(e), revoke() {} });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});

/** A fresh organization (so runs only see this test's dossiers) with one applicant and one advisor. */
async function org(autoPauseDays?: number) {
  const o = await makeOrganization();
  if (autoPauseDays) await db().organization.update({ where: { id: o.id }, data: { autoPauseDays } });
  const referent = await makeUser("Ref Auto");
  const advisor = await makeUser("Conseil Auto", { organizationId: o.id });
  const dossier = async (data: { createdAt: Date; lastApplicantVisitAt?: Date; lastReactivatedAt?: Date }) => {
    const d = await makeDossier(o.id, [
      { userId: referent.id, role: "referent" },
      { userId: advisor.id, role: "advisor", holder: true },
    ]);
    return db().dossier.update({ where: { id: d.id }, data });
  };
  return { o, referent, advisor, dossier };
}

const row = (id: string) => db().dossier.findUniqueOrThrow({ where: { id } });
const pauseEvents = (id: string) => db().dossierEvent.findMany({ where: { dossierId: id, type: "dossier.paused" } });

describe("P3: automatic pause", () => {
  it("P3: last applicant visit 364 days ago stays active, 366 days ago is paused for inactivity", async () => {
    const w = await org();
    const recent = await w.dossier({ createdAt: daysAgo(800), lastApplicantVisitAt: daysAgo(364) });
    const old = await w.dossier({ createdAt: daysAgo(800), lastApplicantVisitAt: daysAgo(366) });
    published = [];
    const res = await runAutoPause(NOW);
    expect(res.byOrganization[w.o.id]).toBe(1);
    expect((await row(recent.id)).pausedAt).toBeNull();
    const paused = await row(old.id);
    expect(paused).toMatchObject({
      pausedAt: NOW,
      pauseCause: "inactivity",
      pausedById: null,
      pauseReason: null,
      seq: 1,
    });
    // Inactivity is not activity (P5): the dashboard's last activity does not move.
    expect(paused.lastActivityAt.getTime()).toBe(old.lastActivityAt.getTime());
    const ev = await pauseEvents(old.id);
    expect(ev.map((e) => [e.seq, e.audience, e.actorId])).toEqual([[1, "all", null]]);
    expect(JSON.parse(ev[0].payload)).toEqual({ cause: "inactivity", delayDays: 365, byUserId: null, byName: null });
    expect(published.filter((e) => e.dossierId === old.id).map((e) => e.type)).toEqual(["dossier.paused"]);
    expect(published.some((e) => e.dossierId === recent.id)).toBe(false);
  });

  it("P3: a dossier never visited counts from its creation", async () => {
    const w = await org();
    const young = await w.dossier({ createdAt: daysAgo(300) });
    const old = await w.dossier({ createdAt: daysAgo(400) });
    await runAutoPause(NOW);
    expect((await row(young.id)).pausedAt).toBeNull();
    expect((await row(old.id)).pauseCause).toBe("inactivity");
  });

  it("P3: a manual reactivation 100 days ago keeps the dossier active even without a visit for years", async () => {
    const w = await org();
    const d = await w.dossier({ createdAt: daysAgo(1000), lastApplicantVisitAt: daysAgo(900) });
    await db().dossier.update({
      where: { id: d.id },
      data: { pausedAt: daysAgo(200), pauseCause: "manual", pauseReason: "project_stopped" },
    });
    expect((await reactivateDossier(await actor(w.referent.id), { dossierId: d.id }, daysAgo(100))).ok).toBe(true);
    await runAutoPause(NOW);
    expect((await row(d.id)).pausedAt).toBeNull();
    // ... and 366 days after that reactivation, it is paused.
    await runAutoPause(new Date(daysAgo(100).getTime() + 366 * DAY));
    expect((await row(d.id)).pauseCause).toBe("inactivity");
  });

  it("P3: an already paused dossier is left alone; the delay is the organization's setting", async () => {
    const w = await org(30);
    const manual = await w.dossier({ createdAt: daysAgo(900) });
    await db().dossier.update({
      where: { id: manual.id },
      data: { pausedAt: daysAgo(10), pauseCause: "manual", pauseReason: "other" },
    });
    const d31 = await w.dossier({ createdAt: daysAgo(100), lastApplicantVisitAt: daysAgo(31) });
    const d29 = await w.dossier({ createdAt: daysAgo(100), lastApplicantVisitAt: daysAgo(29) });
    await runAutoPause(NOW);
    expect(await row(manual.id)).toMatchObject({ pauseCause: "manual", pausedAt: daysAgo(10) });
    expect(await pauseEvents(manual.id)).toHaveLength(0);
    expect((await row(d31.id)).pauseCause).toBe("inactivity");
    expect((await row(d29.id)).pausedAt).toBeNull();
  });

  it("P3: running twice at once pauses each dossier once, with exactly one pause event each", async () => {
    const w = await org();
    const ds = await Promise.all(Array.from({ length: 6 }, (_, i) => w.dossier({ createdAt: daysAgo(500 + i) })));
    const results = await Promise.all([runAutoPause(NOW), runAutoPause(NOW), runAutoPause(NOW)]);
    expect(results.reduce((n, r) => n + (r.byOrganization[w.o.id] ?? 0), 0)).toBe(6);
    for (const d of ds) {
      expect(await pauseEvents(d.id)).toHaveLength(1);
      expect((await row(d.id)).seq).toBe(1);
    }
    // A later run finds nothing more to do.
    expect((await runAutoPause(new Date(NOW.getTime() + DAY))).byOrganization[w.o.id]).toBeUndefined();
  });

  it("P3, P6: a paused-for-inactivity dossier is reactivated by an applicant's message, which restarts the clock", async () => {
    const w = await org();
    const d = await w.dossier({ createdAt: daysAgo(500) });
    await runAutoPause(NOW);
    expect((await row(d.id)).pauseCause).toBe("inactivity");
    expect(
      (
        await postMessage(
          await actor(w.referent.id),
          { dossierId: d.id, clientId: "auto-wake-0001", body: "Nous reprenons" },
          NOW,
        )
      ).ok,
    ).toBe(true);
    expect((await row(d.id)).pausedAt).toBeNull();
    await runAutoPause(new Date(NOW.getTime() + 10 * DAY));
    expect((await row(d.id)).pausedAt).toBeNull();
  });
});

describe("P11: each run is recorded", () => {
  it("P11: a run records when it ran and how many dossiers it paused, per organization", async () => {
    const w = await org();
    await w.dossier({ createdAt: daysAgo(400) });
    await w.dossier({ createdAt: daysAgo(401) });
    const at = new Date(NOW.getTime() + 1000 * DAY);
    const res = await runAutoPause(at);
    const run = await db().autoPauseRun.findUniqueOrThrow({ where: { id: res.runId } });
    expect(run.startedAt).toEqual(at);
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(run.pausedCount).toBe(res.paused);
    expect(JSON.parse(run.pausedByOrganization)[w.o.id]).toBe(2);
    expect(run.error).toBeNull();
  });
});
