// T4: what a transfer leaves with the sender. A read-only copy is the dossier as it was at the transfer
// (nothing newer on any read: conversation, history, timeline, documents and downloads, recommendations,
// notes, search) and refuses every write on the server; invoices and proformas never go along: the
// recipient neither sees nor acts on the sender's, the sender still does, with or without a copy.
// Runs on SQLite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import {
  addParty,
  billingBackHref,
  cancelInvoice,
  createActivity,
  createProforma,
  getBilling,
  getInvoice,
  getProforma,
  ownBillingDocuments,
  validateProforma,
} from "../billing/service";
import { historyPage, latestConversation, postMessage } from "../conversation/service";
import { documentForDownload, listDocuments, uploadDocument } from "../document/service";
import { dashboardRows } from "../dashboard/service";
import { dossierAccess } from "../dossier/policy";
import { getDossierShell } from "../dossier/service";
import { createNote, createTask, notesTab } from "../note/service";
import { pauseDossier } from "../pause/service";
import { changeRecommendationStatus, createRecommendation, listRecommendations } from "../recommendation/service";
import { search } from "../search/service";
import { listTimeline } from "../timeline/service";
import { answerTransfer, requestTransfer } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let published: PublishedEvent[] = [];
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-snapshot-"));
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from("contenu\n%%EOF\n")]);

beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: uploadDir });
  setPublisher({ dossierEvent: (e) => published.push(e), revoke: () => {} });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

async function world() {
  const w = await makeWorld();
  const colleague = await makeUser("Arnaud Snapshot", { organizationId: w.org.id });
  return { ...w, colleague };
}

async function transfer(w: Awaited<ReturnType<typeof world>>, keepReadOnlyCopy: boolean) {
  const req = await requestTransfer(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    toUserId: w.colleague.id,
    keepReadOnlyCopy,
  });
  if (!req.ok) throw new Error("setup");
  const res = await answerTransfer(await actor(w.colleague.id), { transferId: req.value.transferId, answer: "accept" });
  if (!res.ok) throw new Error("setup");
}

async function upload(userId: string, dossierId: string, name: string) {
  const r = await uploadDocument(await actor(userId), { dossierId, name, bytes: PDF });
  if (!r.ok) throw new Error(r.error.message);
  return r.document.id;
}

describe("T4: a read-only copy is the dossier as it was at the transfer", () => {
  it("T4: later messages, documents, recommendations, notes, timeline entries and search results are not shown to the read-only sender; the banner is on", async () => {
    const w = await world();
    const dossierId = w.dossier.id;
    const holder = await actor(w.advisor.id);
    await postMessage(await actor(w.referent.id), { dossierId, clientId: "snap-before-001", body: "Plancher avant" });
    await upload(w.advisor.id, dossierId, "avant.pdf");
    const before = await createRecommendation(holder, { dossierId, title: "Isolation avant" });
    if (!before.ok) throw new Error("setup");
    expect((await createNote(holder, { dossierId, body: "Note avant" })).ok).toBe(true);
    await transfer(w, true);
    const snapshotSeq = (await db().dossierEvent.findFirstOrThrow({ where: { dossierId, type: "transfer.accepted" } }))
      .seq;

    const recipient = await actor(w.colleague.id);
    await postMessage(await actor(w.referent.id), { dossierId, clientId: "snap-after-0001", body: "Plancher après" });
    const later = await upload(w.colleague.id, dossierId, "apres.pdf");
    expect((await createRecommendation(recipient, { dossierId, title: "Isolation après" })).ok).toBe(true);
    expect(
      (await changeRecommendationStatus(recipient, { recommendationId: before.recommendation.id, status: "done" })).ok,
    ).toBe(true);
    expect((await createNote(recipient, { dossierId, body: "Note après" })).ok).toBe(true);

    const sender = await actor(w.advisor.id);
    const page = await getDossierShell(sender, dossierId);
    expect(page?.shell).toMatchObject({ readOnly: true, seq: snapshotSeq });
    const access = page!.access;
    expect(access.roles).toEqual(["readonly"]);
    const conversation = await latestConversation(access);
    expect(conversation.messages.map((m) => m.body)).toEqual(["Plancher avant"]);
    const older = await historyPage(sender, { dossierId, beforeSeq: 2_000_000_000 });
    expect(older.ok && older.value.messages.map((m) => m.body)).toEqual(["Plancher avant"]);
    const timeline = await listTimeline(access);
    expect(Math.max(...timeline.map((e) => e.seq))).toBeLessThanOrEqual(snapshotSeq);
    expect((await listDocuments(access)).map((d) => d.name)).toEqual(["avant.pdf"]);
    expect(await documentForDownload(sender, dossierId, later)).toBeNull();
    // As it was: the status changed since is not shown either.
    expect((await listRecommendations(access)).map((r) => [r.title, r.status])).toEqual([
      ["Isolation avant", "proposed"],
    ]);
    expect((await notesTab(sender, access))?.notes.map((n) => n.body)).toEqual(["Note avant"]);
    const found = async (q: string) => {
      const r = await search(sender, { q });
      return r.ok ? r.value.results.map((x) => x.kind) : ["refused"];
    };
    expect(await found("plancher")).toEqual(["message"]);
    expect(await found("isolation")).toEqual(["recommendation"]);
    expect(await found("apres")).toEqual([]);
    // The dashboard counts only the message from before (the sender never read it): not the later one.
    const row = (await dashboardRows(sender, {})).find((r) => r.id === dossierId);
    expect(row?.unread).toBe(1);

    // The recipient sees everything, before and after.
    const recipientAccess = (await dossierAccess(recipient, dossierId))!;
    expect((await latestConversation(recipientAccess)).messages.map((m) => m.body)).toEqual([
      "Plancher avant",
      "Plancher après",
    ]);
    expect((await listDocuments(recipientAccess)).map((d) => d.name).sort()).toEqual(["apres.pdf", "avant.pdf"]);
  });

  it("T4: every write through a read-only copy is refused on the server and changes nothing", async () => {
    const w = await world();
    const dossierId = w.dossier.id;
    const reco = await createRecommendation(await actor(w.advisor.id), { dossierId, title: "Toiture" });
    if (!reco.ok) throw new Error("setup");
    await transfer(w, true);
    const sender = await actor(w.advisor.id);
    const seq = (await db().dossier.findUniqueOrThrow({ where: { id: dossierId } })).seq;
    const attempts = [
      await postMessage(sender, { dossierId, clientId: "snap-write-0001", body: "encore" }),
      await uploadDocument(sender, { dossierId, name: "x.pdf", bytes: PDF }),
      await createRecommendation(sender, { dossierId, title: "Nouvelle" }),
      await changeRecommendationStatus(sender, { recommendationId: reco.recommendation.id, status: "done" }),
      await createNote(sender, { dossierId, body: "note" }),
      await createTask(sender, { dossierId, title: "tâche" }),
      await pauseDossier(sender, { dossierId, reason: "project_stopped" }),
      await requestTransfer(sender, { dossierId, toUserId: w.outsider.id }),
      await createActivity(sender, {
        kind: "expense",
        dossierId,
        description: "Frais",
        date: "2026-11-20",
        amountCents: 1000,
        clientPartyId: null,
      }),
    ];
    // A clear error: the copy is read-only (it may see the dossier, so this leaks nothing).
    attempts.forEach((a, i) =>
      expect(a, String(i)).toMatchObject({
        ok: false,
        error: { code: "conflict", message: expect.stringContaining("lecture seule") },
      }),
    );
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossierId } })).seq).toBe(seq);
  });
});

async function invoiced(w: Awaited<ReturnType<typeof world>>) {
  const holder = await actor(w.advisor.id);
  const c = await db().contact.create({ data: { organizationId: w.org.id, name: "Client Snapshot", kind: "person" } });
  const party = await addParty(holder, { dossierId: w.dossier.id, contactId: c.id, role: "client" });
  if (!party.ok) throw new Error("setup");
  const expense = (amountCents: number) => ({
    kind: "expense" as const,
    dossierId: w.dossier.id,
    description: "Frais de greffe",
    date: "2026-11-20",
    amountCents,
    clientPartyId: null,
  });
  if (!(await createActivity(holder, expense(10_000))).ok) throw new Error("setup");
  const first = await createProforma(holder, { dossierId: w.dossier.id });
  if (!first.ok) throw new Error("setup");
  const issued = await validateProforma(holder, { proformaId: first.value.proformaId });
  if (!issued.ok) throw new Error("setup");
  // A draft proforma left behind too.
  if (!(await createActivity(holder, expense(5_000))).ok) throw new Error("setup");
  const draft = await createProforma(holder, { dossierId: w.dossier.id });
  if (!draft.ok) throw new Error("setup");
  return {
    invoiceId: issued.value.invoices[0].invoiceId,
    draftId: draft.value.proformaId,
    firstId: first.value.proformaId,
  };
}

describe("T4: invoices are never transferred", () => {
  for (const keep of [false, true]) {
    it(`T4: the recipient does not see or act on the sender's invoices and proformas; the sender still does (${keep ? "with" : "without"} a read-only copy)`, async () => {
      const w = await world();
      const { invoiceId, draftId, firstId } = await invoiced(w);
      await transfer(w, keep);
      const recipient = await actor(w.colleague.id);
      const sender = await actor(w.advisor.id);

      const billing = await getBilling(recipient, w.dossier.id);
      expect(billing?.invoices).toEqual([]);
      expect(billing?.proformas).toEqual([]);
      expect(await getInvoice(recipient, invoiceId)).toBeNull();
      expect(await getProforma(recipient, draftId)).toBeNull();
      expect(await cancelInvoice(recipient, { invoiceId })).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await validateProforma(recipient, { proformaId: draftId })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      // Not named in the recipient's timeline either.
      const timeline = await listTimeline((await dossierAccess(recipient, w.dossier.id))!);
      expect(timeline.filter((e) => e.type.startsWith("invoice.") || e.type.startsWith("proforma."))).toEqual([]);

      // The sender keeps them: lists them (/invoices), reads them, validates the draft, cancels an invoice.
      expect((await ownBillingDocuments(sender)).map((d) => d.id).sort()).toEqual([draftId, invoiceId, firstId].sort());
      expect((await ownBillingDocuments(recipient)).map((d) => d.id)).toEqual([]);
      expect(await billingBackHref(sender, w.dossier.id)).toBe("/invoices");
      expect((await getInvoice(sender, invoiceId))?.id).toBe(invoiceId);
      published = [];
      const validated = await validateProforma(sender, { proformaId: draftId });
      expect(validated.ok).toBe(true);
      const credit = await cancelInvoice(sender, { invoiceId });
      expect(credit.ok).toBe(true);
      if (!credit.ok || !validated.ok) throw new Error("unreachable");
      // Stored for the timeline, never sent live to the dossier's advisors (the recipient among them).
      expect(published).toEqual([]);
      expect(
        await db().dossierEvent.count({
          where: { dossierId: w.dossier.id, type: { in: ["invoice.issued", "invoice.cancelled"] } },
        }),
      ).toBe(3);
      // What the sender made of them is theirs too: still not the recipient's.
      expect(await getInvoice(recipient, credit.value.creditNoteId)).toBeNull();
      expect(await getInvoice(recipient, validated.value.invoices[0].invoiceId)).toBeNull();
      expect((await getInvoice(sender, credit.value.creditNoteId))?.kind).toBe("credit_note");
      // Staff see every invoice of the organization.
      expect((await getBilling(await actor(w.staff.id), w.dossier.id))?.invoices).toHaveLength(3);

      // The recipient's own invoices are theirs and their colleagues'.
      const c2 = await db().contact.create({ data: { organizationId: w.org.id, name: "Client 2", kind: "person" } });
      expect((await addParty(recipient, { dossierId: w.dossier.id, contactId: c2.id, role: "client" })).ok).toBe(true);
      expect(
        (
          await createActivity(recipient, {
            kind: "expense",
            dossierId: w.dossier.id,
            description: "Frais",
            date: "2026-11-21",
            amountCents: 2_000,
            clientPartyId: null,
          })
        ).ok,
      ).toBe(true);
      const own = await createProforma(recipient, { dossierId: w.dossier.id });
      expect(own.ok).toBe(true);
      expect((await getBilling(recipient, w.dossier.id))?.proformas).toHaveLength(1);
      // A former holder without access does not see the new holder's (unless the dossier comes back).
      if (own.ok) expect(await getProforma(sender, own.value.proformaId)).toBeNull();
      // Another organization's user: nothing.
      expect(await getInvoice(await actor(w.otherStaff.id), invoiceId)).toBeNull();
    });
  }
});

describe("A2: a coordinator who is not a member gets 404 on the dossier everywhere", () => {
  it("A2: pages, history, download, billing, invoices, search and every action are not_found for a coordinator; their own transfer tool works", async () => {
    const w = await world();
    const dossierId = w.dossier.id;
    const coordinator = await makeUser("Carla Test", { organizationId: w.org.id });
    await db().membership.updateMany({ where: { userId: coordinator.id }, data: { coordinator: true } });
    const doc = await upload(w.advisor.id, dossierId, "plans-coordination.pdf");
    const { invoiceId, draftId } = await invoiced(w);
    const c = await actor(coordinator.id);
    const seq = (await db().dossier.findUniqueOrThrow({ where: { id: dossierId } })).seq;

    expect(await getDossierShell(c, dossierId)).toBeNull();
    expect(await dossierAccess(c, dossierId)).toBeNull();
    expect(await historyPage(c, { dossierId, beforeSeq: 1000 })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await documentForDownload(c, dossierId, doc)).toBeNull();
    expect(await getBilling(c, dossierId)).toBeNull();
    expect(await getInvoice(c, invoiceId)).toBeNull();
    expect(await getProforma(c, draftId)).toBeNull();
    const found = await search(c, { q: "plans" });
    expect(found.ok && found.value.results).toEqual([]);
    const attempts = [
      await postMessage(c, { dossierId, clientId: "coord-write-001", body: "x" }),
      await uploadDocument(c, { dossierId, name: "x.pdf", bytes: PDF }),
      await createRecommendation(c, { dossierId, title: "x" }),
      await createNote(c, { dossierId, body: "x" }),
      await pauseDossier(c, { dossierId, reason: "project_stopped" }),
      await cancelInvoice(c, { invoiceId }),
      await validateProforma(c, { proformaId: draftId }),
      await requestTransfer(c, { dossierId, toUserId: w.colleague.id }),
    ];
    attempts.forEach((a, i) => expect(a, String(i)).toMatchObject({ ok: false, error: { code: "not_found" } }));
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossierId } })).seq).toBe(seq);
  });
});
