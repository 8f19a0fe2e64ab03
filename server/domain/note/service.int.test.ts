// Notes and confidentiality (A4, T6, T7): a confidential note or document reaches its holder only,
// over pages, downloads, socket catch-up, timeline and email. Runs on SQLite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { documentForDownload, listDocuments, uploadDocument } from "../document/service";
import { setPartnerVisibility } from "../document/visibility";
import { dossierAccess } from "../dossier/policy";
import { eventsAfter } from "../dossier/service";
import { search } from "../search/service";
import { listTimeline } from "../timeline/service";
import {
  confidentialityByDossier,
  createNote,
  createTask,
  notesTab,
  setDocumentFlags,
  setNoteConfidential,
  toggleTask,
} from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
const published: PublishedEvent[] = [];
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-note-"));
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from("bilan\n%%EOF\n")]);
const SECRET = "Diagnostic médical du demandeur";

beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: uploadDir });
  setPublisher({ dossierEvent: (e) => published.push(e), revoke() {} });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

async function world() {
  const w = await makeWorld();
  const otherAdvisor = await makeUser("Arnaud Note", { organizationId: w.org.id });
  await db().dossierMember.create({
    data: { dossierId: w.dossier.id, userId: otherAdvisor.id, role: "advisor", side: "advisor" },
  });
  return { ...w, otherAdvisor };
}

const access = async (userId: string, dossierId: string) => (await dossierAccess({ userId }, dossierId))!;

describe("A4: a task is ticked by its owner only", () => {
  it("A4: bad input is refused; the applicant side, another organization's staff, a non-member, another advisor and staff get not found; the owner ticks it", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const created = await createTask(holder, { dossierId: w.dossier.id, title: "Rappeler la mairie" });
    if (!created.ok) throw new Error("setup");
    const taskId = created.value.id;
    const done = async () => (await db().task.findUniqueOrThrow({ where: { id: taskId } })).done;

    for (const bad of [{ taskId, done: "oui" }, { taskId: "", done: true }, { done: true }, null])
      expect(await toggleTask(holder, bad)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await toggleTask(holder, { taskId: "no-such-task", done: true })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    for (const userId of [w.referent.id, w.applicant.id, w.otherStaff.id, w.outsider.id])
      expect(await toggleTask(await actor(userId), { taskId, done: true })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    // Tasks are their owner's (no one else's tab lists them): another advisor of the dossier, staff
    // included, finds nothing either, and nothing changes.
    for (const userId of [w.otherAdvisor.id, w.staff.id])
      expect(await toggleTask(await actor(userId), { taskId, done: true })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    expect(await done()).toBe(false);

    expect(await toggleTask(holder, { taskId, done: true })).toEqual({ ok: true, value: { done: true } });
    expect(await done()).toBe(true);
  });

  it("T4, A4: once the owner keeps only a read-only copy of the dossier (after a transfer), their own task no longer ticks", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const created = await createTask(holder, { dossierId: w.dossier.id, title: "Relancer le dossier" });
    if (!created.ok) throw new Error("setup");
    await db().dossierMember.updateMany({
      where: { dossierId: w.dossier.id, userId: w.advisor.id },
      data: { readOnly: true, readOnlySince: new Date(), readOnlySeq: 0 },
    });
    const seq = (await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq;

    expect(await toggleTask(holder, { taskId: created.value.id, done: true })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect((await db().task.findUniqueOrThrow({ where: { id: created.value.id } })).done).toBe(false);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(seq);
  });
});

describe("T7: confidential items reach the holder only", () => {
  it("T7, A4: a confidential note is seen by the holder only: not staff, not another advisor, not the applicant side; no event, timeline or email carries it", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const res = await createNote(holder, { dossierId: w.dossier.id, body: SECRET, confidential: true });
    expect(res.ok).toBe(true);
    expect((await createNote(holder, { dossierId: w.dossier.id, body: "Note d'équipe" })).ok).toBe(true);

    const tabOf = async (userId: string) => notesTab(await actor(userId), await access(userId, w.dossier.id));
    expect((await tabOf(w.advisor.id))!.notes.map((n) => n.body).sort()).toEqual([SECRET, "Note d'équipe"].sort());
    for (const who of [w.staff, w.otherAdvisor])
      expect((await tabOf(who.id))!.notes.map((n) => n.body)).toEqual(["Note d'équipe"]);
    // A4: the applicant side has no Notes tab at all.
    for (const who of [w.referent, w.applicant]) expect(await tabOf(who.id)).toBeNull();

    // Socket catch-up and live events: advisor-side only, and never the body.
    for (const who of [w.staff, w.otherAdvisor, w.referent]) {
      const caught = await eventsAfter(await access(who.id, w.dossier.id), 0);
      expect(JSON.stringify(caught)).not.toContain("Diagnostic");
    }
    const applicantSide = await eventsAfter(await access(w.referent.id, w.dossier.id), 0);
    expect("events" in applicantSide && applicantSide.events).toEqual([]);
    expect(JSON.stringify(published)).not.toContain("Diagnostic");
    expect(published.filter((e) => e.type === "note.created").map((e) => e.audience)).toEqual(["advisors", "advisors"]);
    const timeline = await listTimeline(await access(w.staff.id, w.dossier.id));
    expect(JSON.stringify(timeline)).not.toContain("Diagnostic");
    const emails = await db().emailDelivery.findMany({ where: { dossierId: w.dossier.id } });
    expect(JSON.stringify(emails)).not.toContain("Diagnostic");
  });

  it("T7: only the holder marks confidential; bad input is refused", async () => {
    const w = await world();
    const other = await actor(w.otherAdvisor.id);
    expect(await createNote(other, { dossierId: w.dossier.id, body: "x", confidential: true })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await createNote(other, { dossierId: w.dossier.id, body: "   " })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await createNote(await actor(w.referent.id), { dossierId: w.dossier.id, body: "x" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const note = await createNote(other, { dossierId: w.dossier.id, body: "partagée" });
    if (!note.ok) throw new Error("setup");
    expect((await setNoteConfidential(other, { noteId: note.value.noteId, confidential: true })).ok).toBe(false);
    expect(await db().note.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });

  it("T7: a confidential document is listed and downloadable by the holder only, and never shown to partners", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const up = await uploadDocument(holder, { dossierId: w.dossier.id, name: "bilan-secret.pdf", bytes: PDF });
    if (!up.ok) throw new Error("setup");
    const documentId = up.document.id;
    expect((await setPartnerVisibility(holder, { documentId, visible: true })).ok).toBe(true);
    expect((await setDocumentFlags(holder, { documentId, confidential: true })).ok).toBe(true);
    expect((await db().document.findUniqueOrThrow({ where: { id: documentId } })).visibleToPartner).toBe(false);
    expect((await setPartnerVisibility(holder, { documentId, visible: true })).ok).toBe(false);
    expect((await listDocuments(await access(w.advisor.id, w.dossier.id))).map((d) => d.name)).toEqual([
      "bilan-secret.pdf",
    ]);
    expect(await documentForDownload(holder, w.dossier.id, documentId)).not.toBeNull();
    for (const who of [w.staff, w.otherAdvisor, w.referent, w.applicant]) {
      expect(await listDocuments(await access(who.id, w.dossier.id))).toEqual([]);
      expect(await documentForDownload({ userId: who.id }, w.dossier.id, documentId)).toBeNull();
    }
    // The flag event carries no name.
    const flags = published.filter((e) => e.type === "document.flags" && e.dossierId === w.dossier.id);
    expect(flags.map((e) => e.audience)).toEqual(["advisors"]);
    expect(JSON.stringify(flags)).not.toContain("bilan");
    // Someone else cannot change it.
    expect((await setDocumentFlags(await actor(w.otherAdvisor.id), { documentId, confidential: false })).ok).toBe(
      false,
    );
  });
});

describe("T7: search", () => {
  it("T7, C9: a confidential document's name is found by the holder only, not by staff, another advisor or the applicant side", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const up = await uploadDocument(holder, {
      dossierId: w.dossier.id,
      name: "expertise-quibbleworth.pdf",
      bytes: PDF,
    });
    if (!up.ok) throw new Error("setup");
    const found = async (userId: string) => {
      const res = await search(await actor(userId), { q: "quibbleworth" });
      if (!res.ok) throw new Error(res.error.message);
      return res.value.results.filter((r) => r.kind === "document").map((r) => r.id);
    };
    for (const who of [w.advisor, w.staff, w.otherAdvisor, w.referent])
      expect(await found(who.id)).toEqual([up.document.id]);
    expect((await setDocumentFlags(holder, { documentId: up.document.id, confidential: true })).ok).toBe(true);
    expect(await found(w.advisor.id)).toEqual([up.document.id]);
    for (const who of [w.staff, w.otherAdvisor, w.referent, w.applicant]) expect(await found(who.id)).toEqual([]);
  });
});

describe("T6: the badge", () => {
  it("T6: none, partially confidential with at least one confidential note or document, confidential when all are; the events carry it", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const badge = async () => (await confidentialityByDossier([w.dossier.id])).get(w.dossier.id);
    expect(await badge()).toBe("none");
    const a = await createNote(holder, { dossierId: w.dossier.id, body: "a" });
    const b = await createNote(holder, { dossierId: w.dossier.id, body: "b", confidential: true });
    if (!a.ok || !b.ok) throw new Error("setup");
    expect(await badge()).toBe("partial");
    const before = published.length;
    expect((await setNoteConfidential(holder, { noteId: a.value.noteId, confidential: true })).ok).toBe(true);
    expect(await badge()).toBe("all");
    expect(published.slice(before).map((e) => (e.payload as { confidentiality: string }).confidentiality)).toEqual([
      "all",
    ]);
    const up = await uploadDocument(holder, { dossierId: w.dossier.id, name: "plans.pdf", bytes: PDF });
    if (!up.ok) throw new Error("setup");
    expect(await badge()).toBe("partial");
  });
});
