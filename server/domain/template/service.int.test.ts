// S8, S3, S5, S9, S12: template design by admins, template of a dossier, on-behalf entry, supplements,
// the directory, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setPublisher, type PublishedEvent } from "../../realtime/publisher";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { addApprovedPartner, partnerDirectory, removeApprovedPartner, savePartnerSettings } from "../partner/directory";
import { savePartnerFields } from "../partner/fields";
import { partnerView } from "../partner/service";
import { uploadSupplement } from "../partner/supplement";
import { attachWithKey, createSolicitation, submitOpinion } from "../solicitation/service";
import {
  applyTemplate,
  changeWorkflowStatus,
  dossierFieldsForAdvisors,
  dossierStatuses,
  saveTemplate,
  templatesOf,
} from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
const published: PublishedEvent[] = [];
const revokedPartners: string[] = [];
beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: `/tmp/relais-tpl-${process.pid}` });
  setPublisher({
    dossierEvent: (e) => published.push(e),
    revoke() {},
    revokePartner: (u, d) => revokedPartners.push(`${u}:${d}`),
  });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});

const design = (organizationId: string) => ({
  organizationId,
  name: "Rénovation",
  fields: [
    { key: "budget", label: "Budget", section: "applicant" },
    { key: "surface", label: "Surface", section: "applicant" },
    { key: "note", label: "Note interne", section: "internal" },
    { key: "avis", label: "Avis", section: "partner" },
  ],
  partnerView: { budget: "read", surface: "hidden", note: "hidden", avis: "edit" },
  statuses: [
    { key: "depot", label: "Dépôt", partnerVisible: true, partnerEditable: true },
    { key: "instruction", label: "Instruction", partnerVisible: true, partnerEditable: false },
    { key: "decision", label: "Décision", partnerVisible: false, partnerEditable: false },
  ],
});

async function admin(orgId: string) {
  return actor((await makeUser("Alice Admin", { organizationId: orgId, role: "admin" })).id);
}

async function partnerWith(w: Awaited<ReturnType<typeof makeWorld>>, kind: string) {
  const email = `${kind}-${Math.random()}@p.test`;
  const res = await createSolicitation(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    kind,
    scope: "technical",
    external: true,
    partnerEmail: email,
  });
  if (!res.ok) throw new Error(res.error.message);
  const u = await makeUser(`Partner ${kind}`, { email });
  const a = await attachWithKey(await actor(u.id), { key: res.value.key }, "127.0.0.1");
  if (!a.ok) throw new Error("attach");
  return actor(u.id);
}

describe("S8: template design", () => {
  it("S8: only an admin of the organization saves a template; staff, advisors and another organization's admin get not_found", async () => {
    const w = await makeWorld();
    for (const who of [w.staff, w.advisor, w.otherStaff]) {
      expect(await saveTemplate(await actor(who.id), design(w.org.id))).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    expect(await saveTemplate(await admin(w.other.id), design(w.org.id))).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const res = await saveTemplate(await admin(w.org.id), design(w.org.id));
    expect(res.ok).toBe(true);
    const [tpl] = await templatesOf(w.org.id);
    // Hidden fields are simply absent from the partner view.
    expect(tpl.partnerView).toEqual({ budget: "read", avis: "edit" });
    expect(tpl.statuses.map((s) => s.key)).toEqual(["depot", "instruction", "decision"]);
  });

  it("S8: bad designs change nothing: duplicate keys, no status, a bad key", async () => {
    const w = await makeWorld();
    const a = await admin(w.org.id);
    const base = design(w.org.id);
    for (const bad of [
      { ...base, statuses: [] },
      { ...base, fields: [...base.fields, base.fields[0]] },
      { ...base, fields: [{ key: "Bad Key!", label: "x", section: "applicant" }] },
    ]) {
      expect((await saveTemplate(a, bad)).ok).toBe(false);
    }
    expect(await templatesOf(w.org.id)).toEqual([]);
  });

  it("S3: the advisor side gives the dossier a template of its organization; its first status applies; another organization's template is not found", async () => {
    const w = await makeWorld();
    const mine = await saveTemplate(await admin(w.org.id), design(w.org.id));
    const theirs = await saveTemplate(await admin(w.other.id), design(w.other.id));
    if (!mine.ok || !theirs.ok) throw new Error("templates");
    expect(
      await applyTemplate(await actor(w.advisor.id), { dossierId: w.dossier.id, templateId: theirs.value.templateId }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      await applyTemplate(await actor(w.referent.id), { dossierId: w.dossier.id, templateId: mine.value.templateId }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      (await applyTemplate(await actor(w.advisor.id), { dossierId: w.dossier.id, templateId: mine.value.templateId }))
        .ok,
    ).toBe(true);
    expect(await dossierStatuses(w.dossier.id)).toMatchObject({ current: "depot", templateId: mine.value.templateId });
    const partner = await partnerWith(w, "opinion");
    revokedPartners.length = 0;
    expect(
      (await changeWorkflowStatus(await actor(w.staff.id), { dossierId: w.dossier.id, status: "decision" })).ok,
    ).toBe(true);
    expect(revokedPartners).toEqual([`${partner.userId}:${w.dossier.id}`]);
    // A built-in status does not exist in this template.
    expect(
      await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "open" }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});

describe("S9, S5: on-behalf entry and supplements", () => {
  it("S9: an on-behalf partner fills in the whole applicant form, never internal fields; an opinion partner only what the design says", async () => {
    const w = await makeWorld();
    const tpl = await saveTemplate(await admin(w.org.id), design(w.org.id));
    if (!tpl.ok) throw new Error("tpl");
    await applyTemplate(await actor(w.advisor.id), { dossierId: w.dossier.id, templateId: tpl.value.templateId });
    const onBehalf = await partnerWith(w, "on_behalf");
    const opinion = await partnerWith(w, "opinion");
    const v1 = await partnerView(onBehalf, w.dossier.id);
    expect(v1!.fields.map((f) => [f.key, f.editable])).toEqual([
      ["budget", true],
      ["surface", true],
    ]);
    expect(v1!.solicitations[0].fields.map((f) => [f.key, f.editable])).toEqual([["avis", true]]);
    // X2: an opinion edits nothing, and has no partner-only answers.
    const v2 = await partnerView(opinion, w.dossier.id);
    expect(v2!.fields.map((f) => [f.key, f.editable])).toEqual([["budget", false]]);
    expect(v2!.solicitations[0].fields).toEqual([]);
    expect(
      (await savePartnerFields(onBehalf, { dossierId: w.dossier.id, values: { budget: "90000", surface: "300" } })).ok,
    ).toBe(true);
    expect(await savePartnerFields(opinion, { dossierId: w.dossier.id, values: { surface: "1" } })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await savePartnerFields(onBehalf, { dossierId: w.dossier.id, values: { note: "x" } })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(JSON.parse((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).fieldValues)).toEqual({
      budget: "90000",
      surface: "300",
    });
    // The advisor side reads every field of the dossier, internal ones included, with what partners get
    // of each; partner-only fields are each solicitation's answers, on its card (issue 16 item 5).
    const forAdvisors = await dossierFieldsForAdvisors(w.dossier.id);
    expect(forAdvisors.map((f) => [f.key, f.value, f.partnerMode])).toEqual([
      ["budget", "90000", "read"],
      ["surface", "300", "hidden"],
      ["note", "", "hidden"],
    ]);
    // S9: the on-behalf partner hands over: the solicitation is answered and reminders stop.
    const mine = (await partnerView(onBehalf, w.dossier.id))!.solicitations[0];
    expect(
      (await submitOpinion(onBehalf, { solicitationId: mine.id, text: "Formulaire rempli pour la commune" })).ok,
    ).toBe(true);
    expect((await db().solicitation.findUniqueOrThrow({ where: { id: mine.id } })).answeredAt).not.toBeNull();
  });

  it("S5, X2: a supplement partner uploads a document: it joins the Documents tab (event for all members) and is seen by its partner; an opinion partner cannot; not once read-only", async () => {
    const w = await makeWorld();
    const supp = await partnerWith(w, "supplement");
    const opinion = await partnerWith(w, "opinion");
    published.length = 0;
    const pdf = Buffer.from("%PDF-1.4 complément");
    const res = await uploadSupplement(supp, { dossierId: w.dossier.id, name: "justificatif.pdf", bytes: pdf });
    expect(res.ok).toBe(true);
    expect(published.map((e) => [e.type, e.audience])).toEqual([
      ["document.uploaded", "all"],
      ["partner.supplement_uploaded", "advisors"],
    ]);
    expect((await partnerView(supp, w.dossier.id))!.documents.map((d) => d.name)).toEqual(["justificatif.pdf"]);
    expect(await uploadSupplement(opinion, { dossierId: w.dossier.id, name: "x.pdf", bytes: pdf })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(
      await uploadSupplement(await actor(w.otherStaff.id), { dossierId: w.dossier.id, name: "x.pdf", bytes: pdf }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      await uploadSupplement(supp, { dossierId: w.dossier.id, name: "x.exe", bytes: Buffer.from("MZ") }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    await changeWorkflowStatus(await actor(w.advisor.id), { dossierId: w.dossier.id, status: "review" });
    expect(await uploadSupplement(supp, { dossierId: w.dossier.id, name: "tard.pdf", bytes: pdf })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await db().document.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });
});

describe("S12: the directory of approved partners", () => {
  it("S12: only admins keep the directory and its settings", async () => {
    const w = await makeWorld();
    const a = await admin(w.org.id);
    for (const who of [w.staff, w.advisor, w.otherStaff]) {
      const x = await actor(who.id);
      expect(await addApprovedPartner(x, { organizationId: w.org.id, email: "a@b.test" })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(
        await savePartnerSettings(x, { organizationId: w.org.id, directoryOnly: true, daysBefore: 1, daysAfter: 1 }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await partnerDirectory(x, w.org.id)).toBeNull();
    }
    const added = await addApprovedPartner(a, {
      organizationId: w.org.id,
      email: "Expert@Cabinet.test",
      name: "Expert",
    });
    expect(added.ok).toBe(true);
    expect(await addApprovedPartner(a, { organizationId: w.org.id, email: "expert@cabinet.test" })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(
      (await savePartnerSettings(a, { organizationId: w.org.id, directoryOnly: true, daysBefore: 5, daysAfter: 2 })).ok,
    ).toBe(true);
    expect(await partnerDirectory(a, w.org.id)).toMatchObject({
      directoryOnly: true,
      daysBefore: 5,
      daysAfter: 2,
      partners: [{ email: "expert@cabinet.test", name: "Expert" }],
    });
    expect(
      (
        await createSolicitation(await actor(w.advisor.id), {
          dossierId: w.dossier.id,
          kind: "opinion",
          scope: "legal",
          external: true,
          partnerEmail: "expert@cabinet.test",
        })
      ).ok,
    ).toBe(true);
    if (!added.ok) throw new Error();
    expect((await removeApprovedPartner(a, { organizationId: w.org.id, approvedPartnerId: added.value.id })).ok).toBe(
      true,
    );
    expect(
      await createSolicitation(await actor(w.advisor.id), {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "legal",
        external: true,
        partnerEmail: "expert@cabinet.test",
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});
