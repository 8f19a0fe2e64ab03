// Issue 16 on SQLite and PostgreSQL: one once-a-day limit for every reminder (S6), reminding one
// partner, the card's reminder log and next automatic reminder, renewed and expired keys (S2), and the
// key email saying what is asked (S1). Races go through the real database guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import type { PublishedEvent } from "../dossier/events";
import { dossierAccess } from "../dossier/policy";
import { setPublisher } from "../../realtime/publisher";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { rendered } from "../../test/mail";
import { KEY_TTL_DAYS } from "../partner/keys";
import { notifyPartners, remindPartner, renewPartnerKey, sendAutomaticReminders } from "./reminders";
import { attachWithKey, createSolicitation, solicitationsForPanel, submitOpinion } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
const published: PublishedEvent[] = [];
beforeAll(async () => {
  tdb = await useTestDatabase();
  setPublisher({ dossierEvent: (e) => published.push(e), revoke() {}, revokePartner() {} });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});

const DAY = 86_400_000;
const ip = () => `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
type World = Awaited<ReturnType<typeof makeWorld>>;

/** The last key mailed to an address, as the partner reads it (key email or reminder with a new key). */
async function lastKeyMailed(email: string): Promise<string> {
  const mails = await db().emailDelivery.findMany({ where: { toEmail: email }, orderBy: { createdAt: "asc" } });
  const keys = mails
    .map((m) => rendered(m).text.match(/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})/)?.[1])
    .filter((k): k is string => Boolean(k));
  if (!keys.length) throw new Error(`no key mailed to ${email}`);
  return keys.at(-1)!;
}

async function ask(w: World, email: string, extra: Record<string, unknown> = {}, now = new Date()) {
  const res = await createSolicitation(
    await actor(w.advisor.id),
    {
      dossierId: w.dossier.id,
      kind: "opinion",
      scope: "legal",
      external: true,
      partnerEmail: email,
      instructions: "",
      ...extra,
    },
    now,
  );
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const reminders = (email: string) =>
  db().emailDelivery.count({ where: { template: "partner-reminder", toEmail: email } });

async function panel(w: World, now: Date) {
  const a = await actor(w.advisor.id);
  return solicitationsForPanel(a, (await dossierAccess(a, w.dossier.id))!, now);
}

describe("S6: one once-a-day limit for manual and automatic reminders", () => {
  it("S6: after an automatic reminder, Notify sends nothing the same day, and the next day it does", async () => {
    const w = await makeWorld();
    const created = new Date("2031-01-01T08:00:00Z");
    await ask(w, "one-a@p.test", { dueDate: "2031-01-10" }, created);
    // The organization's default: 3 days before the desired date.
    expect(await sendAutomaticReminders(new Date("2031-01-07T08:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await reminders("one-a@p.test")).toBe(1);
    const adele = await actor(w.advisor.id);
    expect(await notifyPartners(adele, { dossierId: w.dossier.id }, new Date("2031-01-07T15:00:00Z"))).toMatchObject({
      ok: true,
      value: { reminded: 0, skipped: 1 },
    });
    const [card] = await panel(w, new Date("2031-01-07T15:00:00Z"));
    expect(card.canRemind).toBe(false);
    expect(card.reminderLog.map((r) => r.by)).toEqual(["automatic"]);
    expect(await reminders("one-a@p.test")).toBe(1);
    expect(await notifyPartners(adele, { dossierId: w.dossier.id }, new Date("2031-01-08T07:00:00Z"))).toMatchObject({
      ok: true,
      value: { reminded: 1 },
    });
    expect(await reminders("one-a@p.test")).toBe(2);
  });

  it("S6: after a manual reminder, the automatic one waits for the next day and the card says when it leaves", async () => {
    const w = await makeWorld();
    const created = new Date("2031-02-01T08:00:00Z");
    await ask(w, "one-b@p.test", { dueDate: "2031-02-10" }, created);
    const adele = await actor(w.advisor.id);
    const morning = new Date("2031-02-07T07:00:00Z");
    expect((await notifyPartners(adele, { dossierId: w.dossier.id }, morning)).ok).toBe(true);
    const [before] = await panel(w, morning);
    // The "before" slot applied today, but today's reminder is taken: tomorrow at midnight UTC.
    expect(before.nextAutomaticReminder).toBe("2031-02-08T00:00:00.000Z");
    expect(before.reminderLog).toEqual([{ at: morning.toISOString(), by: "manual", byName: "Adele Test" }]);
    await sendAutomaticReminders(new Date("2031-02-07T10:00:00Z"));
    expect(await reminders("one-b@p.test")).toBe(1);
    await sendAutomaticReminders(new Date("2031-02-08T01:00:00Z"));
    expect(await reminders("one-b@p.test")).toBe(2);
    const [after] = await panel(w, new Date("2031-02-08T02:00:00Z"));
    expect(after.reminderLog.map((r) => r.by)).toEqual(["manual", "automatic"]);
    // Next: the day after the desired date (organization default 1 day after).
    expect(after.nextAutomaticReminder).toBe("2031-02-11T00:00:00.000Z");
  });

  it("S6: two Notify and the automatic job at once send one email per partner; two reminders of one partner at once send one", async () => {
    const w = await makeWorld();
    const now = new Date("2031-03-01T09:00:00Z");
    // race-a's automatic "before" reminder applies today too: three senders race for one email.
    await ask(w, "race-a@p.test", { dueDate: "2031-03-02" }, now);
    await ask(w, "race-b@p.test", {}, now);
    const adele = await actor(w.advisor.id);
    const staff = await actor(w.staff.id);
    const [n1, n2] = await Promise.all([
      notifyPartners(adele, { dossierId: w.dossier.id }, now),
      notifyPartners(staff, { dossierId: w.dossier.id }, now),
      sendAutomaticReminders(now),
    ]);
    expect(n1.ok && n2.ok).toBe(true);
    expect(await reminders("race-a@p.test")).toBe(1);
    expect(await reminders("race-b@p.test")).toBe(1);

    expect(await db().solicitationReminder.count({ where: { solicitation: { dossierId: w.dossier.id } } })).toBe(2);
    const next = new Date(now.getTime() + DAY);
    const sid = (await panel(w, next)).find((s) => s.partnerEmail === "race-a@p.test")!.id;
    const both = await Promise.all([
      remindPartner(adele, { solicitationId: sid }, next),
      remindPartner(staff, { solicitationId: sid }, next),
      sendAutomaticReminders(next),
    ]);
    // Whoever wins (one of the clicks, or the job's "before" slot if it is still free), one email leaves.
    // (The job's count covers every dossier of this database: the emails to race-a are what counts.)
    const [r1, r2] = both;
    expect(Number(r1.ok) + Number(r2.ok)).toBeLessThanOrEqual(1);
    expect([r1, r2].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await reminders("race-a@p.test")).toBe(2);
  });

  it("S6: remind a single partner: only that partner gets an email, the other may still be reminded", async () => {
    const w = await makeWorld();
    const now = new Date("2031-04-01T09:00:00Z");
    const one = await ask(w, "single-a@p.test", {}, now);
    await ask(w, "single-b@p.test", {}, now);
    published.length = 0;
    expect(await remindPartner(await actor(w.advisor.id), { solicitationId: one.solicitationId }, now)).toMatchObject({
      ok: true,
    });
    expect(published.map((e) => [e.type, e.audience])).toEqual([["solicitation.reminded", "advisors"]]);
    expect(await reminders("single-a@p.test")).toBe(1);
    expect(await reminders("single-b@p.test")).toBe(0);
    const cards = await panel(w, now);
    expect(cards.find((s) => s.partnerEmail === "single-a@p.test")!.canRemind).toBe(false);
    expect(cards.find((s) => s.partnerEmail === "single-b@p.test")!.canRemind).toBe(true);
    expect(await remindPartner(await actor(w.advisor.id), { solicitationId: one.solicitationId }, now)).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await reminders("single-a@p.test")).toBe(1);
  });

  it("S6: other roles and organizations get not_found, bad input is invalid, an answered solicitation is a conflict", async () => {
    const w = await makeWorld();
    const { solicitationId, key } = await ask(w, "who@p.test");
    for (const who of [w.outsider, w.referent, w.applicant, w.otherStaff]) {
      expect(await remindPartner(await actor(who.id), { solicitationId })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(await renewPartnerKey(await actor(who.id), { solicitationId })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    for (const bad of [null, {}, { solicitationId: "" }, { solicitationId: "x".repeat(200) }, "id"]) {
      expect(await remindPartner(await actor(w.advisor.id), bad)).toMatchObject({
        ok: false,
        error: { code: "invalid" },
      });
      expect(await renewPartnerKey(await actor(w.advisor.id), bad)).toMatchObject({
        ok: false,
        error: { code: "invalid" },
      });
    }
    // An id that does not exist is the same 404 as one the actor may not see (A1).
    expect(await renewPartnerKey(await actor(w.advisor.id), { solicitationId: "nope" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const partner = await actor((await makeUser("Who", { email: "who@p.test" })).id);
    await attachWithKey(partner, { key }, ip());
    await submitOpinion(partner, { solicitationId, text: "Fait" });
    expect(await remindPartner(await actor(w.advisor.id), { solicitationId })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await db().solicitationReminder.count({ where: { solicitationId } })).toBe(0);
  });
});

describe("S2: lost or expired keys", () => {
  it("S2: an expired key shows as expired (not waiting); 'Renvoyer une clé' sends a new one and the old one stops working", async () => {
    const w = await makeWorld();
    const created = new Date("2031-05-01T08:00:00Z");
    const { solicitationId, key: oldKey } = await ask(w, "lost@p.test", { kind: "supplement" }, created);
    const later = new Date(created.getTime() + (KEY_TTL_DAYS + 1) * DAY);
    expect((await panel(w, later))[0]).toMatchObject({ state: "expired", canRenewKey: true });
    expect((await panel(w, created))[0]).toMatchObject({ state: "waiting" });

    published.length = 0;
    expect(await renewPartnerKey(await actor(w.advisor.id), { solicitationId }, later)).toMatchObject({ ok: true });
    expect(published.map((e) => [e.type, e.audience])).toEqual([["solicitation.key_renewed", "advisors"]]);
    const newKey = await lastKeyMailed("lost@p.test");
    expect(newKey).not.toBe(oldKey);
    const mail = rendered(
      await db().emailDelivery.findFirstOrThrow({
        where: { toEmail: "lost@p.test", template: "partner-key" },
        orderBy: { createdAt: "desc" },
      }),
    );
    expect(mail.kind).toBe("transactional");
    expect(mail.text).toContain("la précédente ne fonctionne plus");
    const [card] = await panel(w, later);
    expect(card.state).toBe("waiting");
    expect(card.reminderLog).toEqual([{ at: later.toISOString(), by: "key", byName: "Adele Test" }]);

    const partner = await actor((await makeUser("Lost", { email: "lost@p.test" })).id);
    expect(await attachWithKey(partner, { key: oldKey }, ip(), later)).toMatchObject({ ok: false });
    expect(await attachWithKey(partner, { key: newKey }, ip(), later)).toMatchObject({ ok: true });
    // Attached: nothing to renew any more.
    expect(await renewPartnerKey(await actor(w.advisor.id), { solicitationId }, later)).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("S2: two renewals at once send one key", async () => {
    const w = await makeWorld();
    const { solicitationId } = await ask(w, "twice@p.test");
    const results = await Promise.all([
      renewPartnerKey(await actor(w.advisor.id), { solicitationId }),
      renewPartnerKey(await actor(w.staff.id), { solicitationId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().emailDelivery.count({ where: { toEmail: "twice@p.test", template: "partner-key" } })).toBe(2);
  });

  it("S2, S6: a reminder to a partner who has not attached carries a fresh key; the old one no longer works", async () => {
    const w = await makeWorld();
    const now = new Date("2031-06-01T08:00:00Z");
    const { key: oldKey } = await ask(w, "fresh@p.test", {}, now);
    expect((await notifyPartners(await actor(w.advisor.id), { dossierId: w.dossier.id }, now)).ok).toBe(true);
    const reminder = rendered(
      await db().emailDelivery.findFirstOrThrow({ where: { toEmail: "fresh@p.test", template: "partner-reminder" } }),
    );
    const fresh = await lastKeyMailed("fresh@p.test");
    expect(fresh).not.toBe(oldKey);
    expect(reminder.text).toContain(fresh);
    expect(reminder.text).toContain("/partners/attach");
    expect(reminder.text).not.toContain("reçue dans le premier e-mail");
    const partner = await actor((await db().user.findUniqueOrThrow({ where: { email: "fresh@p.test" } })).id);
    expect(await attachWithKey(partner, { key: oldKey }, ip(), now)).toMatchObject({ ok: false });
    expect(await attachWithKey(partner, { key: fresh }, ip(), now)).toMatchObject({ ok: true });
  });
});

describe("S1: the key email says what is asked", () => {
  it("S1: by kind, with the instructions, in the partner's language; a supplement is not called an opinion", async () => {
    const w = await makeWorld();
    await ask(w, "kind-s@p.test", { kind: "supplement", instructions: "Joindre le bilan 2030." });
    await ask(w, "kind-o@p.test", { kind: "on_behalf" });
    await makeUser("Anglo", { email: "kind-en@p.test", locale: "en" });
    await ask(w, "kind-en@p.test", { kind: "both", instructions: "Two lines\nplease" });
    const mail = async (to: string) =>
      rendered(await db().emailDelivery.findFirstOrThrow({ where: { toEmail: to, template: "partner-key" } }));
    const s = await mail("kind-s@p.test");
    expect(s.subject).toContain("complément");
    expect(s.subject).not.toContain("avis");
    expect(s.text).toContain("J’ai terminé : prévenir les conseillers");
    expect(s.text).toContain("Consignes de Adele Test :\nJoindre le bilan 2030.");
    const o = await mail("kind-o@p.test");
    expect(o.subject).toContain("pour le compte");
    expect(o.text).toContain("formulaire du demandeur");
    const en = await mail("kind-en@p.test");
    expect(en.subject).toBe("Agence Test asks for your opinion and additional information");
    expect(en.text).toContain("Instructions from Adele Test:\nTwo lines\nplease");
    expect(en.html).toContain("Two lines\nplease");
  });

  it("S1: an internal partner's request says the kind too", async () => {
    const w = await makeWorld();
    const res = await createSolicitation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      kind: "supplement",
      scope: "financial",
      external: false,
      partnerEmail: w.outsider.email,
      instructions: "Compléter le plan de financement.",
    });
    expect(res.ok).toBe(true);
    const m = rendered(
      await db().emailDelivery.findFirstOrThrow({ where: { toEmail: w.outsider.email, template: "partner-request" } }),
    );
    expect(m.subject).toContain("Demande de complément");
    expect(m.text).toContain("Compléter le plan de financement.");
  });
});
