// Transfers (T2–T4, T8), coordination (T3, A2) and what a transfer does with confidential items (T7).
// Runs on SQLite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeOrganization, makeUser, makeWorld } from "../../test/factories";
import { postMessage } from "../conversation/service";
import { documentForDownload, listDocuments, uploadDocument } from "../document/service";
import { dossierAccess } from "../dossier/policy";
import { leaveDossier } from "../membership/service";
import { writeQueuedEmails } from "../notification/pending";
import { createAppointment, createNote, createTask, notesTab, setDocumentFlags } from "../note/service";
import { listTimeline } from "../timeline/service";
import {
  answerTransfer,
  cancelTransfer,
  coordinatorTransfer,
  expireTransfers,
  handReferentRole,
  pendingTransfersFor,
  requestTransfer,
} from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let published: PublishedEvent[] = [];
let revoked: [string, string][] = [];
let touched: string[][] = [];
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-transfer-"));
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from("mesures brutes\n%%EOF\n")]);
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: uploadDir });
  setPublisher({
    dossierEvent: (e) => published.push(e),
    revoke: (u, d) => revoked.push([u, d]),
    usersChanged: (ids) => touched.push(ids),
  });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});
beforeEach(() => {
  published = [];
  revoked = [];
  touched = [];
});

async function world() {
  const w = await makeWorld();
  const colleague = await makeUser("Arnaud Test", { organizationId: w.org.id });
  return { ...w, colleague };
}

const transfers = (dossierId: string) =>
  db().transfer.findMany({ where: { dossierId }, orderBy: { createdAt: "asc" } });
const holderOf = async (dossierId: string) =>
  (await db().dossierMember.findFirst({ where: { dossierId, holder: true } }))?.userId ?? null;
const emailsTo = (userId: string) => db().emailDelivery.findMany({ where: { userId, template: "transfer" } });

describe("T2: transfer by the holder", () => {
  it("T2, T8: the holder asks a colleague; the recipient gets a transactional email and a live dashboard change; accepting moves the holder role and the sender loses access at once", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const req = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.colleague.id });
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    const [t] = await transfers(w.dossier.id);
    expect(t).toMatchObject({
      status: "pending",
      fromUserId: w.advisor.id,
      toUserId: w.colleague.id,
      pendingKey: w.dossier.id,
    });
    expect(t.expiresAt.getTime() - t.createdAt.getTime()).toBe(14 * DAY);
    expect(published.map((e) => [e.type, e.audience])).toEqual([["transfer.requested", "advisors"]]);
    expect(touched).toEqual([[w.colleague.id, w.advisor.id]]);
    expect((await emailsTo(w.colleague.id)).map((d) => [d.kind, JSON.parse(d.params).event])).toEqual([
      ["transactional", "requested"],
    ]);
    expect((await pendingTransfersFor(await actor(w.colleague.id))).incoming.map((p) => p.id)).toEqual([t.id]);
    // The recipient is not a member yet: the dossier is still a 404 for them (A1).
    expect(await dossierAccess({ userId: w.colleague.id }, w.dossier.id)).toBeNull();

    const res = await answerTransfer(await actor(w.colleague.id), { transferId: t.id, answer: "accept" });
    expect(res).toEqual({ ok: true, value: { status: "accepted" } });
    expect(await holderOf(w.dossier.id)).toBe(w.colleague.id);
    expect(await dossierAccess({ userId: w.advisor.id }, w.dossier.id)).toBeNull();
    expect((await dossierAccess({ userId: w.colleague.id }, w.dossier.id))?.roles).toContain("holder");
    expect(revoked).toEqual([[w.advisor.id, w.dossier.id]]);
    // T8: both parties hear of the acceptance (notifications through the preference gate).
    expect((await emailsTo(w.advisor.id)).map((d) => [d.kind, JSON.parse(d.params).event])).toEqual([
      ["notification", "accepted"],
    ]);
    const timeline = await listTimeline((await dossierAccess({ userId: w.colleague.id }, w.dossier.id))!);
    expect(timeline.map((e) => e.type)).toEqual(["transfer.accepted", "transfer.requested"]);
    // The former holder may leave now; the new one may not (a dossier keeps its holder).
    expect((await transfers(w.dossier.id))[0]).toMatchObject({ status: "accepted", pendingKey: null });
  });

  it("T2: a recipient outside the organization, deactivated, or the holder themself is refused and nothing is stored", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const elsewhere = await makeUser("Ailleurs", { organizationId: (await makeOrganization()).id });
    const gone = await makeUser("Parti", { organizationId: w.org.id });
    await db().user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    for (const toUserId of [elsewhere.id, gone.id, w.advisor.id, w.referent.id, "nobody"]) {
      const res = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe("invalid");
    }
    expect(await requestTransfer(holder, { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await transfers(w.dossier.id)).toEqual([]);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(0);
  });

  it("T2, A1: someone who does not hold the dossier cannot transfer it (404): another advisor, the applicant side, another organization", async () => {
    const w = await world();
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: w.colleague.id, role: "advisor", side: "advisor" },
    });
    for (const who of [w.colleague, w.referent, w.applicant, w.otherStaff, w.outsider]) {
      const res = await requestTransfer(await actor(who.id), { dossierId: w.dossier.id, toUserId: w.outsider.id });
      expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await transfers(w.dossier.id)).toEqual([]);
  });

  it("T2: a second pending transfer of the same dossier is refused, and the database guards it too", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    expect((await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.colleague.id })).ok).toBe(true);
    const second = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.outsider.id });
    expect(second).toMatchObject({ ok: false, error: { code: "conflict" } });
    await expect(
      db().transfer.create({
        data: {
          dossierId: w.dossier.id,
          organizationId: w.org.id,
          fromUserId: w.advisor.id,
          toUserId: w.outsider.id,
          requestedById: w.advisor.id,
          pendingKey: w.dossier.id,
          expiresAt: new Date(Date.now() + DAY),
        },
      }),
    ).rejects.toThrow();
    expect(await transfers(w.dossier.id)).toHaveLength(1);
  });

  it("T2: accept and refuse at the same moment have one outcome; the recipient alone may answer", async () => {
    const w = await world();
    const req = await requestTransfer(await actor(w.advisor.id), { dossierId: w.dossier.id, toUserId: w.colleague.id });
    if (!req.ok) throw new Error("setup");
    const transferId = req.value.transferId;
    expect(await answerTransfer(await actor(w.staff.id), { transferId, answer: "accept" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const recipient = await actor(w.colleague.id);
    const [a, r] = await Promise.all([
      answerTransfer(recipient, { transferId, answer: "accept" }),
      answerTransfer(recipient, { transferId, answer: "refuse" }),
    ]);
    expect([a.ok, r.ok].filter(Boolean)).toHaveLength(1);
    const [t] = await transfers(w.dossier.id);
    expect(t.status).toBe(a.ok ? "accepted" : "refused");
    const answers = await db().dossierEvent.count({
      where: { dossierId: w.dossier.id, type: { in: ["transfer.accepted", "transfer.refused"] } },
    });
    expect(answers).toBe(1);
    expect(await holderOf(w.dossier.id)).toBe(a.ok ? w.colleague.id : w.advisor.id);
  });

  it("T2: an acceptance after expiry is refused and changes nothing", async () => {
    const w = await world();
    const t0 = new Date("2026-05-01T09:00:00Z");
    const req = await requestTransfer(
      await actor(w.advisor.id),
      { dossierId: w.dossier.id, toUserId: w.colleague.id },
      t0,
    );
    if (!req.ok) throw new Error("setup");
    const late = new Date(t0.getTime() + 15 * DAY);
    const res = await answerTransfer(
      await actor(w.colleague.id),
      { transferId: req.value.transferId, answer: "accept" },
      late,
    );
    expect(res).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await holderOf(w.dossier.id)).toBe(w.advisor.id);
    expect((await transfers(w.dossier.id))[0].status).toBe("pending");
  });

  it("T2, T8: unanswered, a transfer is still pending after 13 days and expires after 15, once, even with two runs at once", async () => {
    const w = await world();
    const t0 = new Date("2026-05-01T09:00:00Z");
    const req = await requestTransfer(
      await actor(w.advisor.id),
      { dossierId: w.dossier.id, toUserId: w.colleague.id },
      t0,
    );
    if (!req.ok) throw new Error("setup");
    await expireTransfers(new Date(t0.getTime() + 13 * DAY));
    expect((await transfers(w.dossier.id))[0].status).toBe("pending");
    const at15 = new Date(t0.getTime() + 15 * DAY);
    // (other tests' transfers may be due too: this dossier's events say what happened here)
    const [a, b] = await Promise.all([expireTransfers(at15), expireTransfers(at15)]);
    expect(a.expired + b.expired).toBeGreaterThanOrEqual(1);
    expect((await transfers(w.dossier.id))[0]).toMatchObject({ status: "expired", pendingKey: null });
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id, type: "transfer.expired" } })).toBe(1);
    // T8: both parties are told.
    expect((await emailsTo(w.advisor.id)).map((d) => JSON.parse(d.params).event)).toEqual(["expired"]);
    expect((await emailsTo(w.colleague.id)).map((d) => JSON.parse(d.params).event).sort()).toEqual([
      "expired",
      "requested",
    ]);
    // A new transfer may be asked once the old one expired.
    expect(
      (await requestTransfer(await actor(w.advisor.id), { dossierId: w.dossier.id, toUserId: w.colleague.id }, at15))
        .ok,
    ).toBe(true);
  });

  it("T2, T8: the requester cancels; the recipient can no longer accept; refusal is in the timeline too", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const req = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.colleague.id });
    if (!req.ok) throw new Error("setup");
    expect(await cancelTransfer(await actor(w.colleague.id), { transferId: req.value.transferId })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await cancelTransfer(holder, { transferId: req.value.transferId })).ok).toBe(true);
    expect(
      await answerTransfer(await actor(w.colleague.id), { transferId: req.value.transferId, answer: "accept" }),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    const again = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.colleague.id });
    if (!again.ok) throw new Error("setup");
    expect(
      (await answerTransfer(await actor(w.colleague.id), { transferId: again.value.transferId, answer: "refuse" })).ok,
    ).toBe(true);
    const timeline = await listTimeline((await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!);
    expect(timeline.map((e) => e.type)).toEqual([
      "transfer.refused",
      "transfer.requested",
      "transfer.cancelled",
      "transfer.requested",
    ]);
    // Advisor-side events: the applicant side's timeline has none of them.
    expect(await listTimeline((await dossierAccess({ userId: w.referent.id }, w.dossier.id))!)).toEqual([]);
  });
});

describe("T4: what goes along, what stays", () => {
  it("T4: with a read-only copy the sender keeps reading, every write is refused on the server, and they may leave", async () => {
    const w = await world();
    const req = await requestTransfer(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      toUserId: w.colleague.id,
      keepReadOnlyCopy: true,
    });
    if (!req.ok) throw new Error("setup");
    expect(
      (await answerTransfer(await actor(w.colleague.id), { transferId: req.value.transferId, answer: "accept" })).ok,
    ).toBe(true);
    expect(revoked).toEqual([]);
    const access = await dossierAccess({ userId: w.advisor.id }, w.dossier.id);
    expect(access).toMatchObject({ roles: ["readonly"], readOnly: true });
    const sender = await actor(w.advisor.id);
    const seq = (await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq;
    expect(
      await postMessage(sender, { dossierId: w.dossier.id, clientId: "ro-sender-00001", body: "encore là" }),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await uploadDocument(sender, { dossierId: w.dossier.id, name: "a.pdf", bytes: PDF })).ok).toBe(false);
    expect((await requestTransfer(sender, { dossierId: w.dossier.id, toUserId: w.outsider.id })).ok).toBe(false);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(seq);
    // A read-only copy hears nothing more by email: a question from the applicant side goes to the new holder.
    expect(
      (
        await postMessage(await actor(w.referent.id), {
          dossierId: w.dossier.id,
          clientId: "ro-question-0001",
          body: "Question ?",
        })
      ).ok,
    ).toBe(true);
    await writeQueuedEmails();
    const told = await db().emailDelivery.findMany({
      where: { dossierId: w.dossier.id, template: "notification.message" },
    });
    expect(told.map((d) => d.userId)).toEqual([w.colleague.id]);
    expect((await leaveDossier(sender, { dossierId: w.dossier.id })).ok).toBe(true);
    expect(await dossierAccess({ userId: w.advisor.id }, w.dossier.id)).toBeNull();
  });

  it("T4, T7: confidential notes and documents and raw data go along only when the sender says so; what stays is the sender's only; appointments and tasks never go", async () => {
    for (const opts of [
      { withConfidential: false, withRawData: false },
      { withConfidential: true, withRawData: true },
    ]) {
      const w = await world();
      const holder = await actor(w.advisor.id);
      const dossierId = w.dossier.id;
      const secret = await createNote(holder, { dossierId, body: "Diagnostic confidentiel", confidential: true });
      const shared = await createNote(holder, { dossierId, body: "Note partagée" });
      const up = async (name: string) => {
        const r = await uploadDocument(holder, { dossierId, name, bytes: PDF });
        if (!r.ok) throw new Error("setup");
        return r.document.id;
      };
      const confDoc = await up("bilan.pdf");
      const rawDoc = await up("mesures.pdf");
      await up("plans.pdf");
      expect((await setDocumentFlags(holder, { documentId: confDoc, confidential: true })).ok).toBe(true);
      expect((await setDocumentFlags(holder, { documentId: rawDoc, rawData: true })).ok).toBe(true);
      expect(
        (
          await createAppointment(holder, {
            dossierId,
            at: "2026-06-01T10:00:00Z",
            place: "Mairie",
            attendees: "M. le maire",
          })
        ).ok,
      ).toBe(true);
      expect((await createTask(holder, { dossierId, title: "Rappeler l'architecte" })).ok).toBe(true);
      if (!secret.ok || !shared.ok) throw new Error("setup");

      const req = await requestTransfer(holder, {
        dossierId,
        toUserId: w.colleague.id,
        keepReadOnlyCopy: true,
        ...opts,
      });
      if (!req.ok) throw new Error("setup");
      expect(
        (await answerTransfer(await actor(w.colleague.id), { transferId: req.value.transferId, answer: "accept" })).ok,
      ).toBe(true);

      const recipient = await actor(w.colleague.id);
      const recipientAccess = (await dossierAccess(recipient, dossierId))!;
      const tab = (await notesTab(recipient, recipientAccess))!;
      const docs = (await listDocuments(recipientAccess)).map((d) => d.name).sort();
      // T4: appointments and tasks stay with the sender whatever the options.
      expect(tab.appointments).toEqual([]);
      expect(tab.tasks).toEqual([]);
      expect(await db().appointment.count({ where: { dossierId, ownerId: w.advisor.id } })).toBe(1);
      expect(await db().task.count({ where: { dossierId, ownerId: w.advisor.id } })).toBe(1);
      if (opts.withConfidential) {
        expect(tab.notes.map((n) => n.body).sort()).toEqual(["Diagnostic confidentiel", "Note partagée"]);
        expect(docs).toEqual(["bilan.pdf", "mesures.pdf", "plans.pdf"]);
        expect(await documentForDownload(recipient, dossierId, confDoc)).not.toBeNull();
      } else {
        expect(tab.notes.map((n) => n.body)).toEqual(["Note partagée"]);
        expect(docs).toEqual(["plans.pdf"]);
        expect(await documentForDownload(recipient, dossierId, confDoc)).toBeNull();
        expect(await documentForDownload(recipient, dossierId, rawDoc)).toBeNull();
        // What stayed behind is the sender's only (through their read-only copy).
        const left = await db().document.findMany({ where: { dossierId, visibleToUserId: w.advisor.id } });
        expect(left.map((d) => d.originalName).sort()).toEqual(["bilan.pdf", "mesures.pdf"]);
        expect(await documentForDownload({ userId: w.advisor.id }, dossierId, rawDoc)).not.toBeNull();
        // The read-only copy keeps reading the confidential note that stayed with it.
        const senderTab = await notesTab(
          await actor(w.advisor.id),
          (await dossierAccess({ userId: w.advisor.id }, dossierId))!,
        );
        expect(senderTab?.notes.map((n) => n.body).sort()).toEqual(["Diagnostic confidentiel", "Note partagée"]);
        expect(senderTab?.readOnly).toBe(true);
      }
      // Staff never see confidential items (T7).
      const staffDocs = (await listDocuments((await dossierAccess({ userId: w.staff.id }, dossierId))!)).map(
        (d) => d.name,
      );
      expect(staffDocs).not.toContain("bilan.pdf");
    }
  });

  it("the referent hands their role to another applicant-side member, then may leave; not to an advisor", async () => {
    const w = await world();
    const referent = await actor(w.referent.id);
    expect(await handReferentRole(referent, { dossierId: w.dossier.id, toUserId: w.advisor.id })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(
      await handReferentRole(await actor(w.applicant.id), { dossierId: w.dossier.id, toUserId: w.referent.id }),
    ).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await handReferentRole(referent, { dossierId: w.dossier.id, toUserId: w.applicant.id })).ok).toBe(true);
    expect((await dossierAccess({ userId: w.applicant.id }, w.dossier.id))?.roles).toEqual(["referent"]);
    expect((await leaveDossier(referent, { dossierId: w.dossier.id })).ok).toBe(true);
  });
});

describe("T3, A2: coordinator", () => {
  it("T3, A2: a coordinator transfers all active dossiers of a practitioner, each its own transfer, without seeing any of them", async () => {
    const w = await world();
    const coord = await makeUser("Carla Test", { organizationId: w.org.id });
    await db().membership.update({
      where: { organizationId_userId: { organizationId: w.org.id, userId: coord.id } },
      data: { coordinator: true },
    });
    const second = await db().dossier.create({
      data: {
        organizationId: w.org.id,
        title: "Deuxième",
        members: { create: { userId: w.advisor.id, role: "advisor", side: "advisor", holder: true } },
      },
    });
    await db().dossier.create({
      data: {
        organizationId: w.org.id,
        title: "En pause",
        pausedAt: new Date(),
        members: { create: { userId: w.advisor.id, role: "advisor", side: "advisor", holder: true } },
      },
    });
    const c = await actor(coord.id);
    // A2: no access to the dossiers themselves.
    expect(await dossierAccess(c, w.dossier.id)).toBeNull();
    const res = await coordinatorTransfer(c, { fromUserId: w.advisor.id, toUserId: w.colleague.id, all: true });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.results.map((r) => [r.dossierId, r.ok]).sort()).toEqual(
      [
        [w.dossier.id, true],
        [second.id, true],
      ].sort(),
    );
    const incoming = (await pendingTransfersFor(await actor(w.colleague.id))).incoming;
    expect(incoming).toHaveLength(2);
    // The holder hears of it (T8), the recipient accepts one and refuses the other.
    expect((await emailsTo(w.advisor.id)).length).toBe(2);
    expect(
      (await answerTransfer(await actor(w.colleague.id), { transferId: incoming[0].id, answer: "accept" })).ok,
    ).toBe(true);
    expect(
      (await answerTransfer(await actor(w.colleague.id), { transferId: incoming[1].id, answer: "refuse" })).ok,
    ).toBe(true);
    expect(await dossierAccess(c, w.dossier.id)).toBeNull();
  });

  it("T3: someone who is not a coordinator cannot use it, nor can a coordinator of another organization", async () => {
    const w = await world();
    const other = await makeUser("Coord Ailleurs", { organizationId: w.other.id });
    await db().membership.updateMany({ where: { userId: other.id }, data: { coordinator: true } });
    for (const who of [w.outsider, other]) {
      const res = await coordinatorTransfer(await actor(who.id), {
        fromUserId: w.advisor.id,
        toUserId: w.colleague.id,
        dossierId: w.dossier.id,
      });
      if (res.ok) expect(res.value.results[0]).toMatchObject({ ok: false, error: { code: "not_found" } });
      else expect(res.error.code).toBe("not_found");
    }
    expect(await transfers(w.dossier.id)).toEqual([]);
  });
});

describe("T2: races", () => {
  it("T2: accept, refuse and cancel at the same moment have one outcome; an acceptance racing the expiry run after 14 days loses, and the transfer expires once", async () => {
    const w = await world();
    const t0 = new Date("2026-07-01T09:00:00Z");
    const holder = await actor(w.advisor.id);
    const recipient = await actor(w.colleague.id);
    const first = await requestTransfer(holder, { dossierId: w.dossier.id, toUserId: w.colleague.id }, t0);
    if (!first.ok) throw new Error("setup");
    const at13 = new Date(t0.getTime() + 13 * DAY);
    const outcomes = await Promise.all([
      answerTransfer(recipient, { transferId: first.value.transferId, answer: "accept" }, at13),
      answerTransfer(recipient, { transferId: first.value.transferId, answer: "refuse" }, at13),
      cancelTransfer(holder, { transferId: first.value.transferId }, at13),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes.filter((x) => !x.ok)) expect(o).toMatchObject({ error: { code: "conflict" } });
    const closing = await db().dossierEvent.count({
      where: {
        dossierId: w.dossier.id,
        type: { in: ["transfer.accepted", "transfer.refused", "transfer.cancelled"] },
      },
    });
    expect(closing).toBe(1);
    expect((await transfers(w.dossier.id))[0].status).toBe(
      outcomes[0].ok ? "accepted" : outcomes[1].ok ? "refused" : "cancelled",
    );

    // A second transfer, from whoever holds the dossier now, answered at 15 days while the job runs.
    const now = (await holderOf(w.dossier.id))!;
    const other = now === w.colleague.id ? w.advisor.id : w.colleague.id;
    const t1 = new Date(t0.getTime() + 20 * DAY);
    const second = await requestTransfer(await actor(now), { dossierId: w.dossier.id, toUserId: other }, t1);
    if (!second.ok) throw new Error("setup");
    const at15 = new Date(t1.getTime() + 15 * DAY);
    const [late] = await Promise.all([
      answerTransfer(await actor(other), { transferId: second.value.transferId, answer: "accept" }, at15),
      expireTransfers(at15),
      expireTransfers(at15),
    ]);
    expect(late).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await holderOf(w.dossier.id)).toBe(now);
    const t = await db().transfer.findUniqueOrThrow({ where: { id: second.value.transferId } });
    expect(t).toMatchObject({ status: "expired", pendingKey: null });
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id, type: "transfer.expired" } })).toBe(1);
  });
});
