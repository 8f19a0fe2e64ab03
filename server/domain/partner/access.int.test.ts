// A5, A3, S3, S10, S11 over real sockets and through the partner services: a partner reaches only the
// partner view, receives only partner-audience events (live and in catch-up), and loses everything at
// once when revoked or when the dossier's status hides it from partners.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import type { DossierEventWire, JoinAck } from "../../realtime/contract";
import { actor, makeDossier, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite, watchDashboard } from "../../test/server";
import { postMessage } from "../conversation/service";
import { documentForDownload } from "../document/service";
import { setPartnerVisibility } from "../document/visibility";
import { dossierAccess, partnerAccess } from "../dossier/policy";
import { createRecommendation } from "../recommendation/service";
import { createSolicitation, revokeSolicitation, submitOpinion } from "../solicitation/service";
import { changeWorkflowStatus } from "../template/service";
import { savePartnerFields } from "./fields";
import { partnerDocument, partnerView } from "./service";
import { makePartner } from "../../test/partners";

const suite = realtimeSuite();

async function makeDocument(dossierId: string, uploaderId: string, name: string, visibleToPartner = false) {
  return db().document.create({
    data: {
      dossierId,
      uploaderId,
      originalName: name,
      storageKey: `${Math.random().toString(16).slice(2).padEnd(32, "0").slice(0, 32)}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "x",
      visibleToPartner,
    },
  });
}

describe("A5: the partner's socket", () => {
  it("A5: a partner joins the dossier through the partner view and receives partner-audience events only: no message, recommendation or solicitation event", async () => {
    const w = await makeWorld();
    const { partner } = await makePartner(w, { partnerEmail: "live@p.test" });
    const sock = await suite.client(partner.userId);
    const adele = await watchDashboard(await suite.client(w.advisor.id));
    const ack = (await join(sock, w.dossier.id, 0)) as JoinAck;
    expect(ack.ok).toBe(true);
    // Catch-up from 0: the dossier's earlier events (solicitation.created/attached) are advisor-only.
    expect(ack.ok && "events" in ack ? ack.events : null).toEqual([]);
    expect(await join(adele, w.dossier.id, 0)).toMatchObject({ ok: true });

    const quiet = noEvent(sock, "dossier:event", 600);
    await postMessage(await actor(w.referent.id), {
      dossierId: w.dossier.id,
      clientId: "partner-quiet-01",
      body: "Message interne au dossier",
    });
    await createRecommendation(await actor(w.advisor.id), { dossierId: w.dossier.id, title: "Reco", body: "Corps" });
    await createSolicitation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      kind: "opinion",
      scope: "financial",
      external: true,
      partnerEmail: "someone-else@p.test",
    });
    expect(await quiet).toBe(true);

    // D1, S6: an answer moves the dossier's dashboard row live for the advisor side, never for the partner.
    const adeleDash = nextEvent<{ dossierId: string }>(adele, "dashboard:changed");
    const partnerDash = noEvent(sock, "dashboard:changed", 600);
    const mine = (await partnerView(partner, w.dossier.id))!.solicitations[0];
    expect((await submitOpinion(partner, { solicitationId: mine.id, text: "Avis rendu" })).ok).toBe(true);
    expect(await adeleDash).toEqual({ dossierId: w.dossier.id });
    expect(await partnerDash).toBe(true);

    // S7, X2: a document shared with partners reaches the advisor side live with its name, and the
    // partner as an empty signal to refetch through their own filter.
    const doc = await makeDocument(w.dossier.id, w.advisor.id, "plan.pdf");
    const seen = nextEvent<DossierEventWire>(sock, "dossier:event");
    const adeleSees = new Promise<DossierEventWire>((resolve) =>
      adele.on("dossier:event", (e) => e.type === "document.partner_visibility" && resolve(e)),
    );
    expect((await setPartnerVisibility(await actor(w.advisor.id), { documentId: doc.id, visible: true })).ok).toBe(
      true,
    );
    expect(await seen).toMatchObject({ type: "partner.view_changed", payload: {} });
    expect((await adeleSees).payload).toMatchObject({ document: { name: "plan.pdf" }, visible: true });
    expect((await partnerView(partner, w.dossier.id))!.documents.map((d) => d.name)).toEqual(["plan.pdf"]);

    // Catch-up gives the same: partner events only, whatever afterSeq, and never their content.
    const again = (await join(await suite.client(partner.userId), w.dossier.id, 0)) as JoinAck;
    expect(again.ok && "events" in again ? again.events.map((e) => [e.type, e.payload]) : null).toEqual([
      ["partner.view_changed", {}],
    ]);
  });

  it("A5: a partner cannot post, type, mark read or see presence in the dossier", async () => {
    const w = await makeWorld();
    const { partner } = await makePartner(w, { partnerEmail: "mute@p.test" });
    const sock = await suite.client(partner.userId);
    const paul = await suite.client(w.referent.id);
    await join(sock, w.dossier.id);
    await join(paul, w.dossier.id);
    const send = await sock.emitWithAck("message:send", {
      dossierId: w.dossier.id,
      clientId: "partner-send-0001",
      body: "Je m'invite",
    });
    expect(send).toMatchObject({ ok: false, error: { code: "not_found" } });
    const read = await sock.emitWithAck("dossier:read", { dossierId: w.dossier.id, seq: 1 });
    expect(read).toMatchObject({ ok: false, error: { code: "not_found" } });
    const noTyping = noEvent(paul, "typing", 400);
    sock.emit("typing", { dossierId: w.dossier.id });
    expect(await noTyping).toBe(true);
    const presence = new Promise<string[]>((resolve) =>
      paul.on("presence", (p) => resolve(p.viewers.map((v) => v.userId))),
    );
    await join(await suite.client(w.advisor.id), w.dossier.id);
    expect(await presence).not.toContain(partner.userId);
    expect(await db().message.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });

  it("A3, S10: a revoked partner's sockets are cut at once and a re-join (a reconnect) is refused", async () => {
    const w = await makeWorld();
    const { partner, solicitationId } = await makePartner(w, { partnerEmail: "cut@p.test" });
    const tab1 = await suite.client(partner.userId);
    const tab2 = await suite.client(partner.userId);
    await join(tab1, w.dossier.id);
    await join(tab2, w.dossier.id);
    const both = Promise.all([nextEvent(tab1, "dossier:revoked"), nextEvent(tab2, "dossier:revoked")]);
    expect((await revokeSolicitation(await actor(w.advisor.id), { solicitationId })).ok).toBe(true);
    expect(await both).toEqual([{ dossierId: w.dossier.id }, { dossierId: w.dossier.id }]);
    const doc = await makeDocument(w.dossier.id, w.advisor.id, "apres.pdf");
    const quiet = Promise.all([noEvent(tab1, "dossier:event", 500), noEvent(tab2, "dossier:event", 500)]);
    await setPartnerVisibility(await actor(w.advisor.id), { documentId: doc.id, visible: true });
    expect(await quiet).toEqual([true, true]);
    expect(await join(tab1, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await join(await suite.client(partner.userId), w.dossier.id)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("S3, A5: a status that hides the dossier from partners cuts every partner socket, not the advisors'; the view is gone until a visible status", async () => {
    const w = await makeWorld();
    const p1 = await makePartner(w, { partnerEmail: "hide1@p.test" });
    const p2 = await makePartner(w, { partnerEmail: "hide2@p.test" });
    const s1 = await suite.client(p1.partner.userId);
    const s2 = await suite.client(p2.partner.userId);
    const adele = await suite.client(w.advisor.id);
    await join(s1, w.dossier.id);
    await join(s2, w.dossier.id);
    await join(adele, w.dossier.id);
    const cut = Promise.all([nextEvent(s1, "dossier:revoked"), nextEvent(s2, "dossier:revoked")]);
    const adeleNotCut = noEvent(adele, "dossier:revoked", 600);
    const adeleSees = nextEvent<DossierEventWire>(adele, "dossier:event");
    expect(
      (await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "closed" })).ok,
    ).toBe(true);
    await cut;
    expect((await adeleSees).type).toBe("dossier.status_changed");
    expect(await adeleNotCut).toBe(true);
    expect(await join(s1, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await partnerView(p1.partner, w.dossier.id)).toBeNull();
    expect(await submitOpinion(p1.partner, { solicitationId: p1.solicitationId, text: "Trop tard" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    // Read-only status: visible again but not editable.
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "review" });
    expect(await join(s1, w.dossier.id)).toMatchObject({ ok: true });
    expect(await submitOpinion(p1.partner, { solicitationId: p1.solicitationId, text: "Lecture seule" })).toMatchObject(
      { ok: false, error: { code: "conflict" } },
    );
    // Only the advisor side moves the status.
    for (const who of [w.referent, w.outsider, w.otherStaff, p1.user]) {
      expect(
        await changeWorkflowStatus(await actor(who.id), { dossierId: w.dossier.id, status: "open" }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(
      await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "nope" }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("A3: a partner of one organization's dossier reaches nothing of another dossier or organization", async () => {
    const w = await makeWorld();
    const { partner } = await makePartner(w, { partnerEmail: "iso@p.test" });
    const otherDossier = await makeDossier(w.other.id, [{ userId: w.otherStaff.id, role: "advisor", holder: true }]);
    const sameOrgOther = await makeDossier(w.org.id, [{ userId: w.advisor.id, role: "advisor", holder: true }]);
    const sock = await suite.client(partner.userId);
    for (const d of [otherDossier.id, sameOrgOther.id]) {
      expect(await join(sock, d)).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await partnerView(partner, d)).toBeNull();
      expect(await partnerAccess(partner, d)).toBeNull();
    }
    // Never through the members' filter either.
    expect(await dossierAccess(partner, w.dossier.id)).toBeNull();
    // Another organization's staff cannot reach the partner room's content.
    const sofia = await suite.client(w.otherStaff.id);
    expect(await join(sofia, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("A5, S7, S8: what the partner view holds", () => {
  it("S7: only documents marked visible to partner, and none through the members' download", async () => {
    const w = await makeWorld();
    const { partner } = await makePartner(w, { partnerEmail: "docs@p.test" });
    const shown = await makeDocument(w.dossier.id, w.advisor.id, "partage.pdf", true);
    const hidden = await makeDocument(w.dossier.id, w.advisor.id, "interne.pdf", false);
    const view = await partnerView(partner, w.dossier.id);
    expect(view!.documents.map((d) => d.name)).toEqual(["partage.pdf"]);
    expect(await partnerDocument(partner, w.dossier.id, hidden.id)).toBeNull();
    expect(await documentForDownload(partner, w.dossier.id, shown.id)).toBeNull();
    // The applicant side may not flip the flag.
    expect(
      await setPartnerVisibility(await actor(w.referent.id), { documentId: hidden.id, visible: true }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("S8, A5: the partner view shows only the fields its design lists; partners write only editable ones, only while the status allows", async () => {
    const w = await makeWorld();
    const template = await db().dossierTemplate.create({
      data: {
        organizationId: w.org.id,
        name: "Rénovation",
        fields: JSON.stringify([
          { key: "budget", label: "Budget", section: "applicant" },
          { key: "note_interne", label: "Note interne", section: "internal" },
          { key: "avis_technique", label: "Avis technique", section: "partner" },
          { key: "surface", label: "Surface", section: "applicant" },
        ]),
        partnerView: JSON.stringify({ budget: "read", avis_technique: "edit" }),
        statuses: JSON.stringify([
          { key: "depot", label: "Dépôt", partnerVisible: true, partnerEditable: true },
          { key: "instruction", label: "Instruction", partnerVisible: true, partnerEditable: false },
          { key: "clos", label: "Clos", partnerVisible: false, partnerEditable: false },
        ]),
      },
    });
    await db().dossier.update({
      where: { id: w.dossier.id },
      data: {
        templateId: template.id,
        workflowStatus: "depot",
        fieldValues: JSON.stringify({
          budget: "120000",
          note_interne: "Secret des conseillers",
          surface: "Surface-non-partagee-812",
        }),
      },
    });
    const { partner } = await makePartner(w, { partnerEmail: "fields@p.test" });
    const view = await partnerView(partner, w.dossier.id);
    expect(view!.fields.map((f) => [f.key, f.editable])).toEqual([["budget", false]]);
    const own = view!.solicitations[0];
    expect(own.fields.map((f) => [f.key, f.editable])).toEqual([["avis_technique", true]]);
    expect(JSON.stringify(view)).not.toContain("Secret des conseillers");
    expect(JSON.stringify(view)).not.toContain("Surface-non-partagee");
    expect(
      await savePartnerFields(partner, { dossierId: w.dossier.id, values: { note_interne: "piraté" } }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await savePartnerFields(partner, { dossierId: w.dossier.id, values: { budget: "1" } })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    // X2: a partner-only field is an answer of the solicitation, never a value of the dossier.
    expect(
      await savePartnerFields(partner, { dossierId: w.dossier.id, values: { avis_technique: "Structure saine" } }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    const mine = { dossierId: w.dossier.id, solicitationId: own.id };
    expect((await savePartnerFields(partner, { ...mine, values: { avis_technique: "Structure saine" } })).ok).toBe(
      true,
    );
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "instruction" });
    expect(await savePartnerFields(partner, { ...mine, values: { avis_technique: "Changé" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    const values = JSON.parse((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).fieldValues);
    expect(values).toEqual({
      budget: "120000",
      note_interne: "Secret des conseillers",
      surface: "Surface-non-partagee-812",
    });
    const answers = (await db().solicitation.findUniqueOrThrow({ where: { id: own.id } })).fieldValues;
    expect(JSON.parse(answers)).toEqual({ avis_technique: "Structure saine" });
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "clos" });
    expect(await partnerView(partner, w.dossier.id)).toBeNull();
  });
});
