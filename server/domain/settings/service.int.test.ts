// Conversation settings (N1–N3) and the one-click unsubscribe (N5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeOrganization, makeUser, makeWorld } from "../../test/factories";
import { gateDecisions } from "../notification/gate";
import { unsubscribeSignature } from "../notification/unsubscribe";
import {
  getConversationSettings,
  setFrequency,
  setNotificationLocale,
  setParticipation,
  setParticipationForAll,
  unsubscribe,
} from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
let second: Awaited<ReturnType<typeof makeOrganization>>;
let secondDossier: { id: string };
let thirdDossier: { id: string };

beforeAll(async () => {
  tdb = await useTestDatabase();
  w = await makeWorld();
  // The advisor also works for a second organization, with a dossier there.
  second = await makeOrganization("Cabinet Second");
  await db().membership.create({ data: { organizationId: second.id, userId: w.advisor.id, role: "member" } });
  secondDossier = await makeDossier(
    second.id,
    [
      { userId: w.advisor.id, role: "advisor", holder: true },
      { userId: w.referent.id, role: "referent" },
    ],
    "Zeta second",
  );
  thirdDossier = await makeDossier(w.org.id, [{ userId: w.advisor.id, role: "advisor" }], "Alpha nord");
});
afterAll(() => tdb.cleanup());

describe("N1–N3: conversation settings", () => {
  it("N1, N2, N3: defaults: immediately, the profile language, questions from applicants on and to applicants off; dossiers grouped by organization", async () => {
    const view = await getConversationSettings(await actor(w.advisor.id));
    expect(view.frequency).toBe("immediately");
    expect(view.locale).toBeNull();
    expect(view.profileLocale).toBe("fr");
    expect(view.organizations.map((o) => o.name)).toEqual(["Agence Test", "Cabinet Second"]);
    expect(view.organizations[0].dossiers.map((d) => d.title)).toEqual(["Alpha nord", w.dossier.title]);
    for (const o of view.organizations)
      for (const d of o.dossiers) expect(d).toMatchObject({ fromApplicants: true, toApplicants: false });
  });

  it("N3: an applicant has no dossier to set (participation is for advisors); staff see only dossiers they are an advisor of", async () => {
    expect((await getConversationSettings(await actor(w.referent.id))).organizations).toEqual([]);
    expect((await getConversationSettings(await actor(w.staff.id))).organizations).toEqual([]);
  });

  it("N3: the participation section is for advisors and staff only; applicants do not get it", async () => {
    expect((await getConversationSettings(await actor(w.referent.id))).advisor).toBe(false);
    expect((await getConversationSettings(await actor(w.applicant.id))).advisor).toBe(false);
    expect((await getConversationSettings(await actor(w.advisor.id))).advisor).toBe(true);
    expect((await getConversationSettings(await actor(w.staff.id))).advisor).toBe(true);
  });

  it("N1: frequency is saved, checked, and re-choosing one undoes an unsubscribe", async () => {
    const a = await actor(w.applicant.id);
    expect(await setFrequency(a, { frequency: "weekly" })).toEqual({ ok: true, value: { frequency: "weekly" } });
    expect((await getConversationSettings(a)).frequency).toBe("weekly");
    const bad = await setFrequency(a, { frequency: "monthly" });
    expect(bad.ok).toBe(false);
    expect((await getConversationSettings(a)).frequency).toBe("weekly");
  });

  it("N2: the notification language can be chosen and set back to the profile's", async () => {
    const a = await actor(w.applicant.id);
    expect((await setNotificationLocale(a, { locale: "en" })).ok).toBe(true);
    expect((await getConversationSettings(a)).locale).toBe("en");
    expect((await setNotificationLocale(a, { locale: "de" })).ok).toBe(false);
    expect((await setNotificationLocale(a, { locale: "profile" })).ok).toBe(true);
    expect((await getConversationSettings(a)).locale).toBeNull();
  });

  it("N3: one switch of one dossier", async () => {
    const a = await actor(w.advisor.id);
    const r = await setParticipation(a, { dossierId: w.dossier.id, switch: "toApplicants", value: true });
    expect(r).toEqual({ ok: true, value: { dossierId: w.dossier.id, fromApplicants: true, toApplicants: true } });
    const r2 = await setParticipation(a, { dossierId: w.dossier.id, switch: "fromApplicants", value: false });
    expect(r2).toEqual({ ok: true, value: { dossierId: w.dossier.id, fromApplicants: false, toApplicants: true } });
  });

  it("A1, A3, N3: refused as not found for another organization's dossier, a dossier the user is not an advisor of, or one that does not exist; nothing changes", async () => {
    const foreign = await makeDossier(w.other.id, [{ userId: w.otherStaff.id, role: "advisor", holder: true }]);
    const cases = [
      { who: w.advisor.id, dossierId: foreign.id },
      { who: w.otherStaff.id, dossierId: w.dossier.id },
      { who: w.outsider.id, dossierId: w.dossier.id },
      { who: w.referent.id, dossierId: w.dossier.id },
      { who: w.staff.id, dossierId: w.dossier.id },
      { who: w.advisor.id, dossierId: "does-not-exist" },
    ];
    for (const c of cases) {
      const r = await setParticipation(await actor(c.who), {
        dossierId: c.dossierId,
        switch: "fromApplicants",
        value: false,
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("not_found");
    }
    const r = await setParticipationForAll(await actor(w.advisor.id), {
      organizationId: w.other.id,
      switch: "fromApplicants",
      value: false,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("not_found");
    expect(await db().dossierParticipation.count({ where: { dossierId: foreign.id } })).toBe(0);
    expect(
      await db().dossierParticipation.count({
        where: { userId: { in: [w.otherStaff.id, w.outsider.id, w.referent.id, w.staff.id] } },
      }),
    ).toBe(0);
    const bad = await setParticipation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      switch: "everything",
      value: false,
    });
    expect(bad.ok && bad).toBe(false);
  });

  it("N3: apply to all dossiers of one organization, then to every dossier", async () => {
    const a = await actor(w.advisor.id);
    const r = await setParticipationForAll(a, { organizationId: second.id, switch: "toApplicants", value: true });
    expect(r).toEqual({ ok: true, value: { dossierIds: [secondDossier.id] } });
    let view = await getConversationSettings(a);
    expect(view.organizations[1].dossiers[0].toApplicants).toBe(true);
    expect(view.organizations[0].dossiers.find((d) => d.id === thirdDossier.id)?.toApplicants).toBe(false);

    const all = await setParticipationForAll(a, { switch: "fromApplicants", value: false });
    expect(all.ok && all.value.dossierIds.length).toBe(3);
    view = await getConversationSettings(a);
    for (const o of view.organizations) for (const d of o.dossiers) expect(d.fromApplicants).toBe(false);
    // The other switch kept its values.
    expect(view.organizations[1].dossiers[0].toApplicants).toBe(true);
    expect(view.organizations[0].dossiers.find((d) => d.id === w.dossier.id)?.toApplicants).toBe(true);
  });
});

describe("N5: one-click unsubscribe", () => {
  it("N5: a signed link sets the frequency to never without signing in; the gate then refuses every kind", async () => {
    const u = await makeUser("Desabonne", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: u.id, side: "advisor", role: "advisor" },
    });
    const r = await unsubscribe({ u: u.id, s: unsubscribeSignature(u.id) }, "fr");
    expect(r).toEqual({ ok: true, value: { userId: u.id } });
    const s = await db().notificationSettings.findUniqueOrThrow({ where: { userId: u.id } });
    expect(s.frequency).toBe("never");
    expect(s.unsubscribedAt).not.toBeNull();
    for (const kind of ["notification", "digest", "reminder"] as const) {
      const [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind, candidates: [u.id] });
      expect(d).toMatchObject({ decision: "refuse", reason: "unsubscribed" });
    }
    // Choosing a frequency again in the settings undoes it.
    await setFrequency(await actor(u.id), { frequency: "daily" });
    expect((await db().notificationSettings.findUniqueOrThrow({ where: { userId: u.id } })).unsubscribedAt).toBeNull();
  });

  it("N5: a tampered link (other user, changed signature, missing part) gets a clear error and changes nothing", async () => {
    const victim = await makeUser("Victime", { organizationId: w.org.id });
    const mine = unsubscribeSignature(w.outsider.id);
    const tampered = [
      { u: victim.id, s: mine },
      { u: victim.id, s: unsubscribeSignature(victim.id).slice(0, -2) + "xx" },
      { u: victim.id, s: "" },
      { u: victim.id },
      { u: "", s: mine },
      { u: victim.id, s: unsubscribeSignature(victim.id) + "=" },
      null,
    ];
    for (const raw of tampered) {
      const r = await unsubscribe(raw, "en");
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("invalid");
        expect(r.error.message).toBe(
          "This unsubscribe link is not valid (it may have been changed or cut). Nothing changed.",
        );
      }
    }
    expect(await db().notificationSettings.findUnique({ where: { userId: victim.id } })).toBeNull();
  });
});
