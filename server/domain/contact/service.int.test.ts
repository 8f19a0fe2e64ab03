// Contacts and the contact card (issue 12 item 1, K5, A3), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeUser, makeWorld } from "../../test/factories";
import { addParty, createActivity, setClientActive } from "../billing/service";
import { contactsByOrganization, createContact, getContactCard, listContacts } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

describe("contacts", () => {
  it("an advisor creates a contact of their organization; bad input and other organizations refused", async () => {
    const w = await makeWorld();
    const adv = await actor(w.advisor.id);
    const res = await createContact(adv, {
      organizationId: w.org.id,
      kind: "company",
      name: "  SCI Les Tilleuls ",
      email: "contact@tilleuls.test",
      phone: "",
    });
    expect(res).toMatchObject({ ok: true, value: { name: "SCI Les Tilleuls", kind: "company", phone: null } });
    expect(await createContact(adv, { organizationId: w.org.id, name: " " })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await createContact(adv, { organizationId: w.org.id, name: "X", email: "pas-un-email" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await createContact(adv, { organizationId: w.other.id, name: "Intrus" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await createContact(await actor(w.applicant.id), { organizationId: w.org.id, name: "X" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await listContacts(adv, w.org.id)).map((c) => c.name)).toContain("SCI Les Tilleuls");
    expect(await listContacts(await actor(w.otherStaff.id), w.org.id)).toEqual([]);
    // The contacts page: each organization of the actor, its contacts; nothing for the applicant side.
    const groups = await contactsByOrganization(adv);
    expect(groups.map((g) => [g.organization.id, g.contacts.map((c) => c.name)])).toEqual([
      [w.org.id, ["SCI Les Tilleuls"]],
    ]);
    expect(await contactsByOrganization(await actor(w.applicant.id))).toEqual([]);
    expect((await contactsByOrganization(await actor(w.otherStaff.id))).map((g) => g.organization.id)).toEqual([
      w.other.id,
    ]);
  });

  it("K5: the contact card lists the contact's dossiers with their status; no activity where the client is inactive", async () => {
    const w = await makeWorld();
    const adv = await actor(w.advisor.id);
    const c = await createContact(adv, { organizationId: w.org.id, name: "Mme Durand" });
    if (!c.ok) throw new Error("setup");
    const second = await makeDossier(w.org.id, [{ userId: w.advisor.id, role: "advisor", holder: true }], "Second");
    const p1 = await addParty(adv, { dossierId: w.dossier.id, contactId: c.value.id, role: "client" });
    const p2 = await addParty(adv, { dossierId: second.id, contactId: c.value.id, role: "client" });
    if (!p1.ok || !p2.ok) throw new Error("setup");
    await setClientActive(adv, { partyId: p2.value.partyId, active: false });
    const card = await getContactCard(adv, c.value.id);
    expect(card!.dossiers.map((d) => [d.dossierId, d.active, d.canAddActivity])).toEqual([
      [w.dossier.id, true, true],
      [second.id, false, false],
    ]);
    // The server refuses too, whatever the page shows.
    const refused = await createActivity(adv, {
      kind: "expense",
      dossierId: second.id,
      description: "Frais",
      date: "2026-11-20",
      amountCents: 100,
      clientPartyId: p2.value.partyId,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid" } });
    // A3: another organization's staff, an applicant: no card.
    expect(await getContactCard(await actor(w.otherStaff.id), c.value.id)).toBeNull();
    expect(await getContactCard(await actor(w.applicant.id), c.value.id)).toBeNull();
    // A member of the organization who is on neither dossier sees the card without those dossiers.
    const colleague = await makeUser("Collegue", { organizationId: w.org.id });
    expect((await getContactCard(await actor(colleague.id), c.value.id))!.dossiers).toEqual([]);
  });
});
