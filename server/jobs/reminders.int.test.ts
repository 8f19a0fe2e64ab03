// R3, P4, P10, N8: recommendation reminders against a real database, with a controlled clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { postMessage } from "../domain/conversation/service";
import { dossierAccess } from "../domain/dossier/policy";
import { pauseDossier, reactivateDossier } from "../domain/pause/service";
import { changeRecommendationStatus, createRecommendation } from "../domain/recommendation/service";
import { reminderPlan, reminderSettings, updateReminderSettings } from "../domain/reminder/service";
import { useTestDatabase } from "../test/db";
import { actor, makeUser, makeWorld } from "../test/factories";
import { runReminders } from "./reminders";
import { rendered } from "../test/mail";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(() => tdb.cleanup());

const HOUR = 60 * 60 * 1000;
const WEEK = 7 * 24 * HOUR;
const T0 = new Date("2026-01-05T10:00:00Z");
const after = (weeks: number, hours = 0) => new Date(T0.getTime() + weeks * WEEK + hours * HOUR);

async function remindersOf(dossierId: string) {
  const rows = await db().emailDelivery.findMany({
    where: { dossierId, kind: "reminder" },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(rendered);
}

/** A world with one open recommendation proposed at T0; the other worlds' dossiers are paused so runs stay independent. */
async function world(org: { reminderDelayDays?: number; remindersToAllApplicants?: boolean } = {}) {
  await db().dossier.updateMany({ where: { pausedAt: null }, data: { pausedAt: T0 } });
  const w = await makeWorld();
  await db().organization.update({ where: { id: w.org.id }, data: org });
  const r = await createRecommendation(
    await actor(w.advisor.id),
    { dossierId: w.dossier.id, title: "Demander la subvention", body: "" },
    T0,
  );
  if (!r.ok) throw new Error(r.error.message);
  return { ...w, recommendationId: r.recommendation.id };
}

async function plan(userId: string, dossierId: string) {
  const access = await dossierAccess({ userId }, dossierId);
  return reminderPlan(access!);
}

describe("recommendation reminders", () => {
  it("R3: first after 6 weeks, then every 6 weeks, to the referent only, sent once per slot", async () => {
    const w = await world();
    expect((await plan(w.referent.id, w.dossier.id)).nextAt).toBe(after(6).toISOString());
    await runReminders(after(6, -1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(0);

    // Two runs at once, then one more: one reminder.
    await Promise.all([runReminders(after(6, 1)), runReminders(after(6, 1))]);
    await runReminders(after(6, 2));
    const first = await remindersOf(w.dossier.id);
    expect(first).toHaveLength(1);
    expect(first[0].userId).toBe(w.referent.id);
    expect(first[0].subject).toContain("Rappel");
    expect(first[0].text).toContain("Demander la subvention (Proposée)");
    expect(first[0].text).toContain(`/dossiers/${w.dossier.id}/recommendations`);
    expect(first[0].html).toContain("Demander la subvention");
    expect(JSON.parse(first[0].headers)).toHaveProperty("List-Unsubscribe");

    expect((await plan(w.referent.id, w.dossier.id)).nextAt).toBe(after(12).toISOString());
    await runReminders(after(11, 23));
    expect(await remindersOf(w.dossier.id)).toHaveLength(1);
    await runReminders(after(12, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(2);
  });

  it("R3: in progress still reminds; done or not interested does not", async () => {
    const w = await world();
    await changeRecommendationStatus(
      await actor(w.referent.id),
      { recommendationId: w.recommendationId, status: "in_progress" },
      after(1),
    );
    // The clock counts from the last move: 1 + 6 weeks.
    await runReminders(after(6, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(0);
    await runReminders(after(7, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(1);
    expect((await remindersOf(w.dossier.id))[0].text).toContain("(En cours)");
    await changeRecommendationStatus(
      await actor(w.referent.id),
      { recommendationId: w.recommendationId, status: "done" },
      after(8),
    );
    await runReminders(after(20));
    expect(await remindersOf(w.dossier.id)).toHaveLength(1);
    const p = await plan(w.advisor.id, w.dossier.id);
    expect(p).toMatchObject({ nextAt: null, hasOpen: false, paused: false });
  });

  it("P4: none while paused, and none shown", async () => {
    const w = await world();
    const r = await pauseDossier(
      await actor(w.referent.id),
      { dossierId: w.dossier.id, reason: "too_many_emails" },
      after(5),
    );
    expect(r.ok).toBe(true);
    await runReminders(after(6, 1));
    await runReminders(after(12, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(0);
    expect(await plan(w.referent.id, w.dossier.id)).toMatchObject({ nextAt: null, paused: true, hasOpen: true });
  });

  it("P10: a manual reactivation re-arms the reminders from its own date", async () => {
    const w = await world();
    await pauseDossier(
      await actor(w.referent.id),
      { dossierId: w.dossier.id, reason: "other", comment: "vacances" },
      after(5),
    );
    const reactivated = await reactivateDossier(await actor(w.staff.id), { dossierId: w.dossier.id }, after(20));
    expect(reactivated.ok).toBe(true);
    expect((await plan(w.referent.id, w.dossier.id)).nextAt).toBe(after(26).toISOString());
    // Overdue since week 6, yet nothing right after the reactivation.
    await runReminders(after(20, 1));
    await runReminders(after(25, 23));
    expect(await remindersOf(w.dossier.id)).toHaveLength(0);
    await runReminders(after(26, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(1);
    expect((await plan(w.referent.id, w.dossier.id)).nextAt).toBe(after(32).toISOString());
  });

  it("P10: a reactivation by applicant activity re-arms them too", async () => {
    const w = await world();
    await pauseDossier(await actor(w.staff.id), { dossierId: w.dossier.id, reason: "no_help_needed" }, after(2));
    const m = await postMessage(
      await actor(w.applicant.id),
      { dossierId: w.dossier.id, clientId: `p10-${Date.now()}`, body: "Nous reprenons le projet" },
      after(10),
    );
    expect(m.ok).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).toBeNull();
    await runReminders(after(15));
    expect(await remindersOf(w.dossier.id)).toHaveLength(0);
    await runReminders(after(16, 1));
    expect(await remindersOf(w.dossier.id)).toHaveLength(1);
  });

  it("R3: the organization can send them to every applicant-side member, with its own delay", async () => {
    const w = await world({ remindersToAllApplicants: true, reminderDelayDays: 14 });
    expect(await plan(w.applicant.id, w.dossier.id)).toMatchObject({
      nextAt: after(2).toISOString(),
      delayDays: 14,
      toAllApplicants: true,
    });
    await runReminders(after(2, 1));
    const sent = await remindersOf(w.dossier.id);
    expect(sent.map((d) => d.userId).sort()).toEqual([w.referent.id, w.applicant.id].sort());
    // Never to the advisor side.
    expect(sent.some((d) => d.userId === w.advisor.id)).toBe(false);
    expect(sent[0].text).toContain("toutes les 2 semaines");
  });

  it("N8: a referent set to never gets none; one in English gets it in English", async () => {
    const w = await world({ remindersToAllApplicants: true });
    await db().notificationSettings.create({ data: { userId: w.referent.id, frequency: "never" } });
    await db().notificationSettings.create({ data: { userId: w.applicant.id, frequency: "weekly", locale: "en" } });
    await runReminders(after(6, 1));
    const sent = await remindersOf(w.dossier.id);
    expect(sent.map((d) => d.userId)).toEqual([w.applicant.id]);
    expect(sent[0].subject).toBe(
      "Reminder: recommendations are waiting — " +
        (await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).title,
    );
    expect(sent[0].text).toContain("(Proposed)");
  });
});

describe("organization reminder settings", () => {
  it("R3: an admin sets the delay and the recipients; the plan follows; bad values change nothing", async () => {
    const w = await world();
    const admin = await makeUser("Alice Admin", { organizationId: w.org.id, role: "admin" });
    const a = await actor(admin.id);
    const list = await reminderSettings(a);
    expect(list.ok && list.value).toEqual([
      { organizationId: w.org.id, name: "Agence Test", delayDays: 42, toAllApplicants: false },
    ]);

    const saved = await updateReminderSettings(a, { organizationId: w.org.id, delayDays: 21, toAllApplicants: true });
    expect(saved.ok).toBe(true);
    expect(await plan(w.applicant.id, w.dossier.id)).toMatchObject({
      nextAt: after(3).toISOString(),
      delayDays: 21,
      toAllApplicants: true,
    });

    for (const bad of [
      { delayDays: 3 },
      { delayDays: 400 },
      { delayDays: 10.5 },
      { delayDays: "abc" },
      { toAllApplicants: "yes" },
    ]) {
      const r = await updateReminderSettings(a, {
        organizationId: w.org.id,
        delayDays: 30,
        toAllApplicants: false,
        ...bad,
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("invalid");
    }
    const org = await db().organization.findUniqueOrThrow({ where: { id: w.org.id } });
    expect(org).toMatchObject({ reminderDelayDays: 21, remindersToAllApplicants: true });
  });

  it("R3, A1: staff, advisors, applicants and other organizations' admins get a 404", async () => {
    const w = await world();
    const otherAdmin = await makeUser("Admin Autre", { organizationId: w.other.id, role: "admin" });
    for (const u of [w.staff, w.advisor, w.referent, otherAdmin]) {
      const r = await updateReminderSettings(await actor(u.id), {
        organizationId: w.org.id,
        delayDays: 14,
        toAllApplicants: true,
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("not_found");
    }
    for (const u of [w.staff, w.advisor, w.referent])
      expect((await reminderSettings(await actor(u.id))).ok).toBe(false);
    expect(await db().organization.findUniqueOrThrow({ where: { id: w.org.id } })).toMatchObject({
      reminderDelayDays: 42,
      remindersToAllApplicants: false,
    });
  });
});
