// S7 (issue 16 items 3 and 11): "Visible partenaire" chosen on upload or later, for every partner of
// the dossier or some of them; partners not chosen never learn the document, live or in catch-up.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import type { DossierEventWire } from "../../realtime/contract";
import { actor, makeDossier, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import { partnerDocument, partnerView } from "../partner/service";

import { uploadDocument } from "./service";
import { partnerChoices, partnerDocumentsPanel, setPartnerVisibility } from "./visibility";
import { dossierAccess } from "../dossier/policy";
import { makePartner } from "../../test/partners";

const suite = realtimeSuite({ UPLOAD_DIR: `/tmp/relais-s7-${process.pid}` });
const pdf = Buffer.from("%PDF-1.4 plan");

const names = async (p: { partner: Awaited<ReturnType<typeof actor>> }, dossierId: string) =>
  (await partnerView(p.partner, dossierId))!.documents.map((d) => d.name);

describe("S7: documents for partners", () => {
  it("S7: the advisor side shows an upload to some partners: only they see it; partners get no name over the socket", async () => {
    const w = await makeWorld();
    const p1 = await makePartner(w, { kind: "opinion" });
    const p2 = await makePartner(w, { kind: "opinion" });
    const s1 = await suite.client(p1.partner.userId);
    const s2 = await suite.client(p2.partner.userId);
    for (const s of [s1, s2]) await join(s, w.dossier.id, 0);
    const told = nextEvent<DossierEventWire>(s1, "dossier:event");
    const told2 = nextEvent<DossierEventWire>(s2, "dossier:event");
    const res = await uploadDocument(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      name: "plan-p1.pdf",
      bytes: pdf,
      partners: [p1.solicitationId],
    });
    if (!res.ok) throw new Error(res.error.message);
    expect(await told).toMatchObject({ type: "partner.view_changed", payload: {} });
    expect(await told2).toMatchObject({ type: "partner.view_changed", payload: {} });
    expect(await names(p1, w.dossier.id)).toEqual(["plan-p1.pdf"]);
    expect(await names(p2, w.dossier.id)).toEqual([]);
    expect(await partnerDocument(p2.partner, w.dossier.id, res.document.id)).toBeNull();
    expect(await partnerDocument(p1.partner, w.dossier.id, res.document.id)).toMatchObject({ name: "plan-p1.pdf" });

    const all = await uploadDocument(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      name: "plan-tous.pdf",
      bytes: pdf,
      partners: "all",
    });
    expect(all.ok).toBe(true);
    expect(await names(p2, w.dossier.id)).toEqual(["plan-tous.pdf"]);
    // Later: shown to p2 instead, then hidden.
    expect(
      (
        await setPartnerVisibility(await actor(w.advisor.id), {
          documentId: res.document.id,
          visible: true,
          solicitationIds: [p2.solicitationId],
        })
      ).ok,
    ).toBe(true);
    expect(await names(p1, w.dossier.id)).toEqual(["plan-tous.pdf"]);
    expect((await names(p2, w.dossier.id)).sort()).toEqual(["plan-p1.pdf", "plan-tous.pdf"]);
    const panel = await partnerDocumentsPanel(await actor(w.advisor.id), w.dossier.id);
    expect(panel.ok && panel.value.partners.map((c) => c.solicitationId)).toEqual([
      p1.solicitationId,
      p2.solicitationId,
    ]);
    expect(panel.ok && panel.value.documents.map((d) => [d.name, d.visibleToPartner, d.solicitationIds])).toEqual([
      ["plan-tous.pdf", true, []],
      ["plan-p1.pdf", true, [p2.solicitationId]],
    ]);
    await setPartnerVisibility(await actor(w.advisor.id), { documentId: res.document.id, visible: false });
    expect(await names(p2, w.dossier.id)).toEqual(["plan-tous.pdf"]);
    expect(await db().documentPartnerShare.count()).toBe(0);
  });

  it("S7, A4: the applicant side cannot show an upload to partners, another dossier's solicitation is refused, and nothing is kept", async () => {
    const w = await makeWorld();
    const elsewhere = await makeDossier(w.org.id, [{ userId: w.advisor.id, role: "advisor", holder: true }]);
    const foreign = await makePartner(w, { kind: "opinion", dossierId: elsewhere.id });
    expect(
      await uploadDocument(await actor(w.referent.id), {
        dossierId: w.dossier.id,
        name: "a.pdf",
        bytes: pdf,
        partners: "all",
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    for (const partners of [[foreign.solicitationId], "some", [], 42])
      expect(
        await uploadDocument(await actor(w.advisor.id), {
          dossierId: w.dossier.id,
          name: "b.pdf",
          bytes: pdf,
          partners,
        }),
      ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await db().document.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    // The choices offered are the dossier's live solicitations, for the advisor side only.
    expect(await partnerChoices((await dossierAccess(await actor(w.referent.id), w.dossier.id))!)).toEqual([]);
    expect(await partnerDocumentsPanel(await actor(w.referent.id), w.dossier.id)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await noEvent(await suite.client(foreign.partner.userId), "dossier:event", 100)).toBe(true);
  });
});
