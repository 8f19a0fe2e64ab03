// Notification emails end to end through the real services, the real outbox worker and the local
// mailbox transport: recipients (C2, C3), pause (P4), cancel on read (C7), language (N2), unsubscribe (N5).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { localMailbox } from "../../email/send";
import { runOutboxOnce } from "../../outbox/worker";
import { postMessage } from "../conversation/service";
import { markRead } from "../dashboard/service";
import { inviteMembers } from "../membership/service";
import { pauseDossier, reactivateDossier } from "../pause/service";
import { changeRecommendationStatus, createRecommendation } from "../recommendation/service";
import { setFrequency, setNotificationLocale, setParticipation, unsubscribe } from "../settings/service";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeUser, makeWorld } from "../../test/factories";
import { scheduleQueuedEmails, writeQueuedEmails } from "./pending";
import { IMMEDIATE_DELAY_MS } from "./service";
import { unsubscribeSignature } from "./unsubscribe";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
let colleague: Awaited<ReturnType<typeof makeUser>>;
const mailbox = localMailbox("Relais <relais@test.test>");
let n = 0;
const cid = () => `notify-test-${++n}-abcdef`;

beforeAll(async () => {
  tdb = await useTestDatabase({ NEXTAUTH_URL: "http://relais.test" });
  w = await makeWorld();
  colleague = await makeUser("Arnaud Collegue", { organizationId: w.org.id });
  await db().dossierMember.create({
    data: { dossierId: w.dossier.id, userId: colleague.id, side: "advisor", role: "advisor" },
  });
});
afterAll(() => tdb.cleanup());

// The pass that writes a message's emails after its send waits for the test to run it (writeQueuedEmails,
// or the worker's drain), so that what happens "in between" is not raced by it.
let releaseEmailPass = () => {};
beforeEach(() => {
  releaseEmailPass = scheduleQueuedEmails.hold();
});
afterEach(() => releaseEmailPass());

beforeEach(async () => {
  // Each test starts from an empty outbox and mailbox, an active dossier and default settings.
  await db().messageEmailPending.deleteMany();
  await db().emailDelivery.deleteMany();
  await db().localMail.deleteMany();
  await db().notificationSettings.deleteMany();
  await db().dossierParticipation.deleteMany();
  await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt: null } });
});

/** Runs the outbox worker once the immediate delay has passed, and returns the mailbox by recipient. */
async function deliver(now = new Date()) {
  await runOutboxOnce(mailbox, new Date(now.getTime() + IMMEDIATE_DELAY_MS + 1000));
  const mails = await db().localMail.findMany({ orderBy: { createdAt: "asc" } });
  return { mails, to: (email: string) => mails.filter((m) => m.toEmail === email) };
}

describe("C2: a question from the applicant side", () => {
  it("C2: goes by default to the advisors whose 'questions from applicants' is on, and is stored with its recipients", async () => {
    await setParticipation(await actor(colleague.id), {
      dossierId: w.dossier.id,
      switch: "fromApplicants",
      value: false,
    });
    const res = await postMessage(await actor(w.referent.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Une question pour vous",
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const stored = await db().messageRecipient.findMany({ where: { messageId: res.message.id } });
    expect(stored.map((r) => r.userId)).toEqual([w.advisor.id]);
    const box = await deliver();
    expect(box.to(w.advisor.email)).toHaveLength(1);
    expect(box.to(colleague.email)).toHaveLength(0);
    // The other applicant-side member and the author get nothing: the question is for advisors.
    expect(box.to(w.applicant.email)).toHaveLength(0);
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.advisor.email)[0].text).toContain("Une question pour vous");
  });

  it("C2: the sender may add a non-participant and remove a participant; the emails follow the choice", async () => {
    await setParticipation(await actor(colleague.id), {
      dossierId: w.dossier.id,
      switch: "fromApplicants",
      value: false,
    });
    const res = await postMessage(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Pour Arnaud seulement",
      recipientIds: [colleague.id],
    });
    expect(res.ok).toBe(true);
    const box = await deliver();
    expect(box.to(colleague.email)).toHaveLength(1);
    expect(box.to(w.advisor.email)).toHaveLength(0);
  });

  it("C2: two questions written in one batch keep each its own recipients", async () => {
    const applicant = await actor(w.applicant.id);
    for (const [body, to] of [
      ["Pour Arnaud", colleague.id],
      ["Pour Adèle", w.advisor.id],
    ] as const) {
      const res = await postMessage(applicant, { dossierId: w.dossier.id, clientId: cid(), body, recipientIds: [to] });
      expect(res.ok).toBe(true);
    }
    // both are queued, then written by one pass (one batch)
    expect(await db().messageEmailPending.count()).toBe(2);
    await writeQueuedEmails();
    const bodies = async (userId: string) =>
      (await db().emailDelivery.findMany({ where: { userId } })).map((d) => d.params);
    expect(await bodies(colleague.id)).toEqual([expect.stringContaining("Pour Arnaud")]);
    expect(await bodies(w.advisor.id)).toEqual([expect.stringContaining("Pour Adèle")]);
  });

  it("C2: recipients that are not advisors of the dossier are refused and nothing is stored or sent", async () => {
    const other = await makeDossier(w.org.id, [{ userId: w.outsider.id, role: "advisor", holder: true }]);
    for (const bad of [[w.applicant.id], [w.outsider.id], [w.staff.id], [w.otherStaff.id], ["nobody"]]) {
      const before = await db().message.count();
      const res = await postMessage(await actor(w.referent.id), {
        dossierId: w.dossier.id,
        clientId: cid(),
        body: "x",
        recipientIds: bad,
      });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe("invalid");
      expect(await db().message.count()).toBe(before);
    }
    expect(other.id).toBeTruthy();
    expect(await db().emailDelivery.count()).toBe(0);
  });
});

describe("C3: a question from an advisor to the applicant side", () => {
  it("C3: reaches the applicant side and copies the advisors whose 'questions to applicants' is on", async () => {
    const res = await postMessage(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Pouvez-vous envoyer le devis ?",
    });
    expect(res.ok).toBe(true);
    let box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(1);
    expect(box.to(w.applicant.email)).toHaveLength(1);
    expect(box.to(colleague.email)).toHaveLength(0); // off by default (N3)
    expect(box.to(w.advisor.email)).toHaveLength(0); // not to the author

    await db().localMail.deleteMany();
    await setParticipation(await actor(colleague.id), { dossierId: w.dossier.id, switch: "toApplicants", value: true });
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Et le plan ?" });
    box = await deliver();
    expect(box.to(colleague.email)).toHaveLength(1);
    expect(box.to(colleague.email)[0].subject).toContain(w.dossier.title);
  });
});

describe("P4: pause mutes the applicant side", () => {
  it("P4: messages in a paused dossier reach advisors' mailboxes and not applicants'; the applicant's other dossier still notifies", async () => {
    await setParticipation(await actor(colleague.id), { dossierId: w.dossier.id, switch: "toApplicants", value: true });
    const paused = await pauseDossier(await actor(w.staff.id), { dossierId: w.dossier.id, reason: "no_help_needed" });
    expect(paused.ok).toBe(true);
    const other = await makeDossier(w.org.id, [
      { userId: w.referent.id, role: "referent" },
      { userId: w.advisor.id, role: "advisor", holder: true },
    ]);
    expect(
      (
        await postMessage(await actor(w.advisor.id), {
          dossierId: w.dossier.id,
          clientId: cid(),
          body: "Message pendant la pause",
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await postMessage(await actor(w.advisor.id), {
          dossierId: other.id,
          clientId: cid(),
          body: "Autre dossier actif",
        })
      ).ok,
    ).toBe(true);
    const box = await deliver();
    // Advisors keep theirs: the pause email and the copied message.
    expect(
      box
        .to(colleague.email)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Message pendant la pause");
    expect(box.to(w.advisor.email).some((m) => m.subject.includes("pause"))).toBe(true);
    // The applicant side of the paused dossier gets nothing: no pause email, no message.
    expect(box.to(w.applicant.email)).toHaveLength(0);
    expect(
      box
        .to(w.referent.email)
        .map((m) => m.text)
        .join("\n"),
    ).not.toContain("Message pendant la pause");
    expect(box.to(w.referent.email).filter((m) => m.subject.includes(w.dossier.title))).toHaveLength(0);
    // Their other dossier still notifies.
    expect(
      box
        .to(w.referent.email)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Autre dossier actif");
  });

  it("P4, P2: after a manual reactivation the applicant side hears again, starting with the reactivation", async () => {
    expect(
      await pauseDossier(await actor(w.referent.id), { dossierId: w.dossier.id, reason: "project_stopped" }),
    ).toEqual({ ok: true, value: { changed: true } });
    expect(await reactivateDossier(await actor(w.staff.id), { dossierId: w.dossier.id })).toEqual({
      ok: true,
      value: { changed: true },
    });
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "De retour" });
    const box = await deliver();
    // N10: both within the waiting window: one email that lists them, the reactivation first.
    const mails = box.to(w.applicant.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("2 nouveautés");
    expect(mails[0].text.indexOf("réactivé")).toBeGreaterThan(-1);
    expect(mails[0].text.indexOf("réactivé")).toBeLessThan(mails[0].text.indexOf("De retour"));
  });
});

describe("C7: reading before the email leaves cancels it", () => {
  it("C7: an immediate email waits under a minute; a read in the app before then cancels it, others still leave", async () => {
    const t0 = new Date();
    const res = await postMessage(
      await actor(w.advisor.id),
      { dossierId: w.dossier.id, clientId: cid(), body: "À lire vite" },
      t0,
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // The send queues its emails; they are written just after it (pending.ts), due a minute after the message.
    expect(await db().emailDelivery.count()).toBe(0);
    expect(await db().messageEmailPending.count({ where: { messageId: res.message.id } })).toBe(1);
    await writeQueuedEmails();
    expect(await db().messageEmailPending.count()).toBe(0);
    const rows = await db().emailDelivery.findMany({ where: { template: "notification.message" } });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThan(30_000);
      expect(r.nextAttemptAt.getTime() - t0.getTime()).toBeLessThan(60_000);
    }
    // Not due yet: nothing leaves at once.
    expect((await runOutboxOnce(mailbox, new Date(t0.getTime() + 10_000))).sent).toBe(0);
    expect((await markRead(await actor(w.referent.id), { dossierId: w.dossier.id, seq: res.message.seq })).ok).toBe(
      true,
    );
    const box = await deliver(t0);
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(1);
    const cancelled = await db().emailDelivery.findFirstOrThrow({ where: { userId: w.referent.id } });
    expect(cancelled.status).toBe("cancelled");
  });

  it("C7: a read in the app before the email is even written: it is written cancelled, and does not leave", async () => {
    const res = await postMessage(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Lu tout de suite",
    });
    if (!res.ok) throw new Error("send failed");
    expect((await markRead(await actor(w.referent.id), { dossierId: w.dossier.id, seq: res.message.seq })).ok).toBe(
      true,
    );
    await writeQueuedEmails();
    const mine = await db().emailDelivery.findFirstOrThrow({ where: { userId: w.referent.id } });
    expect(mine).toMatchObject({ status: "cancelled", lastError: "read in the app before sending (C7)" });
    const box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(1);
  });

  it("C7: reading an older message does not cancel the email of a newer one", async () => {
    const first = await postMessage(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Premier",
    });
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Second" });
    if (!first.ok) throw new Error("send failed");
    await markRead(await actor(w.referent.id), { dossierId: w.dossier.id, seq: first.message.seq });
    const box = await deliver();
    expect(
      box
        .to(w.referent.email)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Second");
    expect(
      box
        .to(w.referent.email)
        .map((m) => m.text)
        .join("\n"),
    ).not.toContain("Premier");
  });
});

describe("N1: frequency", () => {
  it("N1, N8: daily and weekly users get no immediate email (their digest covers it); never gets nothing", async () => {
    await setFrequency(await actor(w.referent.id), { frequency: "daily" });
    await setFrequency(await actor(w.applicant.id), { frequency: "never" });
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Bonjour" });
    expect(await db().emailDelivery.count()).toBe(0);
    expect((await setFrequency(await actor(w.referent.id), { frequency: "hourly" })).ok).toBe(false);
  });
});

describe("N2: language", () => {
  it("N2: emails are written in the notification language: the profile's by default, then the chosen one", async () => {
    await db().user.update({ where: { id: w.applicant.id }, data: { locale: "en" } });
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Hello" });
    let box = await deliver();
    expect(box.to(w.applicant.email)[0].subject).toBe(`New message in “${w.dossier.title}”`);
    expect(box.to(w.applicant.email)[0].html).toContain('lang="en"');
    expect(box.to(w.referent.email)[0].subject).toBe(`Nouveau message dans « ${w.dossier.title} »`);

    await db().localMail.deleteMany();
    expect((await setNotificationLocale(await actor(w.applicant.id), { locale: "fr" })).ok).toBe(true);
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Bonjour" });
    box = await deliver();
    expect(box.to(w.applicant.email)[0].subject).toBe(`Nouveau message dans « ${w.dossier.title} »`);
    await db().user.update({ where: { id: w.applicant.id }, data: { locale: "fr" } });
  });
});

describe("N5: every notification carries the unsubscribe link and headers", () => {
  it("N5: List-Unsubscribe (one-click URL) and List-Unsubscribe-Post headers, and the link in HTML and text, with a link to the dossier", async () => {
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Lien" });
    const box = await deliver();
    const mail = box.to(w.referent.email)[0];
    const headers = JSON.parse(mail.headers) as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(
      new RegExp(`^<http://relais\\.test/unsubscribe/one-click\\?u=${w.referent.id}&s=[A-Za-z0-9_-]+>$`),
    );
    expect(mail.text).toContain(`http://relais.test/unsubscribe?u=${w.referent.id}&s=`);
    expect(mail.html).toContain(`http://relais.test/unsubscribe?u=${w.referent.id}&amp;s=`);
    expect(mail.text).toContain(`http://relais.test/dossiers/${w.dossier.id}`);
    expect(mail.html).toContain(`href="http://relais.test/dossiers/${w.dossier.id}"`);
  });
});

describe("R1, R2: recommendations", () => {
  it("R1: a new recommendation emails the applicant side; R2: an applicant's status change emails the participating advisors", async () => {
    await setParticipation(await actor(colleague.id), {
      dossierId: w.dossier.id,
      switch: "fromApplicants",
      value: false,
    });
    const created = await createRecommendation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      title: "Isoler les combles",
      body: "Avant l'hiver",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    let box = await deliver();
    expect(box.to(w.referent.email).map((m) => m.subject)).toEqual([
      `Nouvelle recommandation dans « ${w.dossier.title} »`,
    ]);
    expect(box.to(w.applicant.email)).toHaveLength(1);
    expect(box.to(colleague.email)).toHaveLength(0);
    expect(box.to(w.referent.email)[0].text).toContain(`/dossiers/${w.dossier.id}/recommendations`);

    await db().localMail.deleteMany();
    await changeRecommendationStatus(await actor(w.referent.id), {
      recommendationId: created.recommendation.id,
      status: "in_progress",
    });
    box = await deliver();
    expect(box.to(w.advisor.email).map((m) => m.subject)).toEqual([
      `« Isoler les combles » : En cours (${w.dossier.title})`,
    ]);
    expect(box.to(colleague.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(0);
  });
});

describe("N8: transactional emails never pass the gate", () => {
  it("N8: a user set to never (unsubscribed) still receives an invitation, and no notification", async () => {
    const u = await makeUser("Jamais Invite");
    await db().notificationSettings.create({ data: { userId: u.id, frequency: "never", unsubscribedAt: new Date() } });
    const other = await makeDossier(w.org.id, [{ userId: w.advisor.id, role: "advisor", holder: true }]);
    const res = await inviteMembers(await actor(w.advisor.id), {
      dossierId: other.id,
      side: "applicant",
      emails: [u.email],
    });
    expect(res.ok).toBe(true);
    await postMessage(await actor(w.advisor.id), { dossierId: other.id, clientId: cid(), body: "Bienvenue" });
    const box = await deliver();
    expect(box.to(u.email).map((m) => m.subject)).toEqual([expect.stringContaining("invité")]);
    const rows = await db().emailDelivery.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.kind)).toEqual(["transactional"]);
  });
});

describe("N9: the gate decides again when an email leaves", () => {
  /** The applicant's message email is queued; `meanwhile` happens; the worker runs after the delay. */
  async function queuedThen(meanwhile: () => Promise<unknown>) {
    const res = await postMessage(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      clientId: cid(),
      body: "Question aux demandeurs",
    });
    expect(res.ok).toBe(true);
    await writeQueuedEmails();
    const queued = await db().emailDelivery.findFirstOrThrow({ where: { userId: w.referent.id } });
    expect(queued.status).toBe("pending");
    await meanwhile();
    const box = await deliver();
    const after = await db().emailDelivery.findUniqueOrThrow({ where: { id: queued.id } });
    return { box, after };
  }

  it("N9, P4: a message email queued before a pause does not leave; its delivery says why", async () => {
    const { box, after } = await queuedThen(() =>
      actor(w.staff.id).then(async (staff) =>
        expect((await pauseDossier(staff, { dossierId: w.dossier.id, reason: "too_many_emails" })).ok).toBe(true),
      ),
    );
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(0);
    expect(after).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: paused" });
  });

  it("N9, N5: a message email queued before a one-click unsubscribe does not leave", async () => {
    const { box, after } = await queuedThen(() =>
      unsubscribe({ u: w.referent.id, s: unsubscribeSignature(w.referent.id) }, "fr"),
    );
    expect(box.to(w.referent.email)).toHaveLength(0);
    // The other applicant did not unsubscribe: theirs leaves.
    expect(box.to(w.applicant.email)).toHaveLength(1);
    expect(after).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: unsubscribed" });
  });

  it("N9, N1: a switch to the daily digest after the email was queued: it waits for the digest instead", async () => {
    const { box, after } = await queuedThen(async () =>
      setFrequency(await actor(w.referent.id), { frequency: "daily" }),
    );
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(after).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: digest" });
  });

  it("N9, N8: a switch to never after the email was queued: nothing leaves", async () => {
    const { box, after } = await queuedThen(async () =>
      setFrequency(await actor(w.referent.id), { frequency: "never" }),
    );
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(after).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: never" });
  });

  it("N9, A3: a member removed after the email was queued gets nothing about the dossier", async () => {
    const { box, after } = await queuedThen(async () => {
      await db().dossierMember.deleteMany({ where: { dossierId: w.dossier.id, userId: w.referent.id } });
    });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: w.referent.id, side: "applicant", role: "referent" },
    });
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(after).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: no_access" });
  });

  it("N9, N2: the email is written when it leaves, in the language the recipient has then", async () => {
    const { box } = await queuedThen(async () => setNotificationLocale(await actor(w.referent.id), { locale: "en" }));
    expect(box.to(w.referent.email)[0].subject).toBe(`New message in “${w.dossier.title}”`);
    expect(box.to(w.applicant.email)[0].subject).toBe(`Nouveau message dans « ${w.dossier.title} »`);
  });
});

describe("C7, N9 (issue 18): a message's emails are written just after its send", () => {
  const question = () =>
    actor(w.advisor.id).then((adele) =>
      postMessage(adele, { dossierId: w.dossier.id, clientId: cid(), body: "Une question aux demandeurs" }),
    );

  it("C7: the send's own pass writes them within a moment, without the worker, due a minute after the message", async () => {
    releaseEmailPass();
    const res = await question();
    if (!res.ok) throw new Error("send failed");
    const message = await db().message.findUniqueOrThrow({ where: { id: res.message.id } });
    const written = () => db().emailDelivery.findMany({ where: { aboutSeq: res.message.seq } });
    let rows = await written();
    for (let i = 0; i < 100 && rows.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await written();
    }
    expect(rows.map((r) => r.userId).sort()).toEqual([w.referent.id, w.applicant.id].sort());
    for (const r of rows) expect(r.nextAttemptAt.getTime()).toBe(message.createdAt.getTime() + IMMEDIATE_DELAY_MS);
    expect(await db().messageEmailPending.count()).toBe(0);
  });

  it("P4, N8: a pause between the send and the writing: the applicant side gets no email at all", async () => {
    const res = await question();
    expect(res.ok).toBe(true);
    const staff = await actor(w.staff.id);
    expect((await pauseDossier(staff, { dossierId: w.dossier.id, reason: "too_many_emails" })).ok).toBe(true);
    await writeQueuedEmails();
    expect(await db().emailDelivery.count({ where: { template: "notification.message" } })).toBe(0);
    const box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(0);
  });

  it("A3: a member removed between the send and the writing gets no email about it", async () => {
    const res = await question();
    expect(res.ok).toBe(true);
    await db().dossierMember.deleteMany({ where: { dossierId: w.dossier.id, userId: w.referent.id } });
    try {
      await writeQueuedEmails();
      const rows = await db().emailDelivery.findMany({ where: { template: "notification.message" } });
      expect(rows.map((r) => r.userId)).toEqual([w.applicant.id]);
    } finally {
      await db().dossierMember.create({
        data: { dossierId: w.dossier.id, userId: w.referent.id, side: "applicant", role: "referent" },
      });
    }
  });

  it("C7: two passes at once (two processes) write each email once", async () => {
    for (let i = 0; i < 5; i++) expect((await question()).ok).toBe(true);
    await Promise.all([writeQueuedEmails(), writeQueuedEmails(), writeQueuedEmails()]);
    const rows = await db().emailDelivery.findMany({ where: { template: "notification.message" } });
    // Five messages, each to the two applicant-side members: ten deliveries, no pair twice.
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => `${r.userId}:${r.aboutSeq}`)).size).toBe(10);
    const box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(1); // N10: the five leave as one email
    expect(box.to(w.referent.email)[0].subject).toBe(`5 nouveautés dans « ${w.dossier.title} »`);
  });

  it("C7: emails a stopped process left unwritten are written by the next outbox pass, anywhere", async () => {
    const res = await question();
    if (!res.ok) throw new Error("send failed");
    // No pass of this process: the worker drains the queue before looking for due emails.
    const box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(1);
    expect(box.to(w.applicant.email)).toHaveLength(1);
    expect(await db().messageEmailPending.count()).toBe(0);
  });

  it("C7, N9: a read that crossed the writing (another process) is caught when the email leaves", async () => {
    const res = await question();
    if (!res.ok) throw new Error("send failed");
    await writeQueuedEmails();
    // The read marker moves without markRead's cancellation, as when both commit at once on PostgreSQL.
    await db().dossierRead.upsert({
      where: { userId_dossierId: { userId: w.referent.id, dossierId: w.dossier.id } },
      create: { userId: w.referent.id, dossierId: w.dossier.id, lastReadSeq: res.message.seq },
      update: { lastReadSeq: res.message.seq },
    });
    const box = await deliver();
    expect(box.to(w.referent.email)).toHaveLength(0);
    expect(box.to(w.applicant.email)).toHaveLength(1);
    const mine = await db().emailDelivery.findFirstOrThrow({ where: { userId: w.referent.id } });
    expect(mine).toMatchObject({ status: "cancelled", lastError: "cancelled when leaving: read" });
  });
});

describe("N10: notifications within the waiting window leave as one email", () => {
  it("N10: six quick status changes reach each advisor as one email listing the six, in order", async () => {
    const adele = await actor(w.advisor.id);
    const created = await createRecommendation(adele, {
      dossierId: w.dossier.id,
      title: "Isoler les combles",
      body: "Avant l'hiver",
    });
    if (!created.ok) throw new Error("create failed");
    await db().emailDelivery.deleteMany();
    const paul = await actor(w.referent.id);
    const statuses = ["in_progress", "blocked", "in_progress", "done", "in_progress", "already_done"] as const;
    for (const status of statuses)
      expect((await changeRecommendationStatus(paul, { recommendationId: created.recommendation.id, status })).ok).toBe(
        true,
      );
    // Six deliveries each for Adèle and the colleague (participating by default), merged when they leave.
    const rows = await db().emailDelivery.findMany({ where: { dossierId: w.dossier.id, status: "pending" } });
    expect(rows.filter((r) => r.userId === w.advisor.id)).toHaveLength(6);
    expect(rows.filter((r) => r.userId === colleague.id)).toHaveLength(6);
    const box = await deliver();
    const toAdele = box.to(w.advisor.email);
    expect(toAdele).toHaveLength(1);
    expect(toAdele[0].subject).toBe(`6 nouveautés dans « ${w.dossier.title} »`);
    // Each listed item starts with its own subject line, « recommendation » : status (title), in order.
    const listed = toAdele[0].text
      .split("• ")
      .slice(1)
      .map((item) => item.split("\n")[0].split(" : ")[1].split(" (")[0]);
    expect(listed).toEqual(["En cours", "Bloquée", "En cours", "Faite", "En cours", "Déjà faite"]);
    // A separate recipient gets their own email, never someone else's.
    expect(box.to(colleague.email)).toHaveLength(1);
    expect(box.to(colleague.email)[0].toEmail).toBe(colleague.email);
    // Every delivery is accounted for: none left waiting to leave again.
    expect(await db().emailDelivery.count({ where: { dossierId: w.dossier.id, status: "pending" } })).toBe(0);
  });

  it("N10: a notification after the first one has left starts a new email", async () => {
    const t0 = new Date();
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Un" }, t0);
    await deliver(t0);
    const t1 = new Date(t0.getTime() + IMMEDIATE_DELAY_MS + 5000);
    await postMessage(await actor(w.advisor.id), { dossierId: w.dossier.id, clientId: cid(), body: "Deux" }, t1);
    const box = await deliver(t1);
    expect(box.to(w.referent.email).map((m) => m.subject)).toEqual([
      `Nouveau message dans « ${w.dossier.title} »`,
      `Nouveau message dans « ${w.dossier.title} »`,
    ]);
  });
});
