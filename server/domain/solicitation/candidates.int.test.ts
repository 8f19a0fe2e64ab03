// S1, S12 (issue 16) on SQLite and PostgreSQL: the partner picker offers the organization's members who
// do not see the dossier (internal) and the approved directory (external), to the advisor side only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { dossierAccess } from "../dossier/policy";
import { partnerCandidates } from "./candidates";
import { createSolicitation } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => {
  await tdb.cleanup();
});

async function candidatesFor(userId: string, dossierId: string) {
  return partnerCandidates(await actor(userId), await dossierAccess({ userId }, dossierId));
}

describe("S1, S12: whom the picker offers", () => {
  it("S1: internal: active members without access to the dossier; never staff, the dossier's members, the deactivated or another organization's", async () => {
    const w = await makeWorld();
    const expert = await makeUser("Expert Interne", { organizationId: w.org.id });
    const nameless = await db().user.create({ data: { email: "sans.nom@org.test" } });
    await db().membership.create({ data: { organizationId: w.org.id, userId: nameless.id } });
    const gone = await makeUser("Parti", { organizationId: w.org.id });
    await db().user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const elsewhere = await makeUser("Ailleurs", { organizationId: w.other.id });
    const c = (await candidatesFor(w.advisor.id, w.dossier.id))!;
    const emails = c.members.map((m) => m.email);
    expect(emails).toContain(expert.email);
    expect(emails).toContain(w.outsider.email);
    for (const no of [w.advisor, w.staff, w.referent, w.applicant, gone, elsewhere, w.otherStaff])
      expect(emails).not.toContain(no.email);
    // X7: no name stays null (the address is shown as an address, not as a name).
    expect(c.members.find((m) => m.email === nameless.email)?.name).toBeNull();
    // Every member offered can really be asked.
    const res = await createSolicitation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      kind: "opinion",
      scope: "legal",
      external: false,
      partnerEmail: expert.email,
    });
    expect(res.ok).toBe(true);
  });

  it("S12: external: the approved directory, and whether free typing is allowed", async () => {
    const w = await makeWorld();
    await db().approvedPartner.create({
      data: { organizationId: w.org.id, email: "agree@x.test", name: "Cabinet Agréé" },
    });
    await db().approvedPartner.create({ data: { organizationId: w.other.id, email: "autre@x.test" } });
    let c = (await candidatesFor(w.staff.id, w.dossier.id))!;
    expect(c.directory).toEqual([{ email: "agree@x.test", name: "Cabinet Agréé" }]);
    expect(c.directoryOnly).toBe(false);
    await db().organization.update({ where: { id: w.org.id }, data: { partnerDirectoryOnly: true } });
    c = (await candidatesFor(w.advisor.id, w.dossier.id))!;
    expect(c.directoryOnly).toBe(true);
  });

  it("A1: the applicant side, an advisor not on the dossier and another organization's staff get nothing", async () => {
    const w = await makeWorld();
    for (const who of [w.referent, w.applicant, w.outsider, w.otherStaff])
      expect(await candidatesFor(who.id, w.dossier.id)).toBeNull();
  });
});
