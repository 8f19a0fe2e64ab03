// Recommendations (R1, R2, P6) on SQLite and PostgreSQL: who may do what, events and their audience,
// live publication, and a gap-free seq under concurrent status changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import {
  changeRecommendationStatus,
  createRecommendation,
  listRecommendations,
  openRecommendationCounts,
  updateRecommendation,
} from "./service";
import { dossierAccess } from "../dossier/policy";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let published: PublishedEvent[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());
afterEach(() => setPublisher(undefined));

function capture() {
  published = [];
  setPublisher({ dossierEvent: (e) => published.push(e), revoke() {} });
}

const input = (dossierId: string, extra: Record<string, unknown> = {}) => ({
  dossierId,
  title: "Faire un audit énergétique",
  body: "Un bureau d'études agréé.",
  link: "https://exemple.test/audit",
  ...extra,
});

async function events(dossierId: string) {
  return db().dossierEvent.findMany({ where: { dossierId }, orderBy: { seq: "asc" } });
}

describe("R1: creating and editing", () => {
  it("R1: an advisor creates a recommendation, with one 'recommendation.created' event for all, published after commit", async () => {
    const w = await makeWorld();
    capture();
    const res = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.recommendation).toMatchObject({
      title: "Faire un audit énergétique",
      status: "proposed",
      link: "https://exemple.test/audit",
      author: { id: w.advisor.id },
      seq: 1,
    });
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => [e.seq, e.type, e.audience, e.actorId])).toEqual([
      [1, "recommendation.created", "all", w.advisor.id],
    ]);
    expect(published.map((e) => [e.type, e.seq, e.audience])).toEqual([["recommendation.created", 1, "all"]]);
    expect(published[0].payload).toMatchObject({ recommendation: { id: res.recommendation.id } });
  });

  it("R1: staff of the organization creates; the holder edits, with a 'recommendation.updated' event", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.staff.id), input(w.dossier.id, { link: "" }));
    expect(created.ok && created.recommendation.link).toBeNull();
    if (!created.ok) return;
    const edited = await updateRecommendation(await actor(w.advisor.id), {
      recommendationId: created.recommendation.id,
      title: "  Audit et devis  ",
      body: "",
      link: null,
    });
    expect(edited).toMatchObject({ ok: true, recommendation: { title: "Audit et devis", body: "", seq: 2 } });
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => e.type)).toEqual(["recommendation.created", "recommendation.updated"]);
    expect(JSON.parse(ev[1].payload)).toMatchObject({
      byUserId: w.advisor.id,
      recommendation: { title: "Audit et devis" },
    });
  });

  it("R1: the referent and the applicant may not create or edit (not_found), and nothing is stored", async () => {
    const w = await makeWorld();
    for (const who of [w.referent, w.applicant]) {
      expect(await createRecommendation(await actor(who.id), input(w.dossier.id))).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    for (const who of [w.referent, w.applicant]) {
      const res = await updateRecommendation(await actor(who.id), {
        recommendationId: created.recommendation.id,
        title: "Piraté",
      });
      expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await db().recommendation.count({ where: { dossierId: w.dossier.id } })).toBe(1);
    expect((await db().recommendation.findUniqueOrThrow({ where: { id: created.recommendation.id } })).title).toBe(
      "Faire un audit énergétique",
    );
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });

  it("A1, A3: another organization's staff, an org member outside the dossier and a stranger get not_found, nothing stored", async () => {
    const w = await makeWorld();
    const stranger = await makeUser("Inconnu");
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    for (const who of [w.otherStaff, w.outsider, stranger]) {
      const a = await actor(who.id);
      expect(await createRecommendation(a, input(w.dossier.id))).toMatchObject({
        ok: false,
        error: { code: "not_found", message: "Ce dossier n’existe pas ou vous n’y avez pas accès." },
      });
      expect(await updateRecommendation(a, { recommendationId: created.recommendation.id, title: "x" })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(
        await changeRecommendationStatus(a, { recommendationId: created.recommendation.id, status: "done" }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await db().recommendation.count({ where: { dossierId: w.dossier.id } })).toBe(1);
    expect((await db().recommendation.findUniqueOrThrow({ where: { id: created.recommendation.id } })).status).toBe(
      "proposed",
    );
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(1);
  });

  it("R1: an empty or too long title, a javascript: link, another dossier's document are refused with a message, nothing stored", async () => {
    const w = await makeWorld();
    const adele = await actor(w.advisor.id);
    expect(await createRecommendation(adele, input(w.dossier.id, { title: "   " }))).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Le titre est obligatoire." },
    });
    expect(await createRecommendation(adele, input(w.dossier.id, { title: "x".repeat(201) }))).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Le titre dépasse 200 caractères." },
    });
    expect(await createRecommendation(adele, input(w.dossier.id, { link: "javascript:alert(1)" }))).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Le lien doit être une adresse web complète (https://…)." },
    });
    expect(await createRecommendation(adele, input(w.dossier.id, { body: "x".repeat(10_001) }))).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await createRecommendation(adele, null)).toMatchObject({ ok: false, error: { code: "invalid" } });
    const english = await makeUser("Advisor En", { organizationId: w.org.id, locale: "en" });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: english.id, role: "advisor", side: "advisor" },
    });
    expect(await createRecommendation(await actor(english.id), input(w.dossier.id, { title: "" }))).toMatchObject({
      ok: false,
      error: { message: "The title is required." },
    });
    // A document of another dossier cannot be attached.
    const other = await db().dossier.create({ data: { organizationId: w.org.id, title: "Autre" } });
    const doc = await db().document.create({
      data: {
        dossierId: other.id,
        uploaderId: w.advisor.id,
        originalName: "a.pdf",
        storageKey: "0".repeat(32),
        mimeType: "application/pdf",
        size: 1,
        sha256: "x",
      },
    });
    expect(await createRecommendation(adele, input(w.dossier.id, { documentId: doc.id }))).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Ce document n’appartient pas à ce dossier." },
    });
    expect(await db().recommendation.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    // Refused inside the transaction: the seq it took is rolled back, so no gap.
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(0);
  });

  it("R1: a document of the dossier is attached as the recommendation's file", async () => {
    const w = await makeWorld();
    const doc = await db().document.create({
      data: {
        dossierId: w.dossier.id,
        uploaderId: w.applicant.id,
        originalName: "plans-1978.pdf",
        storageKey: "1".repeat(32),
        mimeType: "application/pdf",
        size: 1,
        sha256: "x",
      },
    });
    const res = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id, { documentId: doc.id }));
    expect(res).toMatchObject({ ok: true, recommendation: { document: { id: doc.id, name: "plans-1978.pdf" } } });
  });
});

describe("R2: status changes", () => {
  it("R2: referent, applicant, advisor and staff each move the status; every change is an event with who, from and to", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    const id = created.recommendation.id;
    capture();
    const steps: [string, string][] = [
      [w.referent.id, "in_progress"],
      [w.applicant.id, "blocked"],
      [w.advisor.id, "in_progress"],
      [w.staff.id, "done"],
    ];
    for (const [userId, status] of steps) {
      const res = await changeRecommendationStatus(await actor(userId), { recommendationId: id, status });
      expect(res).toMatchObject({
        ok: true,
        changed: true,
        recommendation: { status, statusChangedBy: { id: userId } },
      });
    }
    const ev = (await events(w.dossier.id)).filter((e) => e.type === "recommendation.status_changed");
    expect(ev.map((e) => e.audience)).toEqual(["all", "all", "all", "all"]);
    expect(ev.map((e) => JSON.parse(e.payload)).map((p) => [p.byUserId, p.from, p.to])).toEqual([
      [w.referent.id, "proposed", "in_progress"],
      [w.applicant.id, "in_progress", "blocked"],
      [w.advisor.id, "blocked", "in_progress"],
      [w.staff.id, "in_progress", "done"],
    ]);
    expect(ev.map((e) => e.actorId)).toEqual(steps.map((s) => s[0]));
    expect(published.map((e) => e.type)).toEqual(Array(4).fill("recommendation.status_changed"));
    expect(
      (await listRecommendations((await dossierAccess({ userId: w.referent.id }, w.dossier.id))!))[0],
    ).toMatchObject({ status: "done", seq: 5 });
  });

  it("R2: an unknown status is refused with a message; the same status again records nothing", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    const paul = await actor(w.referent.id);
    expect(
      await changeRecommendationStatus(paul, { recommendationId: created.recommendation.id, status: "finished" }),
    ).toMatchObject({ ok: false, error: { code: "invalid", message: "Ce statut n’existe pas." } });
    expect(await changeRecommendationStatus(paul, { recommendationId: "nope", status: "done" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(
      await changeRecommendationStatus(paul, { recommendationId: created.recommendation.id, status: "proposed" }),
    ).toMatchObject({ ok: true, changed: false });
    expect((await db().recommendation.findUniqueOrThrow({ where: { id: created.recommendation.id } })).status).toBe(
      "proposed",
    );
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(1);
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });

  it("R2, section 5: concurrent status changes by both sides lose no event: seq gap-free, each 'from' is the previous 'to'", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    const people = await Promise.all([w.referent.id, w.applicant.id, w.advisor.id, w.staff.id].map((id) => actor(id)));
    const statuses = ["in_progress", "blocked", "done", "not_interested", "already_done", "proposed"];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        changeRecommendationStatus(people[i % 4], {
          recommendationId: created.recommendation.id,
          status: statuses[i % statuses.length],
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const changed = results.filter((r) => r.ok && r.changed).length;
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => e.seq)).toEqual(Array.from({ length: ev.length }, (_, i) => i + 1));
    const changes = ev
      .filter((e) => e.type === "recommendation.status_changed")
      .map((e) => JSON.parse(e.payload) as { from: string; to: string });
    expect(changes.length).toBe(changed);
    let current = "proposed";
    for (const c of changes) {
      expect(c.from).toBe(current);
      expect(c.to).not.toBe(c.from);
      current = c.to;
    }
    const row = await db().recommendation.findUniqueOrThrow({ where: { id: created.recommendation.id } });
    expect(row.status).toBe(current);
    expect(row.seq).toBe(ev.filter((e) => e.type === "recommendation.status_changed").at(-1)?.seq ?? 1);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(ev.length);
  });
});

describe("P6: a status change by the applicant side is applicant activity", () => {
  it("P6: the applicant's status change reactivates a paused dossier in the same transaction, and both events are published", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    await db().dossier.update({
      where: { id: w.dossier.id },
      data: { pausedAt: new Date(Date.now() - 86_400_000), pauseCause: "inactivity" },
    });
    capture();
    const res = await changeRecommendationStatus(await actor(w.applicant.id), {
      recommendationId: created.recommendation.id,
      status: "in_progress",
    });
    expect(res.ok).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).toBeNull();
    const ev = await events(w.dossier.id);
    expect(ev.map((e) => e.type)).toEqual([
      "recommendation.created",
      "recommendation.status_changed",
      "dossier.reactivated",
    ]);
    expect(JSON.parse(ev[2].payload)).toMatchObject({
      cause: "activity",
      byUserId: w.applicant.id,
      activity: "recommendation",
    });
    expect(published.map((e) => e.type)).toEqual(["recommendation.status_changed", "dossier.reactivated"]);
  });

  it("P6: an advisor's status change leaves a paused dossier paused", async () => {
    const w = await makeWorld();
    const created = await createRecommendation(await actor(w.advisor.id), input(w.dossier.id));
    if (!created.ok) throw new Error("setup");
    await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt: new Date(), pauseCause: "manual" } });
    expect(
      (
        await changeRecommendationStatus(await actor(w.advisor.id), {
          recommendationId: created.recommendation.id,
          status: "done",
        })
      ).ok,
    ).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).not.toBeNull();
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id, type: "dossier.reactivated" } })).toBe(0);
  });
});

describe("D1: open recommendation counts", () => {
  it("D1: counts proposed and in-progress recommendations per dossier, zero for dossiers without any", async () => {
    const w = await makeWorld();
    const adele = await actor(w.advisor.id);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await createRecommendation(adele, input(w.dossier.id, { title: `R${i}` }));
      if (r.ok) ids.push(r.recommendation.id);
    }
    await changeRecommendationStatus(adele, { recommendationId: ids[0], status: "in_progress" });
    await changeRecommendationStatus(adele, { recommendationId: ids[1], status: "done" });
    await changeRecommendationStatus(adele, { recommendationId: ids[2], status: "blocked" });
    const empty = await db().dossier.create({ data: { organizationId: w.org.id, title: "Vide" } });
    const counts = await openRecommendationCounts([w.dossier.id, empty.id]);
    expect(counts.get(w.dossier.id)).toBe(2);
    expect(counts.get(empty.id)).toBe(0);
    expect((await openRecommendationCounts([])).size).toBe(0);
  });
});
