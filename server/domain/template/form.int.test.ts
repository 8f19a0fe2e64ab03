// S8, A4 (issue 16 item 4): the dossier's form in the dossier itself: applicant-view fields filled by
// the applicant side, internal-view fields by the advisor side, checked at the edge and under the
// lock, live for every viewer allowed to know.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import type { DossierEventWire } from "../../realtime/contract";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import { dossierAccess } from "../dossier/policy";
import { dossierForm, saveDossierFields } from "./form";
import { applyTemplate, saveTemplate } from "./service";

const suite = realtimeSuite();
type World = Awaited<ReturnType<typeof makeWorld>>;

async function withForm(w: World) {
  const admin = await actor((await makeUser("Alice Admin", { organizationId: w.org.id, role: "admin" })).id);
  const tpl = await saveTemplate(admin, {
    organizationId: w.org.id,
    name: "Subvention",
    fields: [
      { key: "budget", label: "Budget", section: "applicant" },
      { key: "note_interne", label: "Note interne", section: "internal" },
      { key: "avis", label: "Avis", section: "partner" },
    ],
    partnerView: { avis: "edit" },
    statuses: [{ key: "depot", label: "Dépôt", partnerVisible: true, partnerEditable: true }],
  });
  if (!tpl.ok) throw new Error("template");
  await applyTemplate(await actor(w.advisor.id), { dossierId: w.dossier.id, templateId: tpl.value.templateId });
}

const values = async (dossierId: string) =>
  JSON.parse((await db().dossier.findUniqueOrThrow({ where: { id: dossierId } })).fieldValues);

describe("S8: the dossier's form", () => {
  it("S8, A4: the applicant side fills the applicant fields and never sees internal ones; the advisor side fills internal fields and reads the applicant's", async () => {
    const w = await makeWorld();
    await withForm(w);
    const paul = await actor(w.referent.id);
    const adele = await actor(w.advisor.id);
    const form = async (who: typeof paul) =>
      (await dossierForm((await dossierAccess(who, w.dossier.id))!)).map((f) => [f.key, f.editable]);
    expect(await form(paul)).toEqual([["budget", true]]);
    expect(await form(await actor(w.applicant.id))).toEqual([["budget", true]]);
    expect(await form(adele)).toEqual([
      ["budget", false],
      ["note_interne", true],
    ]);
    expect(await form(await actor(w.staff.id))).toEqual([
      ["budget", false],
      ["note_interne", true],
    ]);

    expect((await saveDossierFields(paul, { dossierId: w.dossier.id, values: { budget: "45000" } })).ok).toBe(true);
    expect(
      (await saveDossierFields(adele, { dossierId: w.dossier.id, values: { note_interne: "Dossier solide" } })).ok,
    ).toBe(true);
    const refused = [
      [paul, { note_interne: "x" }],
      [paul, { budget: "1", note_interne: "x" }],
      [paul, { avis: "x" }],
      [adele, { budget: "1" }],
      [adele, { avis: "x" }],
      [adele, { inconnu: "x" }],
    ] as const;
    for (const [who, v] of refused)
      expect(await saveDossierFields(who, { dossierId: w.dossier.id, values: v })).toMatchObject({
        ok: false,
        error: { code: "invalid" },
      });
    expect(await values(w.dossier.id)).toEqual({ budget: "45000", note_interne: "Dossier solide" });
    const paulSees = JSON.stringify(await dossierForm((await dossierAccess(paul, w.dossier.id))!));
    expect(paulSees).not.toContain("Dossier solide");
    expect(paulSees).not.toContain("note_interne");
  });

  it("S8, A1: bad input and people without access change nothing: outsider and another organization get not_found", async () => {
    const w = await makeWorld();
    await withForm(w);
    for (const who of [w.outsider.id, w.otherStaff.id])
      expect(
        await saveDossierFields(await actor(who), { dossierId: w.dossier.id, values: { budget: "1" } }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    const paul = await actor(w.referent.id);
    for (const bad of [
      { dossierId: w.dossier.id, values: {} },
      { dossierId: w.dossier.id, values: { budget: "x".repeat(5001) } },
      { dossierId: w.dossier.id, values: { "Bad Key": "x" } },
      { dossierId: w.dossier.id, values: { budget: 12 } },
      { dossierId: w.dossier.id },
      null,
    ])
      expect(await saveDossierFields(paul, bad)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await values(w.dossier.id)).toEqual({});
  });

  it("S8, A4: saves arrive live: applicant fields to both sides, internal fields to the advisor side only", async () => {
    const w = await makeWorld();
    await withForm(w);
    const paul = await suite.client(w.referent.id);
    const adele = await suite.client(w.advisor.id);
    for (const s of [paul, adele]) await join(s, w.dossier.id);
    const both = Promise.all([
      nextEvent<DossierEventWire>(paul, "dossier:event"),
      nextEvent<DossierEventWire>(adele, "dossier:event"),
    ]);
    await saveDossierFields(await actor(w.referent.id), { dossierId: w.dossier.id, values: { budget: "9" } });
    expect((await both).map((e) => [e.type, (e.payload as { keys: string[] }).keys])).toEqual([
      ["dossier.fields_changed", ["budget"]],
      ["dossier.fields_changed", ["budget"]],
    ]);
    const adeleOnly = nextEvent<DossierEventWire>(adele, "dossier:event");
    const paulQuiet = noEvent(paul, "dossier:event", 500);
    await saveDossierFields(await actor(w.advisor.id), { dossierId: w.dossier.id, values: { note_interne: "n" } });
    expect((await adeleOnly).payload).toMatchObject({ keys: ["note_interne"] });
    expect(await paulQuiet).toBe(true);
  });
});
