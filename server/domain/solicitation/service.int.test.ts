// Solicitations end to end through the services, on SQLite and PostgreSQL: who may ask (S1, S6), the
// one-time key (S2: single use, expiry, hashing at rest, one generic error, rate limits), the opinion
// (S4), revocation (S10), confidentiality (S11), the directory (S12), reminders (S6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import type { PublishedEvent } from "../dossier/events";
import { setPublisher } from "../../realtime/publisher";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { dossierAccess, partnerAccess } from "../dossier/policy";
import { dashboardRows } from "../dashboard/service";
import { solicitationCounts } from "./service";
import { hashKey, KEY_TTL_DAYS } from "../partner/keys";
import { partnerSolicitations, partnerView } from "../partner/service";
import {
  ATTACH_LIMITS,
  attachWithKey,
  createSolicitation,
  revokeSolicitation,
  solicitationsForPanel,
  submitOpinion,
} from "./service";
import { notifyPartners, sendAutomaticReminders } from "./reminders";
import { rendered } from "../../test/mail";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
const published: PublishedEvent[] = [];
const revokedPartners: [string, string][] = [];
beforeAll(async () => {
  tdb = await useTestDatabase();
  setPublisher({
    dossierEvent: (e) => published.push(e),
    revoke() {},
    revokePartner: (u, d) => revokedPartners.push([u, d]),
  });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});

const DAY = 86_400_000;
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** The key as the partner reads it in the email recorded in the outbox. */
async function keyFromOutbox(email: string): Promise<string> {
  const mail = await db().emailDelivery.findFirst({
    where: { toEmail: email, template: "partner-key" },
    orderBy: { createdAt: "desc" },
  });
  const m = (mail && rendered(mail))?.text.match(/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})/);
  if (!m) throw new Error(`no key mailed to ${email}`);
  return m[1];
}

async function ask(
  w: Awaited<ReturnType<typeof makeWorld>>,
  email: string,
  extra: Record<string, unknown> = {},
  now = new Date(),
) {
  const res = await createSolicitation(
    await actor(w.advisor.id),
    {
      dossierId: w.dossier.id,
      kind: "opinion",
      scope: "legal",
      external: true,
      partnerEmail: email,
      dueDate: null,
      instructions: "Vérifier le marché public.",
      ...extra,
    },
    now,
  );
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe("S1, S6: who may ask", () => {
  it("S1: the dossier's advisor asks an external partner: a transactional email carries the key, the event goes to the advisor side only", async () => {
    const w = await makeWorld();
    published.length = 0;
    const res = await ask(w, "expert@cabinet.test", {
      dueDate: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
    });
    const mail = rendered(await db().emailDelivery.findFirstOrThrow({ where: { toEmail: "expert@cabinet.test" } }));
    expect(mail.kind).toBe("transactional");
    expect(mail.text).toContain(res.key!);
    expect(mail.text).toContain("/partners/attach");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: "solicitation.created", audience: "advisors" });
    expect(JSON.stringify(published[0].payload)).not.toContain(res.key!);
    const panel = await solicitationsForPanel(
      await actor(w.advisor.id),
      (await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!,
    );
    expect(panel).toHaveLength(1);
    expect(panel[0]).toMatchObject({ state: "waiting", kind: "opinion", scope: "legal", external: true });
  });

  it("S6: an advisor of the organization who is not on the dossier, the applicant side and another organization's staff get not_found", async () => {
    const w = await makeWorld();
    for (const who of [w.outsider, w.referent, w.applicant, w.otherStaff]) {
      const res = await createSolicitation(await actor(who.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "legal",
        external: true,
        partnerEmail: "x@y.test",
      });
      expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    const { solicitationId } = await ask(w, "p1@p.test");
    for (const who of [w.outsider, w.referent, w.otherStaff]) {
      expect(await revokeSolicitation(await actor(who.id), { solicitationId })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(await notifyPartners(await actor(who.id), { dossierId: w.dossier.id })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    expect(await db().solicitation.count({ where: { dossierId: w.dossier.id } })).toBe(1);
    expect(await db().solicitationReminder.count()).toBe(0);
  });

  it("S1: staff may ask; bad input and a past date change nothing", async () => {
    const w = await makeWorld();
    expect(
      (
        await createSolicitation(await actor(w.staff.id), {
          dossierId: w.dossier.id,
          kind: "supplement",
          scope: "Urbanisme",
          external: true,
          partnerEmail: "urba@ville.test",
        })
      ).ok,
    ).toBe(true);
    const bad = [{ kind: "nope" }, { partnerEmail: "pas-un-email" }, { scope: "" }, { dueDate: "2020-01-01" }];
    for (const b of bad) {
      const res = await createSolicitation(await actor(w.advisor.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "legal",
        external: true,
        partnerEmail: "ok@ok.test",
        ...b,
      });
      expect(res.ok).toBe(false);
    }
    expect(await db().solicitation.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });

  it("S1: an internal partner must be a member of the organization not already on the dossier; they answer in the workspace without a key", async () => {
    const w = await makeWorld();
    const stranger = await makeUser("Externe");
    expect(
      await createSolicitation(await actor(w.advisor.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "technical",
        external: false,
        partnerEmail: stranger.email,
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await createSolicitation(await actor(w.advisor.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "technical",
        external: false,
        partnerEmail: w.staff.email,
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    const res = await createSolicitation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      kind: "opinion",
      scope: "technical",
      external: false,
      partnerEmail: w.outsider.email,
    });
    expect(res.ok && res.value.key).toBeNull();
    const view = await partnerView(await actor(w.outsider.id), w.dossier.id);
    expect(view?.solicitations).toHaveLength(1);
    // Still not a member: the members' view of the dossier stays closed to them.
    expect(await dossierAccess({ userId: w.outsider.id }, w.dossier.id)).toBeNull();
    expect((await partnerSolicitations(await actor(w.outsider.id)))[0]).toMatchObject({ state: "pending", open: true });
  });

  it("S12: with the directory on, only approved external partners may be asked", async () => {
    const w = await makeWorld();
    await db().organization.update({ where: { id: w.org.id }, data: { partnerDirectoryOnly: true } });
    await db().approvedPartner.create({ data: { organizationId: w.org.id, email: "agree@expert.test" } });
    expect(
      await createSolicitation(await actor(w.advisor.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "legal",
        external: true,
        partnerEmail: "inconnu@expert.test",
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      (
        await createSolicitation(await actor(w.advisor.id), {
          dossierId: w.dossier.id,
          kind: "opinion",
          scope: "legal",
          external: true,
          partnerEmail: "AGREE@expert.test",
        })
      ).ok,
    ).toBe(true);
  });
});

describe("S2: the one-time key", () => {
  it("S2: hashing at rest: the database holds an HMAC of the key, never the key; the key has at least 128 bits", async () => {
    const w = await makeWorld();
    const { key, solicitationId } = await ask(w, "hash@p.test");
    expect(key!.replace(/-/g, "")).toHaveLength(32); // 32 base32 characters = 160 bits
    const row = await db().solicitation.findUniqueOrThrow({ where: { id: solicitationId } });
    expect(row.keyHash).toBe(hashKey(key!));
    expect(row.keyHash).not.toContain(key!.replace(/-/g, ""));
    const dump =
      JSON.stringify(await db().solicitation.findMany()) + JSON.stringify(await db().dossierEvent.findMany());
    expect(dump).not.toContain(key!);
    expect(dump).not.toContain(key!.replace(/-/g, ""));
  });

  it("S2: single use: the key attaches once; a second use, by anyone, gets the same generic error as a wrong key", async () => {
    const w = await makeWorld();
    await ask(w, "single@p.test");
    const key = await keyFromOutbox("single@p.test");
    const pierre = await makeUser("Pierre Single", { email: "single@p.test" });
    const other = await makeUser("Autre");
    expect(await partnerAccess({ userId: pierre.id }, w.dossier.id)).toBeNull();
    // Case, spaces and dashes do not matter.
    const first = await attachWithKey(
      await actor(pierre.id),
      { key: ` ${key.toLowerCase().replace(/-/g, " ")} ` },
      ip(),
    );
    expect(first).toMatchObject({ ok: true, value: { dossierId: w.dossier.id } });
    expect(await partnerAccess({ userId: pierre.id }, w.dossier.id)).not.toBeNull();
    const again = await attachWithKey(await actor(other.id), { key }, ip());
    const wrong = await attachWithKey(await actor(other.id), { key: "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH" }, ip());
    expect(again).toEqual(wrong);
    expect(again).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await partnerAccess({ userId: other.id }, w.dossier.id)).toBeNull();
    expect((await db().solicitation.findFirstOrThrow({ where: { partnerEmail: "single@p.test" } })).keyHash).toBeNull();
  });

  it("X2: a key is bound to the invited address: another account gets the generic error and a counted try", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "bound@p.test");
    const thief = await actor((await makeUser("Voleur")).id);
    expect(await attachWithKey(thief, { key }, ip())).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await db().attachAttempt.count({ where: { userId: thief.userId, success: false } })).toBe(1);
    expect(await partnerAccess({ userId: thief.userId }, w.dossier.id)).toBeNull();
    // The invited address, whatever its case, attaches with the same key afterwards.
    const invited = await actor((await makeUser("Invité", { email: "Bound@P.test".toLowerCase() })).id);
    expect((await attachWithKey(invited, { key }, ip())).ok).toBe(true);
  });

  it("S2: two attachments with the same key at once: exactly one wins", async () => {
    const w = await makeWorld();
    await ask(w, "race@p.test");
    const key = await keyFromOutbox("race@p.test");
    // X2: only the invited address may attach; two tries of that account at once: one wins.
    const a = await makeUser("A", { email: "race@p.test" });
    const results = await Promise.all([
      attachWithKey(await actor(a.id), { key }, ip()),
      attachWithKey(await actor(a.id), { key }, ip()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("S2: expiry: a key past its date gets the generic error; so does the key of a revoked solicitation", async () => {
    const w = await makeWorld();
    const now = new Date();
    const { key } = await ask(w, "late@p.test", {}, now);
    const pierre = await actor((await makeUser("Late", { email: "late@p.test" })).id);
    const expired = await attachWithKey(pierre, { key }, ip(), new Date(now.getTime() + KEY_TTL_DAYS * DAY + 1000));
    expect(expired).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Cette clé n’est pas valide. Vérifiez-la ou demandez-en une nouvelle." },
    });
    const { key: k2, solicitationId } = await ask(w, "revoked@p.test");
    expect((await revokeSolicitation(await actor(w.advisor.id), { solicitationId })).ok).toBe(true);
    expect(await attachWithKey(pierre, { key: k2 }, ip())).toEqual(expired);
    // Within its life the same key still works.
    expect((await attachWithKey(pierre, { key }, ip(), new Date(now.getTime() + (KEY_TTL_DAYS - 1) * DAY))).ok).toBe(
      true,
    );
  });

  it("S2: rate limit per account: after 5 failed tries in 15 minutes even the right key is refused, from any address; the window passes", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "limit@p.test");
    const me = await actor((await makeUser("Essayeur", { email: "limit@p.test" })).id);
    const now = new Date();
    for (let i = 0; i < ATTACH_LIMITS.perAccount; i++)
      expect((await attachWithKey(me, { key: `WRONG-${i}` }, ip(), now)).ok).toBe(false);
    const limited = await attachWithKey(me, { key }, ip(), now);
    expect(limited).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await db().attachAttempt.count({ where: { userId: me.userId } })).toBe(ATTACH_LIMITS.perAccount);
    expect((await attachWithKey(me, { key }, ip(), new Date(now.getTime() + ATTACH_LIMITS.windowMs + 1000))).ok).toBe(
      true,
    );
  });

  it("S2, X4: other accounts' wrong tries from the same address (a shared proxy) do not lock out an innocent partner", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "addr@p.test");
    const address = "192.0.2.77";
    for (let i = 0; i < 25; i++) {
      const who = await actor((await makeUser(`Bot ${i}`)).id);
      await attachWithKey(who, { key: "NOPE" }, address);
    }
    const fresh = await actor((await makeUser("Nouveau", { email: "addr@p.test" })).id);
    expect((await attachWithKey(fresh, { key }, address)).ok).toBe(true);
  });

  it("S2, X4: the whole key space is bounded: past its budget of failures in the window, every try waits", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "space@p.test");
    const now = new Date();
    const bot = await makeUser("Bot space");
    // The window's budget, spent by many accounts (written directly: 500 tries through the service are slow).
    await db().attachAttempt.createMany({
      data: Array.from({ length: ATTACH_LIMITS.keySpace }, (_, i) => ({
        userId: bot.id,
        address: `198.51.100.${i % 250}`,
        success: false,
        createdAt: now,
      })),
    });
    const fresh = await actor((await makeUser("Patient", { email: "space@p.test" })).id);
    expect(await attachWithKey(fresh, { key }, ip(), now)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    expect(
      (await attachWithKey(fresh, { key }, ip(), new Date(now.getTime() + ATTACH_LIMITS.windowMs + 1000))).ok,
    ).toBe(true);
    // The other tests of this file share the database: the campaign is over.
    await db().attachAttempt.deleteMany({ where: { userId: bot.id } });
  });
});

describe("S4, S10, S11: answers and revocation", () => {
  async function attached(
    w: Awaited<ReturnType<typeof makeWorld>>,
    email: string,
    extra: Record<string, unknown> = {},
  ) {
    const { key, solicitationId } = await ask(w, email, extra);
    const partner = await makeUser(`Partner ${email}`, { email });
    const res = await attachWithKey(await actor(partner.id), { key }, ip());
    if (!res.ok) throw new Error(`attach failed: ${JSON.stringify(res)}`);
    return { partner: await actor(partner.id), solicitationId };
  }

  it("S4: the partner's opinion with a file is stored once and announced to the advisor side; the panel shows it answered", async () => {
    const w = await makeWorld();
    const { partner, solicitationId } = await attached(w, "opinion@p.test");
    published.length = 0;
    const pdf = Buffer.from("%PDF-1.4 avis juridique");
    expect(
      await submitOpinion(partner, {
        solicitationId,
        text: "Avis favorable sous réserve.",
        file: { name: "avis.pdf", bytes: pdf },
      }),
    ).toMatchObject({ ok: true });
    expect(published.map((e) => [e.type, e.audience])).toEqual([["solicitation.answered", "advisors"]]);
    expect(JSON.stringify(published[0].payload)).not.toContain("favorable");
    expect(await submitOpinion(partner, { solicitationId, text: "Encore" })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    const panel = await solicitationsForPanel(
      await actor(w.advisor.id),
      (await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!,
    );
    expect(panel[0]).toMatchObject({
      state: "answered",
      answer: { text: "Avis favorable sous réserve.", file: { name: "avis.pdf" } },
    });
    // A refused file type stores nothing.
    const w2 = await makeWorld();
    const other = await attached(w2, "badfile@p.test");
    expect(
      await submitOpinion(other.partner, {
        solicitationId: other.solicitationId,
        text: "ok",
        file: { name: "virus.exe", bytes: Buffer.from("MZ") },
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await db().solicitation.findUniqueOrThrow({ where: { id: other.solicitationId } })).answeredAt).toBeNull();
  });

  it("A5: someone else cannot answer a partner's solicitation, and the applicant side cannot either", async () => {
    const w = await makeWorld();
    const { solicitationId } = await attached(w, "own@p.test");
    for (const who of [w.advisor, w.referent, w.otherStaff, await makeUser("Intrus")]) {
      expect(await submitOpinion(await actor(who.id), { solicitationId, text: "Je réponds à sa place" })).toMatchObject(
        { ok: false, error: { code: "not_found" } },
      );
    }
  });

  it("S10: revoking an unanswered solicitation withdraws it: the partner loses access at once and keeps a 'withdrawn' line", async () => {
    const w = await makeWorld();
    const { partner, solicitationId } = await attached(w, "withdraw@p.test");
    revokedPartners.length = 0;
    expect((await revokeSolicitation(await actor(w.advisor.id), { solicitationId })).ok).toBe(true);
    expect(revokedPartners).toEqual([[partner.userId, w.dossier.id]]);
    expect(await partnerView(partner, w.dossier.id)).toBeNull();
    expect(await submitOpinion(partner, { solicitationId, text: "Trop tard" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await partnerSolicitations(partner))[0]).toMatchObject({ state: "withdrawn", open: false });
    expect(await revokeSolicitation(await actor(w.advisor.id), { solicitationId })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("S10: revoking an answered solicitation keeps the answer for the advisors with the revocation date", async () => {
    const w = await makeWorld();
    const { partner, solicitationId } = await attached(w, "answered@p.test");
    await submitOpinion(partner, { solicitationId, text: "Mon avis" });
    expect((await revokeSolicitation(await actor(w.staff.id), { solicitationId })).ok).toBe(true);
    const panel = await solicitationsForPanel(
      await actor(w.advisor.id),
      (await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!,
    );
    expect(panel[0]).toMatchObject({ state: "answered", answer: { text: "Mon avis" } });
    expect(panel[0].revokedAt).not.toBeNull();
    expect(await partnerView(partner, w.dossier.id)).toBeNull();
    expect((await partnerSolicitations(partner))[0]).toMatchObject({ state: "answered", open: false });
  });

  it("S11: a confidential answer is read by the advisor who asked and staff only; no partner sees another partner's solicitation or answer", async () => {
    const w = await makeWorld();
    const arnaud = await makeUser("Arnaud Test", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: arnaud.id, role: "advisor", side: "advisor" },
    });
    const secret = await attached(w, "secret@p.test", { confidential: true });
    const open = await attached(w, "open@p.test");
    await submitOpinion(secret.partner, { solicitationId: secret.solicitationId, text: "Avis confidentiel" });
    await submitOpinion(open.partner, { solicitationId: open.solicitationId, text: "Avis public" });
    const see = async (userId: string) => {
      const a = await actor(userId);
      const panel = await solicitationsForPanel(a, (await dossierAccess(a, w.dossier.id))!);
      return panel.find((s) => s.id === secret.solicitationId)!;
    };
    expect((await see(w.advisor.id)).answer?.text).toBe("Avis confidentiel");
    expect((await see(w.staff.id)).answer?.text).toBe("Avis confidentiel");
    const hidden = await see(arnaud.id);
    expect(hidden.answer).toBeNull();
    expect(hidden.answerHidden).toBe(true);
    // Each partner's view holds their own solicitation only.
    const v1 = await partnerView(secret.partner, w.dossier.id);
    const v2 = await partnerView(open.partner, w.dossier.id);
    expect(v1!.solicitations.map((s) => s.id)).toEqual([secret.solicitationId]);
    expect(v2!.solicitations.map((s) => s.id)).toEqual([open.solicitationId]);
    expect(JSON.stringify(v2)).not.toContain("Avis confidentiel");
    expect(JSON.stringify(v1)).not.toContain("Avis public");
  });
});

describe("S6: reminders and counts", () => {
  it("S6: Notify reminds partners who have not answered, at most once a day each, through the outbox, and shows when", async () => {
    const w = await makeWorld();
    const now = new Date("2030-03-10T09:00:00Z");
    await ask(w, "r1@p.test", {}, now);
    const { solicitationId: s2, key } = await ask(w, "r2@p.test", {}, now);
    const partner = await actor((await makeUser("R2", { email: "r2@p.test" })).id);
    await attachWithKey(partner, { key }, ip(), now);
    await submitOpinion(partner, { solicitationId: s2, text: "Déjà répondu" }, now);
    const adele = await actor(w.advisor.id);
    expect(await notifyPartners(adele, { dossierId: w.dossier.id }, now)).toMatchObject({
      ok: true,
      value: { reminded: 1, skipped: 0 },
    });
    expect(await notifyPartners(adele, { dossierId: w.dossier.id }, new Date(now.getTime() + 3600_000))).toMatchObject({
      ok: true,
      value: { reminded: 0, skipped: 1 },
    });
    const mails = (
      await db().emailDelivery.findMany({ where: { template: "partner-reminder", dossierId: w.dossier.id } })
    ).map(rendered);
    expect(mails.map((m) => [m.toEmail, m.kind])).toEqual([["r1@p.test", "reminder"]]);
    // N5: a reminder carries the one-click unsubscribe, for the account of its address.
    expect(JSON.parse(mails[0].headers)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mails[0].text).toContain("/unsubscribe?");
    expect(mails[0].userId).toBe((await db().user.findUniqueOrThrow({ where: { email: "r1@p.test" } })).id);
    const panel = await solicitationsForPanel(adele, (await dossierAccess(adele, w.dossier.id))!, now);
    const r1 = panel.find((s) => s.partnerEmail === "r1@p.test")!;
    expect(r1.reminders).toEqual([now.toISOString()]);
    expect(r1.canRemind).toBe(false);
    expect(
      (await notifyPartners(adele, { dossierId: w.dossier.id }, new Date(now.getTime() + DAY))).ok &&
        (await db().solicitationReminder.count({ where: { solicitation: { dossierId: w.dossier.id } } })),
    ).toBe(2);
  });

  it("S6, N8: reminders pass the preference gate: a partner set to never gets none, manual or automatic, and nothing is recorded", async () => {
    const w = await makeWorld();
    const now = new Date("2030-07-01T09:00:00Z");
    const { key, solicitationId } = await ask(w, "never@p.test", { dueDate: "2030-07-05" }, now);
    const partner = await makeUser("Jamais", { email: "never@p.test" });
    await attachWithKey(await actor(partner.id), { key }, ip(), now);
    await db().notificationSettings.create({ data: { userId: partner.id, frequency: "never" } });
    expect(await notifyPartners(await actor(w.advisor.id), { dossierId: w.dossier.id }, now)).toMatchObject({
      ok: true,
      value: { reminded: 0, skipped: 1 },
    });
    await sendAutomaticReminders(new Date("2030-07-03T09:00:00Z"));
    await sendAutomaticReminders(new Date("2030-07-07T09:00:00Z"));
    expect(await db().solicitationReminder.count({ where: { solicitationId } })).toBe(0);
    expect(await db().emailDelivery.count({ where: { template: "partner-reminder", userId: partner.id } })).toBe(0);
    // The seq stays gap-free: a refused reminder left no event and took no number.
    const d = await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } });
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(d.seq);
  });

  it("S6: automatic reminders leave 3 days before and the day after the desired date, once each, and never after an answer", async () => {
    const w = await makeWorld();
    const created = new Date("2030-05-01T08:00:00Z");
    await ask(w, "auto@p.test", { dueDate: "2030-05-20" }, created);
    const answered = await ask(w, "auto-done@p.test", { dueDate: "2030-05-20" }, created);
    const done = await actor((await makeUser("Auto Done", { email: "auto-done@p.test" })).id);
    await attachWithKey(done, { key: answered.key }, ip(), created);
    await submitOpinion(done, { solicitationId: answered.solicitationId, text: "Répondu tôt" }, created);
    // Other tests' solicitations share this database: count this partner's reminders only.
    const count = () => db().emailDelivery.count({ where: { template: "partner-reminder", toEmail: "auto@p.test" } });
    await sendAutomaticReminders(new Date("2030-05-16T08:00:00Z"));
    expect(await count()).toBe(0);
    await sendAutomaticReminders(new Date("2030-05-17T08:00:00Z"));
    expect(await count()).toBe(1);
    await Promise.all([
      sendAutomaticReminders(new Date("2030-05-18T08:00:00Z")),
      sendAutomaticReminders(new Date("2030-05-18T08:00:00Z")),
    ]);
    expect(await count()).toBe(1);
    await sendAutomaticReminders(new Date("2030-05-21T07:00:00Z"));
    expect(await count()).toBe(2);
    await sendAutomaticReminders(new Date("2030-05-25T07:00:00Z"));
    expect(await count()).toBe(2);
    const slots = await db().solicitationReminder.findMany({
      where: { solicitation: { partnerEmail: "auto@p.test" } },
      orderBy: { createdAt: "asc" },
    });
    expect(slots.map((r) => r.slot)).toEqual(["before", "after"]);
    expect(
      await db().emailDelivery.count({ where: { template: "partner-reminder", toEmail: "auto-done@p.test" } }),
    ).toBe(0);
    const panel = await solicitationsForPanel(
      await actor(w.advisor.id),
      (await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!,
      new Date("2030-05-21T08:00:00Z"),
    );
    // Both were asked at the same instant: find this one by its address, not by its place in the list.
    expect(panel.find((p) => p.partnerEmail === "auto@p.test")?.state).toBe("overdue");
  });

  it("D1, S6: counts per dossier: asked and answered; a withdrawn unanswered solicitation is not counted", async () => {
    const w = await makeWorld();
    const a = await ask(w, "c1@p.test");
    await ask(w, "c2@p.test");
    const { solicitationId } = await ask(w, "c3@p.test");
    await revokeSolicitation(await actor(w.advisor.id), { solicitationId });
    const partner = await actor((await makeUser("C1", { email: "c1@p.test" })).id);
    await attachWithKey(partner, { key: a.key }, ip());
    await submitOpinion(partner, { solicitationId: a.solicitationId, text: "ok" });
    expect((await solicitationCounts([w.dossier.id])).get(w.dossier.id)).toEqual({ asked: 2, answered: 1 });
    const rows = await dashboardRows(await actor(w.advisor.id), { recent: false });
    expect(rows.find((r) => r.id === w.dossier.id)?.solicitations).toEqual({ asked: 2, answered: 1 });
  });
});
