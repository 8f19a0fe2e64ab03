// S3, A5, A3 (issue 16 item 2): per solicitation, the stages at which its partner sees and edits the
// dossier (by default the template's); each change reaches the open partner pages at once.
import { describe, expect, it } from "vitest";
import type { DossierEventWire } from "../../realtime/contract";
import { actor, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import { savePartnerFields } from "../partner/fields";
import { partnerView } from "../partner/service";
import { changeWorkflowStatus } from "../template/service";
import { choosePartnerStages } from "./choose-stages";
import { revokeSolicitation, solicitationsForPanel } from "./service";
import { dossierAccess } from "../dossier/policy";
import { makePartner } from "../../test/partners";

const suite = realtimeSuite();

// Built-in statuses (no template): open (sees, edits), review (sees), closed (nothing).
const builtIn = { open: { visible: true, editable: true }, review: { visible: true, editable: false } };

describe("S3: stages per solicitation", () => {
  it("S3, A5: the advisor makes one partner's page read-only: it is told live and its saves are refused, the other partner keeps editing", async () => {
    const w = await makeWorld();
    const p1 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const p2 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const s1 = await suite.client(p1.partner.userId);
    await join(s1, w.dossier.id, 0);
    const panel = async () =>
      solicitationsForPanel(await actor(w.advisor.id), (await dossierAccess(await actor(w.advisor.id), w.dossier.id))!);
    expect((await panel())[0].stages.map((s) => [s.key, s.visible, s.editable, s.own])).toEqual([
      ["open", true, true, false],
      ["review", true, false, false],
      ["closed", false, false, false],
    ]);
    const told = nextEvent<DossierEventWire>(s1, "dossier:event");
    const res = await choosePartnerStages(await actor(w.advisor.id), {
      solicitationId: p1.solicitationId,
      stages: { ...builtIn, open: { visible: true, editable: false } },
    });
    expect(res.ok).toBe(true);
    expect(await told).toMatchObject({ type: "partner.view_changed", payload: {} });
    expect((await partnerView(p1.partner, w.dossier.id))!.solicitations[0].editable).toBe(false);
    expect((await partnerView(p2.partner, w.dossier.id))!.solicitations[0].editable).toBe(true);
    expect((await panel())[0].stages[0]).toMatchObject({ key: "open", editable: false, own: true });
    // No template design here: the partner has nothing to fill, and a save is refused for being read-only.
    expect(await savePartnerFields(p1.partner, { dossierId: w.dossier.id, values: { budget: "1" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("S3, A3: a stage choice that hides the dossier cuts that partner's sockets only; one that shows a hidden status lets them stay when the others are cut", async () => {
    const w = await makeWorld();
    const p1 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const p2 = await makePartner(w, { kind: "supplement", scope: "technical" });
    const s1 = await suite.client(p1.partner.userId);
    const s2 = await suite.client(p2.partner.userId);
    for (const s of [s1, s2]) await join(s, w.dossier.id, 0);
    const cut = nextEvent(s1, "dossier:revoked");
    const stays = noEvent(s2, "dossier:revoked", 600);
    await choosePartnerStages(await actor(w.advisor.id), {
      solicitationId: p1.solicitationId,
      stages: { open: { visible: false, editable: false }, review: builtIn.review, closed: builtIn.review },
    });
    expect(await cut).toEqual({ dossierId: w.dossier.id });
    expect(await stays).toBe(true);
    expect(await partnerView(p1.partner, w.dossier.id)).toBeNull();
    // "closed" hides the dossier from p2 (the default) but p1 chose to see it there.
    const s1again = await suite.client(p1.partner.userId);
    const p2cut = nextEvent(s2, "dossier:revoked");
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "closed" });
    expect(await p2cut).toEqual({ dossierId: w.dossier.id });
    expect(await join(s1again, w.dossier.id, 0)).toMatchObject({ ok: true });
    expect(await partnerView(p2.partner, w.dossier.id)).toBeNull();
    // Back to the template's: p1 loses "closed" too.
    const p1cut = nextEvent(s1again, "dossier:revoked");
    await choosePartnerStages(await actor(w.advisor.id), { solicitationId: p1.solicitationId, stages: null });
    expect(await p1cut).toEqual({ dossierId: w.dossier.id });
  });

  it("S3, A1: only the dossier's advisor side chooses; unknown statuses, bad input and revoked solicitations change nothing", async () => {
    const w = await makeWorld();
    const p1 = await makePartner(w, { kind: "supplement", scope: "technical" });
    for (const who of [w.referent.id, w.outsider.id, w.otherStaff.id, p1.partner.userId])
      expect(
        await choosePartnerStages(await actor(who), { solicitationId: p1.solicitationId, stages: builtIn }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    const adele = await actor(w.advisor.id);
    expect(
      await choosePartnerStages(adele, { solicitationId: p1.solicitationId, stages: { nope: builtIn.open } }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    for (const bad of [
      { solicitationId: p1.solicitationId },
      { solicitationId: p1.solicitationId, stages: { open: true } },
    ])
      expect(await choosePartnerStages(adele, bad)).toMatchObject({ ok: false, error: { code: "invalid" } });
    await revokeSolicitation(adele, { solicitationId: p1.solicitationId });
    expect(await choosePartnerStages(adele, { solicitationId: p1.solicitationId, stages: builtIn })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});
