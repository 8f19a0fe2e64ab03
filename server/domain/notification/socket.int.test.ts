// C2, C3, C7 over real sockets: recipients chosen in message:send are checked and stored, and the
// dossier:read event cancels the reader's pending email.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeUser, makeWorld } from "../../test/factories";
import { writeQueuedEmails } from "./pending";
import { join, realtimeSuite } from "../../test/server";

const suite = realtimeSuite();
let w: Awaited<ReturnType<typeof makeWorld>>;
let colleague: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  w = await makeWorld();
  colleague = await makeUser("Collegue Socket", { organizationId: w.org.id });
  await db().dossierMember.create({
    data: { dossierId: w.dossier.id, userId: colleague.id, side: "advisor", role: "advisor" },
  });
});

describe("message:send recipients", () => {
  it("C2: an applicant's chosen recipients are stored and get the email; a non-advisor recipient gets an invalid ack and nothing is stored", async () => {
    const paul = await suite.client(w.referent.id);
    expect((await join(paul, w.dossier.id)).ok).toBe(true);
    const bad = await paul.emitWithAck("message:send", {
      dossierId: w.dossier.id,
      clientId: "recipients-bad-01",
      body: "Pour Marie ?",
      recipientIds: [w.applicant.id],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await db().message.count({ where: { clientId: "recipients-bad-01" } })).toBe(0);

    const ack = await paul.emitWithAck("message:send", {
      dossierId: w.dossier.id,
      clientId: "recipients-ok-001",
      body: "Pour le collègue",
      recipientIds: [colleague.id],
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(
      (await db().messageRecipient.findMany({ where: { messageId: ack.message.id } })).map((r) => r.userId),
    ).toEqual([colleague.id]);
    // The emails are written just after the send (pending.ts); here, at once.
    await writeQueuedEmails();
    const rows = await db().emailDelivery.findMany({
      where: { dossierId: w.dossier.id, template: "notification.message", aboutSeq: ack.message.seq },
    });
    expect(rows.map((r) => r.userId)).toEqual([colleague.id]);
  });

  it("C7: the dossier:read event cancels the reader's pending email about what they read", async () => {
    const adele = await suite.client(w.advisor.id);
    expect((await join(adele, w.dossier.id)).ok).toBe(true);
    const ack = await adele.emitWithAck("message:send", {
      dossierId: w.dossier.id,
      clientId: "read-cancel-0001",
      body: "Lisez-moi",
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    // Its emails are written (pending.ts) before Marie reads: the read cancels hers.
    await writeQueuedEmails();
    const marie = await suite.client(w.applicant.id);
    expect((await join(marie, w.dossier.id)).ok).toBe(true);
    const read = await marie.emitWithAck("dossier:read", { dossierId: w.dossier.id, seq: ack.message.seq });
    expect(read).toMatchObject({ ok: true });
    const rows = await db().emailDelivery.findMany({
      where: { dossierId: w.dossier.id, aboutSeq: ack.message.seq },
      orderBy: { toEmail: "asc" },
    });
    const byUser = Object.fromEntries(rows.map((r) => [r.userId, r.status]));
    expect(byUser[w.applicant.id]).toBe("cancelled");
    expect(byUser[w.referent.id]).toBe("pending");
  });
});
