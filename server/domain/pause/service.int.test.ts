// Manual pause and reactivation (P2, P8, P9), the timeline's view of them (P7), and the applicant visit
// that restarts the automatic pause clock (P3). Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeUser, makeWorld } from "../../test/factories";
import { getDossierShell } from "../dossier/service";
import { latestConversation, postMessage } from "../conversation/service";
import { appendEvent, nextSeq } from "../../test/events";
import { dossierAccess } from "../dossier/policy";
import { listTimeline } from "../timeline/service";
import { dashboardRows } from "../dashboard/service";
import {
  lastAutoPauseRun,
  pauseDossier,
  pauseDossiers,
  pauseState,
  reactivateDossier,
  reactivateDossiers,
} from "./service";

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
beforeEach(() => {
  published = [];
});

const dossierRow = (id: string) => db().dossier.findUniqueOrThrow({ where: { id } });
const events = (id: string) => db().dossierEvent.findMany({ where: { dossierId: id }, orderBy: { seq: "asc" } });

describe("P2, P9: manual pause and reactivation", () => {
  it("P2: the referent pauses with a reason and a comment; one event, published live, in the same transaction", async () => {
    const w = await makeWorld();
    const res = await pauseDossier(await actor(w.referent.id), {
      dossierId: w.dossier.id,
      reason: "too_many_emails",
      comment: "  Trop de mails  ",
    });
    expect(res).toEqual({ ok: true, value: { changed: true } });
    const d = await dossierRow(w.dossier.id);
    expect(d.pausedAt).not.toBeNull();
    expect(d).toMatchObject({
      pauseCause: "manual",
      pauseReason: "too_many_emails",
      pausedById: w.referent.id,
      seq: 1,
    });
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => [e.seq, e.type, e.audience, e.actorId])).toEqual([
      [1, "dossier.paused", "all", w.referent.id],
    ]);
    expect(JSON.parse(ev[0].payload)).toEqual({
      cause: "manual",
      reason: "too_many_emails",
      comment: "Trop de mails",
      byUserId: w.referent.id,
      byName: "Paul Test",
    });
    expect(published.map((e) => [e.type, e.seq, e.audience])).toEqual([["dossier.paused", 1, "all"]]);
  });

  it("P2: staff of the organization pause and reactivate; reactivation restarts the clock", async () => {
    const w = await makeWorld();
    const sam = await actor(w.staff.id);
    expect((await pauseDossier(sam, { dossierId: w.dossier.id, reason: "project_stopped" })).ok).toBe(true);
    const now = new Date("2027-01-02T10:00:00Z");
    expect(await reactivateDossier(sam, { dossierId: w.dossier.id }, now)).toEqual({
      ok: true,
      value: { changed: true },
    });
    const d = await dossierRow(w.dossier.id);
    expect(d).toMatchObject({
      pausedAt: null,
      pauseCause: null,
      pauseReason: null,
      pausedById: null,
      lastReactivatedAt: now,
    });
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => e.type)).toEqual(["dossier.paused", "dossier.reactivated"]);
    expect(JSON.parse(ev[1].payload)).toEqual({ cause: "manual", byUserId: w.staff.id, byName: "Staff Nord" });
    expect(published.map((e) => e.type)).toEqual(["dossier.paused", "dossier.reactivated"]);
  });

  it("P2: the referent reactivates by hand", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    await pauseDossier(paul, { dossierId: w.dossier.id, reason: "no_help_needed" });
    expect((await reactivateDossier(paul, { dossierId: w.dossier.id })).ok).toBe(true);
    expect((await dossierRow(w.dossier.id)).pausedAt).toBeNull();
  });

  it("P2: idempotent — pausing a paused dossier or reactivating an active one changes and records nothing", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    expect(await reactivateDossier(paul, { dossierId: w.dossier.id })).toEqual({ ok: true, value: { changed: false } });
    await pauseDossier(paul, { dossierId: w.dossier.id, reason: "no_help_needed" });
    const before = await dossierRow(w.dossier.id);
    published = [];
    expect(await pauseDossier(await actor(w.staff.id), { dossierId: w.dossier.id, reason: "project_stopped" })).toEqual(
      { ok: true, value: { changed: false } },
    );
    const after = await dossierRow(w.dossier.id);
    expect(after).toMatchObject({ seq: before.seq, pauseReason: "no_help_needed", pausedById: w.referent.id });
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(1);
    expect(published).toEqual([]);
  });

  it("P2: concurrent pauses by the referent and staff record exactly one pause event", async () => {
    const w = await makeWorld();
    const [paul, sam] = await Promise.all([actor(w.referent.id), actor(w.staff.id)]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pauseDossier(i % 2 ? paul : sam, { dossierId: w.dossier.id, reason: "project_stopped" }),
      ),
    );
    expect(results.filter((r) => r.ok && r.value.changed)).toHaveLength(1);
    expect((await events(w.dossier.id)).map((e) => e.type)).toEqual(["dossier.paused"]);
  });

  it("P2: the applicant, an advisor, another organization's staff, an org member outside the dossier and a removed referent get not_found; nothing changes", async () => {
    const w = await makeWorld();
    const refused = [w.applicant.id, w.advisor.id, w.otherStaff.id, w.outsider.id];
    for (const id of refused) {
      const who = await actor(id);
      expect(await pauseDossier(who, { dossierId: w.dossier.id, reason: "project_stopped" })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt: new Date(), pauseCause: "manual" } });
    for (const id of refused) {
      expect(await reactivateDossier(await actor(id), { dossierId: w.dossier.id })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    await db().dossierMember.deleteMany({ where: { dossierId: w.dossier.id, userId: w.referent.id } });
    expect(await reactivateDossier(await actor(w.referent.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await dossierRow(w.dossier.id)).pausedAt).not.toBeNull();
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(published).toEqual([]);
  });

  it("P9: a bad reason, a missing comment for 'other', a too long comment or no dossier are refused; nothing changes", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    const bad = [
      { dossierId: w.dossier.id, reason: "bored" },
      { dossierId: w.dossier.id },
      { dossierId: w.dossier.id, reason: "other" },
      { dossierId: w.dossier.id, reason: "other", comment: "   " },
      { dossierId: w.dossier.id, reason: "project_stopped", comment: "x".repeat(1001) },
      { reason: "project_stopped" },
      null,
    ];
    for (const input of bad)
      expect(await pauseDossier(paul, input)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await pauseDossier(paul, { dossierId: w.dossier.id, reason: "bored" })).ok || "").toBe("");
    const r = await pauseDossier(paul, { dossierId: w.dossier.id, reason: "other" });
    expect(!r.ok && r.error.message).toMatch(/commentaire/);
    expect((await dossierRow(w.dossier.id)).pausedAt).toBeNull();
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(await pauseDossier(paul, { dossierId: w.dossier.id, reason: "other", comment: "Déménagement" })).toEqual({
      ok: true,
      value: { changed: true },
    });
  });

  it("P2, P9: the Settings state shows who paused, why, and who may manage", async () => {
    const w = await makeWorld();
    await pauseDossier(await actor(w.referent.id), {
      dossierId: w.dossier.id,
      reason: "other",
      comment: "Chantier reporté",
    });
    const asStaff = await pauseState((await dossierAccess(await actor(w.staff.id), w.dossier.id))!);
    expect(asStaff).toMatchObject({
      paused: true,
      cause: "manual",
      reason: "other",
      comment: "Chantier reporté",
      byName: "Paul Test",
      canManage: true,
    });
    expect((await pauseState((await dossierAccess(await actor(w.applicant.id), w.dossier.id))!)).canManage).toBe(false);
    expect((await pauseState((await dossierAccess(await actor(w.advisor.id), w.dossier.id))!)).canManage).toBe(false);
  });
});

describe("P5, D2: a pause is not activity", () => {
  it("P5: a manual pause (one or several) leaves lastActivityAt, so the recent-activity filter can hide it", async () => {
    const w = await makeWorld();
    const second = await makeDossier(w.org.id, [], "Deuxième");
    const old = new Date("2026-09-01T10:00:00Z");
    await db().dossier.updateMany({ where: { id: { in: [w.dossier.id, second.id] } }, data: { lastActivityAt: old } });
    const now = new Date("2026-12-01T10:00:00Z");
    expect(
      (await pauseDossier(await actor(w.referent.id), { dossierId: w.dossier.id, reason: "project_stopped" }, now)).ok,
    ).toBe(true);
    expect((await pauseDossiers(await actor(w.staff.id), [second.id], "no_help_needed", undefined, now)).ok).toBe(true);
    for (const id of [w.dossier.id, second.id]) {
      const d = await dossierRow(id);
      expect(d.pausedAt).toEqual(now);
      expect(d.lastActivityAt).toEqual(old);
    }
    const sam = await actor(w.staff.id);
    const recent = await dashboardRows(sam, { recent: true, paused: false, mine: false }, now);
    expect(recent.map((r) => r.id)).not.toContain(w.dossier.id);
    expect(recent.map((r) => r.id)).not.toContain(second.id);
    const paused = await dashboardRows(sam, { recent: false, paused: true, mine: false }, now);
    expect(paused.map((r) => r.id)).toEqual(expect.arrayContaining([w.dossier.id, second.id]));
    // A message still is activity (and control: the field does move when something happens).
    await postMessage(
      await actor(w.advisor.id),
      { dossierId: w.dossier.id, clientId: "p5-activity-abcdef", body: "Bonjour" },
      now,
    );
    expect((await dossierRow(w.dossier.id)).lastActivityAt).toEqual(now);
  });
});

describe("P8: staff pause several dossiers at once", () => {
  it("P8: staff pause their organization's dossiers; each is checked by the policy and answered on its own", async () => {
    const w = await makeWorld();
    const second = await makeDossier(w.org.id, [{ userId: w.referent.id, role: "referent" }]);
    const foreign = await makeDossier(w.other.id, [{ userId: w.otherStaff.id, role: "advisor" }]);
    await pauseDossier(await actor(w.staff.id), { dossierId: second.id, reason: "no_help_needed" });
    published = [];
    const res = await pauseDossiers(
      await actor(w.staff.id),
      [w.dossier.id, second.id, foreign.id, "nope", w.dossier.id],
      "project_stopped",
      "Lot de fin d'année",
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.results.map((r) => [r.dossierId, r.ok, r.ok ? r.changed : r.error.code])).toEqual([
      [w.dossier.id, true, true],
      [second.id, true, false],
      [foreign.id, false, "not_found"],
      ["nope", false, "not_found"],
    ]);
    expect((await dossierRow(foreign.id)).pausedAt).toBeNull();
    expect(published.map((e) => e.dossierId)).toEqual([w.dossier.id]);
    expect(JSON.parse((await events(w.dossier.id))[0].payload)).toMatchObject({
      cause: "manual",
      reason: "project_stopped",
      comment: "Lot de fin d'année",
      byUserId: w.staff.id,
    });
  });

  it("P8: the referent, an advisor and another organization's staff are refused per dossier; bad input refused whole", async () => {
    const w = await makeWorld();
    for (const id of [w.referent.id, w.advisor.id, w.otherStaff.id]) {
      const res = await pauseDossiers(await actor(id), [w.dossier.id], "project_stopped");
      expect(res.ok && res.value.results[0]).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    const sam = await actor(w.staff.id);
    expect(await pauseDossiers(sam, [], "project_stopped")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await pauseDossiers(sam, [w.dossier.id], "nope")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await pauseDossiers(sam, [w.dossier.id], "other")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await pauseDossiers(sam, "x", "project_stopped")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await dossierRow(w.dossier.id)).pausedAt).toBeNull();
  });

  it("P8: staff reactivate several paused dossiers at once; others are refused per dossier; bad input refused whole", async () => {
    const w = await makeWorld();
    const sam = await actor(w.staff.id);
    const second = await makeDossier(w.org.id, [{ userId: w.referent.id, role: "referent" }]);
    const active = await makeDossier(w.org.id, []);
    const foreign = await makeDossier(w.other.id, [{ userId: w.otherStaff.id, role: "advisor" }]);
    await pauseDossiers(sam, [w.dossier.id, second.id], "project_stopped");
    await pauseDossier(await actor(w.otherStaff.id), { dossierId: foreign.id, reason: "project_stopped" });
    // The referent may reactivate one by hand, but not through the staff's bulk action.
    for (const id of [w.referent.id, w.advisor.id, w.otherStaff.id]) {
      const res = await reactivateDossiers(await actor(id), [w.dossier.id]);
      expect(res.ok && res.value.results[0]).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect((await dossierRow(w.dossier.id)).pausedAt).not.toBeNull();
    published = [];
    const now = new Date("2027-02-01T10:00:00Z");
    const res = await reactivateDossiers(sam, [w.dossier.id, second.id, active.id, foreign.id, w.dossier.id], now);
    expect(res.ok && res.value.results.map((r) => [r.dossierId, r.ok, r.ok ? r.changed : r.error.code])).toEqual([
      [w.dossier.id, true, true],
      [second.id, true, true],
      [active.id, true, false],
      [foreign.id, false, "not_found"],
    ]);
    for (const id of [w.dossier.id, second.id]) {
      expect(await dossierRow(id)).toMatchObject({ pausedAt: null, lastReactivatedAt: now, remindersArmedAt: now });
    }
    expect((await dossierRow(foreign.id)).pausedAt).not.toBeNull();
    expect(published.map((e) => [e.dossierId, e.type])).toEqual([
      [w.dossier.id, "dossier.reactivated"],
      [second.id, "dossier.reactivated"],
    ]);
    expect(JSON.parse((await events(second.id)).at(-1)!.payload)).toEqual({
      cause: "manual",
      byUserId: w.staff.id,
      byName: "Staff Nord",
    });
    expect(await reactivateDossiers(sam, [])).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await reactivateDossiers(sam, "x")).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});

describe("P7: the timeline", () => {
  it("P7: pauses and reactivations with their cause and who, newest first; the applicant side sees only 'all' events", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    await pauseDossier(
      paul,
      { dossierId: w.dossier.id, reason: "too_many_emails", comment: "Stop" },
      new Date("2027-01-01T09:00:00Z"),
    );
    await postMessage(
      await actor(w.applicant.id),
      { dossierId: w.dossier.id, clientId: "timeline-wake-01", body: "Finalement si" },
      new Date("2027-01-02T09:00:00Z"),
    );
    // An advisor-only event (A4) written the way any area writes one.
    await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, w.dossier.id, new Date("2027-01-03T09:00:00Z"));
      await appendEvent(tx, {
        dossierId: w.dossier.id,
        organizationId,
        seq,
        type: "note.created",
        audience: "advisors",
        actorId: w.advisor.id,
        payload: { title: "Note interne" },
        at: new Date("2027-01-03T09:00:00Z"),
      });
    });
    await db().dossier.update({
      where: { id: w.dossier.id },
      data: { pausedAt: new Date("2027-01-04T09:00:00Z"), pauseCause: "inactivity" },
    });
    await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, w.dossier.id, new Date("2027-01-04T09:00:00Z"));
      await appendEvent(tx, {
        dossierId: w.dossier.id,
        organizationId,
        seq,
        type: "dossier.paused",
        audience: "all",
        actorId: null,
        payload: { cause: "inactivity", delayDays: 365, byUserId: null, byName: null },
        at: new Date("2027-01-04T09:00:00Z"),
      });
    });

    const advisorView = await listTimeline((await dossierAccess(await actor(w.advisor.id), w.dossier.id))!);
    expect(advisorView.map((e) => [e.seq, e.type, e.actorName])).toEqual([
      [5, "dossier.paused", null],
      [4, "note.created", "Adele Test"],
      [3, "dossier.reactivated", "Marie Test"],
      [2, "message.created", "Marie Test"],
      [1, "dossier.paused", "Paul Test"],
    ]);
    expect(advisorView[0].payload).toMatchObject({ cause: "inactivity" });
    expect(advisorView[2].payload).toMatchObject({ cause: "activity", activity: "message", byName: "Marie Test" });
    expect(advisorView[4].payload).toMatchObject({
      cause: "manual",
      reason: "too_many_emails",
      comment: "Stop",
      byName: "Paul Test",
    });
    expect(advisorView[4].at).toBe("2027-01-01T09:00:00.000Z");

    const applicantView = await listTimeline((await dossierAccess(await actor(w.applicant.id), w.dossier.id))!);
    expect(applicantView.map((e) => e.seq)).toEqual([5, 3, 2, 1]);
    expect(JSON.stringify(applicantView)).not.toContain("Note interne");
    expect(JSON.stringify(applicantView)).not.toContain("@");
  });

  it("P9: pauses and reactivations come with the conversation as system lines, interleaved by seq", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    await postMessage(paul, { dossierId: w.dossier.id, clientId: "sys-line-msg-01", body: "Avant" });
    await pauseDossier(paul, { dossierId: w.dossier.id, reason: "project_stopped" });
    await postMessage(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      clientId: "sys-line-msg-02",
      body: "Après",
    });
    const conv = await latestConversation((await dossierAccess(await actor(w.applicant.id), w.dossier.id))!);
    expect(conv.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(conv.systemLines.map((l) => [l.seq, l.type])).toEqual([
      [2, "dossier.paused"],
      [4, "dossier.reactivated"],
    ]);
    expect(conv.systemLines[0].payload).toMatchObject({ reason: "project_stopped", byName: "Paul Test" });
  });
});

describe("P3: applicant-side visits", () => {
  it("P3: opening the dossier records an applicant-side visit, not an advisor's or staff's; a visit does not reactivate", async () => {
    const w = await makeWorld();
    await db().dossier.update({
      where: { id: w.dossier.id },
      data: { pausedAt: new Date(), pauseCause: "inactivity" },
    });
    await getDossierShell(await actor(w.advisor.id), w.dossier.id);
    await getDossierShell(await actor(w.staff.id), w.dossier.id);
    expect((await dossierRow(w.dossier.id)).lastApplicantVisitAt).toBeNull();
    const before = Date.now();
    await getDossierShell(await actor(w.applicant.id), w.dossier.id);
    const d = await dossierRow(w.dossier.id);
    expect(d.lastApplicantVisitAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(d.pausedAt).not.toBeNull();
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    // A user who may not see the dossier records nothing.
    const stranger = await makeUser("Inconnu");
    await db().dossier.update({ where: { id: w.dossier.id }, data: { lastApplicantVisitAt: null } });
    expect(await getDossierShell(await actor(stranger.id), w.dossier.id)).toBeNull();
    expect((await dossierRow(w.dossier.id)).lastApplicantVisitAt).toBeNull();
  });
});

describe("P11: last run of the automatic pause", () => {
  it("P11: staff see the last run with their organization's count only; others get not_found", async () => {
    const w = await makeWorld();
    const sam = await actor(w.staff.id);
    expect(await lastAutoPauseRun(sam)).toEqual({ ok: true, value: null });
    const startedAt = new Date("2027-03-01T10:00:00Z");
    await db().autoPauseRun.create({
      data: {
        startedAt,
        finishedAt: startedAt,
        pausedCount: 5,
        pausedByOrganization: JSON.stringify({ [w.org.id]: 2, [w.other.id]: 3 }),
      },
    });
    expect(await lastAutoPauseRun(sam, new Date("2027-03-01T10:30:00Z"))).toEqual({
      ok: true,
      value: {
        startedAt: startedAt.toISOString(),
        finishedAt: startedAt.toISOString(),
        paused: 2,
        failed: false,
        stale: false,
      },
    });
    expect(await lastAutoPauseRun(await actor(w.otherStaff.id), new Date("2027-03-01T13:00:00Z"))).toMatchObject({
      ok: true,
      value: { paused: 3, stale: true },
    });
    for (const id of [w.referent.id, w.applicant.id, w.advisor.id]) {
      expect(await lastAutoPauseRun(await actor(id))).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
  });
});
