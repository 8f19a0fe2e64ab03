// X2, S11, A3, A5: two partners on one dossier never reach each other's answers (fields and files),
// through the services the pages, downloads and actions call and over real sockets (live and
// catch-up); the confidential flag covers supplements; every path that removes access cuts sockets.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import type { DossierEventWire, JoinAck } from "../../realtime/contract";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite, type TestClient } from "../../test/server";
import { documentForDownload, listDocuments } from "../document/service";
import { setPartnerVisibility } from "../document/visibility";
import { dossierAccess } from "../dossier/policy";
import { search } from "../search/service";
import { solicitationsForPanel } from "../solicitation/service";
import { applyTemplate, changeWorkflowStatus, saveTemplate } from "../template/service";
import { savePartnerFields } from "./fields";
import { partnerDocument, partnerView } from "./service";
import { uploadSupplement } from "./supplement";
import { makePartner } from "../../test/partners";

const suite = realtimeSuite({ UPLOAD_DIR: `/tmp/relais-x2-${process.pid}` });
type World = Awaited<ReturnType<typeof makeWorld>>;

const statuses = [
  { key: "depot", label: "Dépôt", partnerVisible: true, partnerEditable: true },
  { key: "instruction", label: "Instruction", partnerVisible: true, partnerEditable: false },
  { key: "decision", label: "Décision", partnerVisible: false, partnerEditable: false },
];
const design = (organizationId: string, templateId?: string, st = statuses) => ({
  organizationId,
  templateId,
  name: "Rénovation",
  fields: [
    { key: "budget", label: "Budget", section: "applicant" },
    { key: "avis_structure", label: "Avis sur la structure", section: "partner" },
  ],
  partnerView: { budget: "read", avis_structure: "edit" },
  statuses: st,
});

async function withTemplate(w: World) {
  const admin = await actor((await makeUser("Alice Admin", { organizationId: w.org.id, role: "admin" })).id);
  const tpl = await saveTemplate(admin, design(w.org.id));
  if (!tpl.ok) throw new Error("template");
  await applyTemplate(await actor(w.advisor.id), { dossierId: w.dossier.id, templateId: tpl.value.templateId });
  return { admin, templateId: tpl.value.templateId };
}

const pdf = Buffer.from("%PDF-1.4 complément du bureau d'études");

/** Every dossier:event a socket receives, to check afterwards that none carried a secret. */
function record(sock: TestClient) {
  const seen: DossierEventWire[] = [];
  sock.on("dossier:event", (e) => seen.push(e));
  return seen;
}

describe("X2: partners never reach each other's answers", () => {
  it("X2, A5: a partner asked only for an opinion neither sees nor writes another partner's supplement fields; saving never overwrites another partner's answer", async () => {
    const w = await makeWorld();
    await withTemplate(w);
    const opinion = await makePartner(w, { kind: "opinion", scope: "technical" });
    const supplement = await makePartner(w, { kind: "supplement", scope: "technical" });
    const both = await makePartner(w, { kind: "both", scope: "technical" });
    const field = (id: string) => ({ dossierId: w.dossier.id, solicitationId: id });

    expect(
      (
        await savePartnerFields(supplement.partner, {
          ...field(supplement.solicitationId),
          values: { avis_structure: "Charpente saine" },
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await savePartnerFields(both.partner, {
          ...field(both.solicitationId),
          values: { avis_structure: "Fissures au nord" },
        })
      ).ok,
    ).toBe(true);

    // The opinion partner's page shows no partner-only field at all, and no one else's answer.
    const seenByOpinion = await partnerView(opinion.partner, w.dossier.id);
    expect(seenByOpinion!.solicitations.map((s) => s.fields)).toEqual([[]]);
    expect(JSON.stringify(seenByOpinion)).not.toContain("Charpente saine");
    expect(JSON.stringify(seenByOpinion)).not.toContain("Fissures au nord");
    // Each supplement partner sees their own answer only.
    const seenBySupplement = JSON.stringify(await partnerView(supplement.partner, w.dossier.id));
    expect(seenBySupplement).toContain("Charpente saine");
    expect(seenBySupplement).not.toContain("Fissures au nord");

    // Writing: another partner's solicitation is not found, the opinion's own is not of a kind that
    // supplies information, and without a solicitation a partner-only field is refused.
    const attempts = [
      [opinion.partner, { ...field(supplement.solicitationId), values: { avis_structure: "écrasé" } }, "not_found"],
      [both.partner, { ...field(supplement.solicitationId), values: { avis_structure: "écrasé" } }, "not_found"],
      [opinion.partner, { ...field(opinion.solicitationId), values: { avis_structure: "écrasé" } }, "invalid"],
      [opinion.partner, { dossierId: w.dossier.id, values: { avis_structure: "écrasé" } }, "invalid"],
      [opinion.partner, { dossierId: w.dossier.id, values: { budget: "1" } }, "invalid"],
      [supplement.partner, { ...field("nope"), values: { avis_structure: "écrasé" } }, "not_found"],
      [supplement.partner, { ...field(supplement.solicitationId), values: { budget: "1" } }, "invalid"],
    ] as const;
    for (const [who, input, code] of attempts)
      expect(await savePartnerFields(who, input)).toMatchObject({ ok: false, error: { code } });
    const answers = await db().solicitation.findMany({
      where: { dossierId: w.dossier.id },
      orderBy: { createdAt: "asc" },
      select: { fieldValues: true },
    });
    expect(answers.map((a) => JSON.parse(a.fieldValues))).toEqual([
      {},
      { avis_structure: "Charpente saine" },
      { avis_structure: "Fissures au nord" },
    ]);
    expect(JSON.parse((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).fieldValues)).toEqual({});
  });

  it("X2: a supplement file is listed and downloadable by its author and the advisor side, never by another partner, live or in catch-up", async () => {
    const w = await makeWorld();
    const opinion = await makePartner(w, { kind: "opinion", scope: "technical" });
    const supplement = await makePartner(w, { kind: "supplement", scope: "technical" });
    const other = await suite.client(opinion.partner.userId);
    const author = await suite.client(supplement.partner.userId);
    const adele = await suite.client(w.advisor.id);
    for (const s of [other, author, adele]) expect(await join(s, w.dossier.id, 0)).toMatchObject({ ok: true });
    const otherSaw = record(other);

    const adeleSees = nextEvent<DossierEventWire>(adele, "dossier:event");
    const res = await uploadSupplement(supplement.partner, {
      dossierId: w.dossier.id,
      solicitationId: supplement.solicitationId,
      name: "note-de-calcul.pdf",
      bytes: pdf,
    });
    if (!res.ok) throw new Error(res.error.message);
    const documentId = res.value.document.id;
    expect(await adeleSees).toMatchObject({
      type: "document.uploaded",
      payload: { document: { name: "note-de-calcul.pdf" } },
    });
    expect(await noEvent(other, "dossier:event", 500)).toBe(true);

    // The author and the advisor side see it; the other partner neither in the list nor by its address.
    expect((await partnerView(supplement.partner, w.dossier.id))!.documents.map((d) => d.name)).toEqual([
      "note-de-calcul.pdf",
    ]);
    expect(await partnerDocument(supplement.partner, w.dossier.id, documentId)).toMatchObject({
      name: "note-de-calcul.pdf",
    });
    expect((await partnerView(opinion.partner, w.dossier.id))!.documents).toEqual([]);
    expect(await partnerDocument(opinion.partner, w.dossier.id, documentId)).toBeNull();
    expect(await documentForDownload(await actor(w.advisor.id), w.dossier.id, documentId)).toMatchObject({
      name: "note-de-calcul.pdf",
    });
    // Stored as the supplement's, not as visible to every partner.
    expect(await db().document.findUniqueOrThrow({ where: { id: documentId } })).toMatchObject({
      visibleToPartner: false,
      solicitationId: supplement.solicitationId,
    });
    // S11: the advisor side cannot show it to other partners either.
    expect(await setPartnerVisibility(await actor(w.advisor.id), { documentId, visible: true })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await partnerDocument(opinion.partner, w.dossier.id, documentId)).toBeNull();
    // Catch-up from 0 for the other partner: no name, no payload.
    const ack = (await join(await suite.client(opinion.partner.userId), w.dossier.id, 0)) as JoinAck;
    const events = ack.ok && "events" in ack ? ack.events : [];
    expect(JSON.stringify(events)).not.toContain("note-de-calcul");
    expect(JSON.stringify(otherSaw)).not.toContain("note-de-calcul");
    // An opinion partner has nothing to upload to, even naming the other's solicitation.
    expect(
      await uploadSupplement(opinion.partner, {
        dossierId: w.dossier.id,
        solicitationId: supplement.solicitationId,
        name: "intrus.pdf",
        bytes: pdf,
      }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("S11, X2: a confidential solicitation's supplement file and answers are seen by the advisor who asked and by staff only: not another advisor, not the applicant side, not in search, not announced by name", async () => {
    const w = await makeWorld();
    const arnaud = await makeUser("Arnaud Conseil", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: arnaud.id, side: "advisor", role: "advisor" },
    });
    const secret = await makePartner(w, { kind: "supplement", scope: "technical", confidential: true });
    const paul = await suite.client(w.referent.id);
    const arnaudSock = await suite.client(arnaud.id);
    for (const s of [paul, arnaudSock]) await join(s, w.dossier.id, 0);
    const paulSaw = record(paul);
    const arnaudSaw = record(arnaudSock);

    const res = await uploadSupplement(secret.partner, {
      dossierId: w.dossier.id,
      name: "bilan-confidentiel.pdf",
      bytes: pdf,
    });
    if (!res.ok) throw new Error(res.error.message);
    const id = res.value.document.id;
    const names = async (userId: string) => {
      const access = await dossierAccess(await actor(userId), w.dossier.id);
      return (await listDocuments(access!)).map((d) => d.name);
    };
    expect(await names(w.advisor.id)).toEqual(["bilan-confidentiel.pdf"]);
    expect(await names(w.staff.id)).toEqual(["bilan-confidentiel.pdf"]);
    expect(await names(arnaud.id)).toEqual([]);
    expect(await names(w.referent.id)).toEqual([]);
    for (const who of [arnaud.id, w.referent.id])
      expect(await documentForDownload(await actor(who), w.dossier.id, id)).toBeNull();
    expect(await documentForDownload(await actor(w.staff.id), w.dossier.id, id)).not.toBeNull();
    const found = async (userId: string) => {
      const r = await search(await actor(userId), { q: "bilan confidentiel" });
      return r.ok ? r.value.results.length : -1;
    };
    expect(await found(w.advisor.id)).toBe(1);
    expect(await found(arnaud.id)).toBe(0);
    expect(await found(w.referent.id)).toBe(0);
    await noEvent(paul, "dossier:event", 300);
    expect(JSON.stringify([...paulSaw, ...arnaudSaw])).not.toContain("bilan-confidentiel");
  });

  it("X2, A3: an admin who edits a template so that the current status is no longer partner-visible cuts every partner socket; nothing reaches them after, and a re-join is refused", async () => {
    const w = await makeWorld();
    const { admin, templateId } = await withTemplate(w);
    const p1 = await makePartner(w, { kind: "opinion", scope: "technical" });
    const p2 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const s1 = await suite.client(p1.partner.userId);
    const s2 = await suite.client(p2.partner.userId);
    const adele = await suite.client(w.advisor.id);
    for (const s of [s1, s2, adele]) expect(await join(s, w.dossier.id, 0)).toMatchObject({ ok: true });

    // First an edit that keeps "depot" visible but read-only: the pages are told to refetch, and turn read-only.
    const refetch = Promise.all([
      nextEvent<DossierEventWire>(s1, "dossier:event"),
      nextEvent<DossierEventWire>(s2, "dossier:event"),
    ]);
    const readOnly = statuses.map((s) => (s.key === "depot" ? { ...s, partnerEditable: false } : s));
    expect((await saveTemplate(admin, design(w.org.id, templateId, readOnly))).ok).toBe(true);
    expect((await refetch).map((e) => [e.type, e.payload])).toEqual([
      ["partner.view_changed", {}],
      ["partner.view_changed", {}],
    ]);
    expect((await partnerView(p2.partner, w.dossier.id))!.solicitations[0].editable).toBe(false);

    const cut = Promise.all([nextEvent(s1, "dossier:revoked"), nextEvent(s2, "dossier:revoked")]);
    const hidden = statuses.map((s) => (s.key === "depot" ? { ...s, partnerVisible: false } : s));
    expect((await saveTemplate(admin, design(w.org.id, templateId, hidden))).ok).toBe(true);
    expect(await cut).toEqual([{ dossierId: w.dossier.id }, { dossierId: w.dossier.id }]);

    // Nothing after: a new advisor upload made visible to partners, a status change.
    const quiet = Promise.all([noEvent(s1, "dossier:event", 500), noEvent(s2, "dossier:event", 500)]);
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "instruction" });
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "depot" });
    expect(await quiet).toEqual([true, true]);
    expect(await partnerView(p1.partner, w.dossier.id)).toBeNull();
    expect(await join(s1, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("X2, A3: a status change cuts exactly the partners it hides; the others' pages are told to refetch", async () => {
    const w = await makeWorld();
    await withTemplate(w);
    const p1 = await makePartner(w, { kind: "opinion", scope: "technical" });
    const p2 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const s1 = await suite.client(p1.partner.userId);
    const s2 = await suite.client(p2.partner.userId);
    for (const s of [s1, s2]) await join(s, w.dossier.id, 0);
    const told = Promise.all([
      nextEvent<DossierEventWire>(s1, "dossier:event"),
      nextEvent<DossierEventWire>(s2, "dossier:event"),
    ]);
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "instruction" });
    expect((await told).map((e) => e.type)).toEqual(["partner.view_changed", "partner.view_changed"]);
    const cut = Promise.all([nextEvent(s1, "dossier:revoked"), nextEvent(s2, "dossier:revoked")]);
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "decision" });
    expect(await cut).toEqual([{ dossierId: w.dossier.id }, { dossierId: w.dossier.id }]);
  });

  it("S5, S11 (issue 16 item 5): each partner's supplied fields and files are on their own solicitation's card; a confidential one only for the advisor who asked and staff", async () => {
    const w = await makeWorld();
    await withTemplate(w);
    const arnaud = await makeUser("Arnaud Conseil", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: arnaud.id, side: "advisor", role: "advisor" },
    });
    const open = await makePartner(w, { kind: "supplement", scope: "technical" });
    const secret = await makePartner(w, { kind: "both", scope: "technical", confidential: true });
    const opinion = await makePartner(w, { kind: "opinion", scope: "technical" });
    for (const [p, text, file] of [
      [open, "Fondations saines", "sondage.pdf"],
      [secret, "Budget sous-estimé", "audit.pdf"],
    ] as const) {
      const field = { dossierId: w.dossier.id, solicitationId: p.solicitationId };
      expect((await savePartnerFields(p.partner, { ...field, values: { avis_structure: text } })).ok).toBe(true);
      expect((await uploadSupplement(p.partner, { ...field, name: file, bytes: pdf })).ok).toBe(true);
    }
    const cards = async (userId: string) => {
      const a = await actor(userId);
      const rows = await solicitationsForPanel(a, (await dossierAccess(a, w.dossier.id))!);
      return rows.map((r) => [
        r.id,
        r.supplied ? [r.supplied.fields.map((f) => f.value), r.supplied.files.map((f) => f.name)] : null,
      ]);
    };
    const everything = [
      [open.solicitationId, [["Fondations saines"], ["sondage.pdf"]]],
      [secret.solicitationId, [["Budget sous-estimé"], ["audit.pdf"]]],
      [opinion.solicitationId, null],
    ];
    expect(await cards(w.advisor.id)).toEqual(everything);
    expect(await cards(w.staff.id)).toEqual(everything);
    expect(await cards(arnaud.id)).toEqual([
      [open.solicitationId, [["Fondations saines"], ["sondage.pdf"]]],
      [secret.solicitationId, null],
      [opinion.solicitationId, null],
    ]);
  });
});
