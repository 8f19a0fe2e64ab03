// Documents on SQLite and PostgreSQL: upload limits and types, nothing kept on refusal, events and
// P6, download only through the policy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { contentDisposition, documentForDownload, listDocuments, uploadDocument } from "./service";
import { dossierAccess } from "../dossier/policy";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-uploads-"));
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let published: PublishedEvent[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: uploadDir, DOCUMENT_MAX_BYTES: String(1024 * 1024) });
});
afterAll(async () => {
  await tdb.cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});
afterEach(() => setPublisher(undefined));

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from("contenu du plan\n%%EOF\n")]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const filesOnDisk = () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir) : []);

describe("uploads", () => {
  it("an applicant uploads a PDF: stored under a random name, one 'document.uploaded' event for all, published", async () => {
    const w = await makeWorld();
    setPublisher({ dossierEvent: (e) => published.push(e), revoke() {} });
    published = [];
    const before = filesOnDisk();
    const res = await uploadDocument(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      name: "../../etc/Plans école 1978.pdf",
      bytes: PDF,
    });
    expect(res).toMatchObject({
      ok: true,
      document: {
        name: "Plans école 1978.pdf",
        mimeType: "application/pdf",
        size: PDF.length,
        uploadedBy: { id: w.applicant.id },
      },
    });
    const row = await db().document.findFirstOrThrow({ where: { dossierId: w.dossier.id } });
    expect(row.storageKey).toMatch(/^[a-f0-9]{32}$/);
    expect(row.visibleToPartner).toBe(false);
    const added = filesOnDisk().filter((f) => !before.includes(f));
    expect(added).toEqual([row.storageKey]);
    expect(fs.readFileSync(path.join(uploadDir, row.storageKey)).equals(PDF)).toBe(true);
    const ev = await db().dossierEvent.findMany({ where: { dossierId: w.dossier.id } });
    expect(ev.map((e) => [e.seq, e.type, e.audience, e.actorId])).toEqual([
      [1, "document.uploaded", "all", w.applicant.id],
    ]);
    expect(published.map((e) => e.type)).toEqual(["document.uploaded"]);
    expect(await listDocuments((await dossierAccess({ userId: w.referent.id }, w.dossier.id))!)).toHaveLength(1);
  });

  it("the referent, the advisor and staff upload too (images, office documents, text)", async () => {
    const w = await makeWorld();
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20, 1)]);
    const cases: [string, string, Buffer, string][] = [
      [w.referent.id, "photo.PNG", PNG, "image/png"],
      [w.advisor.id, "devis.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      [w.staff.id, "notes.txt", Buffer.from("Bonjour, voici les notes.\n"), "text/plain; charset=utf-8"],
    ];
    for (const [userId, name, bytes, mime] of cases) {
      const res = await uploadDocument(await actor(userId), { dossierId: w.dossier.id, name, bytes });
      expect(res).toMatchObject({ ok: true, document: { mimeType: mime } });
    }
  });

  it("too large, refused type, spoofed extension, empty or missing file: a clear error, nothing stored, no file on disk", async () => {
    const w = await makeWorld();
    const marie = await actor(w.applicant.id);
    const before = filesOnDisk();
    const refuse = async (name: string, bytes: Buffer | null, message: string) => {
      const res = await uploadDocument(marie, { dossierId: w.dossier.id, name, bytes });
      expect(res).toMatchObject({ ok: false, error: { code: "invalid", message } });
    };
    await refuse(
      "gros.pdf",
      Buffer.concat([Buffer.from("%PDF-"), Buffer.alloc(1024 * 1024)]),
      "Le fichier dépasse la taille maximale de 1 Mo.",
    );
    await refuse(
      "script.exe",
      Buffer.from("MZ\x90\x00"),
      "Ce type de fichier n’est pas accepté. Formats acceptés : PDF, images, documents bureautiques et texte.",
    );
    await refuse(
      "sans-extension",
      Buffer.from("hello"),
      "Ce type de fichier n’est pas accepté. Formats acceptés : PDF, images, documents bureautiques et texte.",
    );
    await refuse(
      "page.html",
      Buffer.from("<script>alert(1)</script>"),
      "Ce type de fichier n’est pas accepté. Formats acceptés : PDF, images, documents bureautiques et texte.",
    );
    await refuse(
      "facture.pdf",
      Buffer.from("MZ\x90\x00 this is an exe"),
      "Le contenu du fichier ne correspond pas à son extension.",
    );
    await refuse("photo.jpg", PDF, "Le contenu du fichier ne correspond pas à son extension.");
    await refuse(
      "binaire.txt",
      Buffer.from([0x41, 0x00, 0x42]),
      "Le contenu du fichier ne correspond pas à son extension.",
    );
    await refuse("vide.pdf", Buffer.alloc(0), "Le fichier est vide.");
    await refuse("", null, "Choisissez un fichier à déposer.");
    expect(await uploadDocument(marie, { dossierId: w.dossier.id, name: "   ", bytes: PDF })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    const english = await makeUser("Applicant En", { locale: "en" });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: english.id, role: "applicant", side: "applicant" },
    });
    expect(
      await uploadDocument(await actor(english.id), { dossierId: w.dossier.id, name: "x.exe", bytes: PDF }),
    ).toMatchObject({
      ok: false,
      error: { message: "This type of file is not accepted. Accepted: PDF, images, office documents and text." },
    });
    expect(await db().document.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(await db().dossierEvent.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("A1, A3: another organization's staff, an org member outside the dossier and a stranger get not_found; nothing is written", async () => {
    const w = await makeWorld();
    const stranger = await makeUser("Inconnu");
    const before = filesOnDisk();
    for (const who of [w.otherStaff, w.outsider, stranger]) {
      expect(
        await uploadDocument(await actor(who.id), { dossierId: w.dossier.id, name: "a.pdf", bytes: PDF }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(
      await uploadDocument(await actor(w.advisor.id), { dossierId: "does-not-exist", name: "a.pdf", bytes: PDF }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await db().document.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });
});

describe("P6: an upload by the applicant side is applicant activity", () => {
  it("P6: the referent's upload reactivates a paused dossier in the same transaction", async () => {
    const w = await makeWorld();
    await db().dossier.update({
      where: { id: w.dossier.id },
      data: { pausedAt: new Date(Date.now() - 86_400_000), pauseCause: "inactivity" },
    });
    expect(
      (await uploadDocument(await actor(w.referent.id), { dossierId: w.dossier.id, name: "plans.pdf", bytes: PDF })).ok,
    ).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).toBeNull();
    const ev = await db().dossierEvent.findMany({ where: { dossierId: w.dossier.id }, orderBy: { seq: "asc" } });
    expect(ev.map((e) => e.type)).toEqual(["document.uploaded", "dossier.reactivated"]);
    expect(JSON.parse(ev[1].payload)).toMatchObject({
      cause: "activity",
      byUserId: w.referent.id,
      activity: "document",
    });
  });

  it("P6: an advisor's upload leaves a paused dossier paused", async () => {
    const w = await makeWorld();
    await db().dossier.update({ where: { id: w.dossier.id }, data: { pausedAt: new Date(), pauseCause: "manual" } });
    expect(
      (await uploadDocument(await actor(w.advisor.id), { dossierId: w.dossier.id, name: "plans.pdf", bytes: PDF })).ok,
    ).toBe(true);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).pausedAt).not.toBeNull();
  });
});

describe("downloads", () => {
  it("A1, A3: members of both sides and staff download; another organization, an outsider or a wrong dossier id get nothing (404)", async () => {
    const w = await makeWorld();
    const res = await uploadDocument(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      name: "plans.pdf",
      bytes: PDF,
    });
    if (!res.ok) throw new Error("setup");
    for (const who of [w.referent, w.applicant, w.advisor, w.staff]) {
      const doc = await documentForDownload({ userId: who.id }, w.dossier.id, res.document.id);
      expect(doc?.bytes.equals(PDF)).toBe(true);
      expect(doc?.name).toBe("plans.pdf");
    }
    for (const who of [w.otherStaff, w.outsider]) {
      expect(await documentForDownload({ userId: who.id }, w.dossier.id, res.document.id)).toBeNull();
    }
    // A dossier the user sees does not open another dossier's document.
    const mine = await db().dossier.create({
      data: {
        organizationId: w.other.id,
        title: "Sud",
        members: { create: { userId: w.otherStaff.id, role: "advisor", side: "advisor" } },
      },
    });
    expect(await documentForDownload({ userId: w.otherStaff.id }, mine.id, res.document.id)).toBeNull();
  });

  it("Content-Disposition is an attachment with an ASCII fallback and the exact name encoded", () => {
    expect(contentDisposition('Plans école "1978".pdf')).toBe(
      `attachment; filename="Plans ecole _1978_.pdf"; filename*=UTF-8''Plans%20%C3%A9cole%20%221978%22.pdf`,
    );
    expect(contentDisposition("a;\r\nb.pdf")).not.toMatch(/[\r\n]/);
    expect(contentDisposition("日本.pdf")).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf`);
  });
});
