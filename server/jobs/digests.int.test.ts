// N4, N8, C7, P4, A4: the digest job against a real database, with a controlled clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { markRead } from "../domain/dashboard/service";
import { appendEvent, nextSeq } from "../test/events";
import { postMessage } from "../domain/conversation/service";
import { changeRecommendationStatus, createRecommendation } from "../domain/recommendation/service";
import { pauseDossier, reactivateDossier } from "../domain/pause/service";
import type { Frequency } from "../domain/notification/schema";
import { useTestDatabase } from "../test/db";
import { actor, makeDossier, makeUser, makeWorld } from "../test/factories";
import { runDigests } from "./digests";
import { rendered } from "../test/mail";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(() => tdb.cleanup());

// Week of Monday 2026-11-23 (winter: Paris is UTC+1, 08:00 there is 07:00 UTC).
const TUE_10 = new Date("2026-11-24T09:00:00Z");
const TUE_11 = new Date("2026-11-24T10:00:00Z");
const WED_0800 = new Date("2026-11-25T07:00:00Z");
const WED_0805 = new Date("2026-11-25T07:05:00Z");
const THU_0805 = new Date("2026-11-26T07:05:00Z");

let n = 0;
const clientId = () => `c-${Date.now()}-${n++}`;

async function setFrequency(userId: string, frequency: Frequency, locale?: "fr" | "en") {
  await db().notificationSettings.upsert({
    where: { userId },
    create: { userId, frequency, locale },
    update: { frequency, locale },
  });
}

async function digestsTo(userId: string) {
  const rows = await db().emailDelivery.findMany({ where: { userId, kind: "digest" }, orderBy: { createdAt: "asc" } });
  return rows.map(rendered);
}

async function say(userId: string, dossierId: string, body: string, at: Date) {
  const r = await postMessage(await actor(userId), { dossierId, clientId: clientId(), body }, at);
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
}

/** A world with its own organization, so that tests do not see each other's digests. */
async function world(tz?: string) {
  const w = await makeWorld();
  if (tz) await db().organization.update({ where: { id: w.org.id }, data: { timeZone: tz } });
  await db().organization.update({ where: { id: w.other.id }, data: { timeZone: "Pacific/Kiritimati" } });
  return w;
}

describe("digest content", () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });

  it("N4, A4: per role and audience: the applicant side never reads advisor-only events, nobody reads their own", async () => {
    for (const u of [w.referent, w.advisor, w.staff]) await setFrequency(u.id, "daily");
    await say(w.advisor.id, w.dossier.id, "Bonjour Paul, pouvez-vous envoyer le devis ?", TUE_10);
    await say(w.applicant.id, w.dossier.id, "Le devis arrive demain.", TUE_10);
    const reco = await createRecommendation(
      await actor(w.advisor.id),
      { dossierId: w.dossier.id, title: "Isoler les combles", body: "" },
      TUE_10,
    );
    expect(reco.ok).toBe(true);
    if (reco.ok)
      await changeRecommendationStatus(
        await actor(w.referent.id),
        { recommendationId: reco.recommendation.id, status: "in_progress" },
        TUE_11,
      );
    // An advisor-only event (A4): an internal file of the staff.
    await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, w.dossier.id, TUE_11);
      await appendEvent(tx, {
        dossierId: w.dossier.id,
        organizationId,
        seq,
        type: "document.uploaded",
        audience: "advisors",
        actorId: w.staff.id,
        payload: {
          document: {
            id: "internal",
            name: "Note interne client difficile.pdf",
            uploadedBy: { id: w.staff.id, name: "Staff Nord" },
          },
        },
        at: TUE_11,
      });
    });

    const r = await runDigests(WED_0805);
    expect(r.sent).toBe(3);

    const [toReferent] = await digestsTo(w.referent.id);
    expect(toReferent.subject).toBe("Votre résumé du jour — Agence Test");
    expect(toReferent.text).toContain("Bonjour Paul, pouvez-vous envoyer le devis ?");
    expect(toReferent.text).toContain("Le devis arrive demain.");
    expect(toReferent.text).toContain("Adele Test a proposé une recommandation");
    expect(toReferent.text).toContain("Isoler les combles");
    expect(toReferent.text).not.toContain("Note interne");
    expect(toReferent.html).not.toContain("Note interne");
    // Their own status change is not news to them.
    expect(toReferent.text).not.toContain("« Proposée » à « En cours »");
    expect(toReferent.text).toContain(`/dossiers/${w.dossier.id}`);
    expect(toReferent.html).toContain(`/dossiers/${w.dossier.id}`);
    // N5: one-click unsubscribe in the body and the headers.
    expect(JSON.parse(toReferent.headers)).toHaveProperty("List-Unsubscribe");
    expect(JSON.parse(toReferent.headers)).toHaveProperty("List-Unsubscribe-Post");
    expect(toReferent.text).toContain("Se désabonner : http");

    const [toAdvisor] = await digestsTo(w.advisor.id);
    expect(toAdvisor.text).toContain("Le devis arrive demain.");
    expect(toAdvisor.text).toContain("Staff Nord a déposé un fichier");
    expect(toAdvisor.text).toContain("Note interne client difficile.pdf");
    expect(toAdvisor.text).toContain("Paul Test a passé une recommandation de");
    expect(toAdvisor.text).not.toContain("Bonjour Paul, pouvez-vous");

    // Staff see the dossier's life, and only the messages addressed to them (C2: Marie's went to the advisors).
    const [toStaff] = await digestsTo(w.staff.id);
    expect(toStaff.text).toContain("Paul Test a passé une recommandation de");
    expect(toStaff.text).not.toContain("Le devis arrive demain.");

    // A3: the other organization's staff gets nothing about it.
    expect(await digestsTo(w.otherStaff.id)).toHaveLength(0);
  });

  it("C2, C3: an applicant's question sent to one advisor is in that advisor's digest only; colleagues' questions only when copied", async () => {
    const second = await makeUser("Arnaud Test", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: second.id, side: "advisor", role: "advisor" },
    });
    for (const u of [w.advisor, second]) await setFrequency(u.id, "daily");
    await db().dossierParticipation.create({
      data: { userId: second.id, dossierId: w.dossier.id, fromApplicants: true, toApplicants: true },
    });
    const r = await postMessage(
      await actor(w.referent.id),
      {
        dossierId: w.dossier.id,
        clientId: clientId(),
        body: "Question pour Arnaud seulement",
        recipientIds: [second.id],
      },
      TUE_10,
    );
    expect(r.ok).toBe(true);
    await say(w.advisor.id, w.dossier.id, "Question d'Adele aux demandeurs", TUE_11);
    await runDigests(WED_0805);
    const [toSecond] = await digestsTo(second.id);
    expect(toSecond.text).toContain("Question pour Arnaud seulement");
    expect(toSecond.text).toContain("Question d'Adele aux demandeurs");
    expect(await digestsTo(w.advisor.id)).toHaveLength(0);
  });

  it("N8: an empty digest never leaves; users not on a digest frequency get none", async () => {
    await setFrequency(w.referent.id, "daily");
    await setFrequency(w.applicant.id, "never");
    await setFrequency(w.advisor.id, "immediately");
    expect((await runDigests(WED_0805)).sent).toBe(0);
    await say(w.staff.id, w.dossier.id, "Une question pour vous.", new Date(WED_0805.getTime() + 60_000));
    // The message came after Wednesday's slot: Thursday's digest carries it, Wednesday's was empty.
    const run = await db().digestRun.findUniqueOrThrow({
      where: { userId_organizationId_slotAt: { userId: w.referent.id, organizationId: w.org.id, slotAt: WED_0800 } },
    });
    expect(run.deliveryId).toBeNull();
    expect(await digestsTo(w.referent.id)).toHaveLength(0);
    expect((await runDigests(THU_0805)).sent).toBe(1);
    expect((await digestsTo(w.referent.id))[0].text).toContain("Une question pour vous.");
    expect(await digestsTo(w.applicant.id)).toHaveLength(0);
    expect(await digestsTo(w.advisor.id)).toHaveLength(0);
  });

  it("N4: running the job twice for a slot, one after the other or at once, sends one digest", async () => {
    await setFrequency(w.referent.id, "daily");
    await say(w.advisor.id, w.dossier.id, "Rendez-vous jeudi ?", TUE_10);
    await Promise.all([runDigests(WED_0805), runDigests(WED_0805)]);
    await runDigests(new Date(WED_0805.getTime() + 5 * 60_000));
    expect(await digestsTo(w.referent.id)).toHaveLength(1);
    expect(await db().digestRun.count({ where: { userId: w.referent.id, slotAt: WED_0800 } })).toBe(1);
    // The next day's digest does not repeat it.
    expect((await runDigests(THU_0805)).sent).toBe(0);
    expect(await digestsTo(w.referent.id)).toHaveLength(1);
  });

  it("C7: a message read in the app before the digest leaves is left out", async () => {
    await setFrequency(w.referent.id, "daily");
    const first = await say(w.advisor.id, w.dossier.id, "Premier message lu", TUE_10);
    await say(w.advisor.id, w.dossier.id, "Second message non lu", TUE_11);
    const read = await markRead(await actor(w.referent.id), { dossierId: w.dossier.id, seq: first.seq });
    expect(read.ok).toBe(true);
    await runDigests(WED_0805);
    const [d] = await digestsTo(w.referent.id);
    expect(d.text).toContain("Second message non lu");
    expect(d.text).not.toContain("Premier message lu");

    // Everything read: nothing new, nothing sent.
    await say(w.advisor.id, w.dossier.id, "Troisième", new Date(WED_0805.getTime() + 60_000));
    const dossier = await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } });
    await markRead(await actor(w.referent.id), { dossierId: w.dossier.id, seq: dossier.seq });
    expect((await runDigests(THU_0805)).sent).toBe(0);
  });

  it("P4: while paused, the applicant side gets no digest entry about the dossier; advisors keep theirs; other dossiers still come", async () => {
    await setFrequency(w.referent.id, "daily");
    await setFrequency(w.advisor.id, "daily");
    const other = await makeDossier(
      w.org.id,
      [
        { userId: w.referent.id, role: "referent" },
        { userId: w.staff.id, role: "advisor" },
      ],
      "Autre dossier de Paul",
    );
    await say(w.applicant.id, w.dossier.id, "Dans le dossier en pause", TUE_10);
    await say(w.staff.id, other.id, "Dans l'autre dossier", TUE_10);
    const paused = await pauseDossier(
      await actor(w.staff.id),
      { dossierId: w.dossier.id, reason: "no_help_needed" },
      TUE_11,
    );
    expect(paused.ok).toBe(true);
    await runDigests(WED_0805);
    const [toReferent] = await digestsTo(w.referent.id);
    expect(toReferent.text).toContain("Dans l'autre dossier");
    expect(toReferent.text).not.toContain("Dans le dossier en pause");
    const [toAdvisor] = await digestsTo(w.advisor.id);
    expect(toAdvisor.text).toContain("Dans le dossier en pause");
    expect(toAdvisor.text).toContain("Staff Nord a mis le dossier en pause");
  });

  it("P4: what happened while paused stays out of the applicant side's digest after a reactivation", async () => {
    await setFrequency(w.referent.id, "daily");
    await say(w.advisor.id, w.dossier.id, "Avant la pause", TUE_10);
    await pauseDossier(
      await actor(w.staff.id),
      { dossierId: w.dossier.id, reason: "other", comment: "test" },
      new Date(TUE_10.getTime() + 60_000),
    );
    await say(w.advisor.id, w.dossier.id, "Pendant la pause", TUE_11);
    const back = await reactivateDossier(
      await actor(w.staff.id),
      { dossierId: w.dossier.id },
      new Date(TUE_11.getTime() + 60_000),
    );
    expect(back.ok).toBe(true);
    await say(w.advisor.id, w.dossier.id, "Après la reprise", new Date(TUE_11.getTime() + 120_000));
    await runDigests(WED_0805);
    const [d] = await digestsTo(w.referent.id);
    expect(d.text).toContain("Avant la pause");
    expect(d.text).not.toContain("Pendant la pause");
    expect(d.text).not.toContain("a mis le dossier en pause");
    expect(d.text).toContain("Dossier réactivé par Staff Nord");
    expect(d.text).toContain("Après la reprise");
  });

  it("N2: written in the notification language", async () => {
    await setFrequency(w.referent.id, "daily", "en");
    await say(w.advisor.id, w.dossier.id, "Hello", TUE_10);
    await runDigests(WED_0805);
    const [d] = await digestsTo(w.referent.id);
    expect(d.locale).toBe("en");
    expect(d.subject).toBe("Your daily digest — Agence Test");
    expect(d.text).toContain("Adele Test wrote");
    expect(d.html).toContain('lang="en"');
  });
});

describe("digest schedule", () => {
  it("N4: no daily digest on Saturday or Sunday; Monday's covers the weekend", async () => {
    const w = await world();
    await setFrequency(w.referent.id, "daily");
    await say(w.advisor.id, w.dossier.id, "Vendredi soir", new Date("2026-11-27T18:00:00Z"));
    await say(w.advisor.id, w.dossier.id, "Samedi", new Date("2026-11-28T10:00:00Z"));
    for (const at of ["2026-11-28T07:00:00Z", "2026-11-28T12:00:00Z", "2026-11-29T07:05:00Z", "2026-11-30T06:55:00Z"])
      await runDigests(new Date(at));
    expect(await digestsTo(w.referent.id)).toHaveLength(0);
    await runDigests(new Date("2026-11-30T07:01:00Z"));
    const all = await digestsTo(w.referent.id);
    expect(all).toHaveLength(1);
    expect(all[0].text).toContain("Vendredi soir");
    expect(all[0].text).toContain("Samedi");
  });

  it("N4: weekly digests leave on Monday 08:00 only, with the whole week", async () => {
    const w = await world();
    await setFrequency(w.referent.id, "weekly");
    await say(w.advisor.id, w.dossier.id, "Mardi", TUE_10);
    await say(w.advisor.id, w.dossier.id, "Jeudi", new Date("2026-11-26T15:00:00Z"));
    for (const at of [WED_0805, THU_0805, new Date("2026-11-27T07:05:00Z"), new Date("2026-11-30T06:59:00Z")])
      await runDigests(at);
    expect(await digestsTo(w.referent.id)).toHaveLength(0);
    await runDigests(new Date("2026-11-30T07:00:00Z"));
    const [d] = await digestsTo(w.referent.id);
    expect(d.subject).toBe("Votre résumé de la semaine — Agence Test");
    expect(d.text).toContain("Mardi");
    expect(d.text).toContain("Jeudi");
  });

  it("N4: in the organization's time zone, across the October daylight-saving change", async () => {
    const w = await world("Europe/Paris");
    await setFrequency(w.referent.id, "daily");
    await say(w.advisor.id, w.dossier.id, "Avant le changement d'heure", new Date("2026-10-23T12:00:00Z"));
    // Monday 2026-10-26, 06:30 UTC is 07:30 in Paris (winter time again): not yet.
    await runDigests(new Date("2026-10-26T06:30:00Z"));
    expect(await digestsTo(w.referent.id)).toHaveLength(0);
    await runDigests(new Date("2026-10-26T07:00:00Z"));
    expect(await digestsTo(w.referent.id)).toHaveLength(1);
  });

  it("N4: another organization's time zone: New York's 08:00", async () => {
    const w = await world("America/New_York");
    await setFrequency(w.referent.id, "daily");
    // Tuesday 15:00 in New York.
    await say(w.advisor.id, w.dossier.id, "Good morning", new Date("2026-11-24T20:00:00Z"));
    // Wednesday 08:00 in Paris is 02:00 in New York: nothing.
    await runDigests(WED_0805);
    expect(await digestsTo(w.referent.id)).toHaveLength(0);
    await runDigests(new Date("2026-11-25T13:00:00Z"));
    expect(await digestsTo(w.referent.id)).toHaveLength(1);
  });

  it("N4: one digest per organization for a user in two", async () => {
    const w = await world();
    const w2org = await db().organization.create({ data: { name: "Cabinet Deux", slug: `deux-${Date.now()}` } });
    const adv2 = await makeUser("Conseil Deux", { organizationId: w2org.id });
    const d2 = await makeDossier(
      w2org.id,
      [
        { userId: w.referent.id, role: "referent" },
        { userId: adv2.id, role: "advisor", holder: true },
      ],
      "Dossier chez Deux",
    );
    await setFrequency(w.referent.id, "daily");
    await say(w.advisor.id, w.dossier.id, "De l'agence", TUE_10);
    await say(adv2.id, d2.id, "Du cabinet deux", TUE_10);
    await runDigests(WED_0805);
    const all = await digestsTo(w.referent.id);
    expect(all.map((d) => d.subject).sort()).toEqual([
      "Votre résumé du jour — Agence Test",
      "Votre résumé du jour — Cabinet Deux",
    ]);
    const deux = all.find((d) => d.subject.includes("Deux"))!;
    expect(deux.text).toContain("Du cabinet deux");
    expect(deux.text).not.toContain("De l'agence");
  });
});
