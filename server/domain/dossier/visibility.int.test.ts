// A1, A3: dossier visibility is written twice, as a Prisma where-clause (visibleDossiersWhere: lists,
// dashboard, digests) and as one SQL statement (dossierAccess: pages, joins, every change under its
// lock). This test proves they agree over the whole access matrix, so neither can drift alone.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { makeDossier, makeOrganization, makeUser } from "../../test/factories";
import { dossierPermissions, type DossierAction } from "../../auth/permissions";
import { allows, dossierAccess, visibleDossiersWhere } from "./policy";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

it("A1, A3: visibleDossiersWhere and dossierAccess agree for every role, organization and dossier", async () => {
  const nord = await makeOrganization("Nord");
  const sud = await makeOrganization("Sud");
  const admin = await makeUser("Admin Nord", { organizationId: nord.id, role: "admin" });
  const staff = await makeUser("Staff Nord", { organizationId: nord.id, role: "staff" });
  const holder = await makeUser("Holder Nord", { organizationId: nord.id });
  const advisor = await makeUser("Advisor Nord", { organizationId: nord.id });
  const memberNotOnDossier = await makeUser("Member Nord", { organizationId: nord.id });
  // A2: a coordinator who is a member of no dossier; T4: a former holder who kept a read-only copy of d1.
  const coordinator = await makeUser("Coordinator Nord", { organizationId: nord.id });
  await db().membership.updateMany({ where: { userId: coordinator.id }, data: { coordinator: true } });
  const sender = await makeUser("Sender Nord", { organizationId: nord.id });
  const referent = await makeUser("Referent");
  const applicant = await makeUser("Applicant");
  const removed = await makeUser("Removed");
  const stranger = await makeUser("Stranger");
  const sudStaff = await makeUser("Staff Sud", { organizationId: sud.id, role: "staff" });
  // A member of Sud who is an applicant on a Nord dossier: roles are per dossier.
  const both = await makeUser("Both", { organizationId: sud.id });
  await db().membership.create({ data: { organizationId: nord.id, userId: both.id, role: "member" } });

  const d1 = await makeDossier(nord.id, [
    { userId: referent.id, role: "referent" },
    { userId: applicant.id, role: "applicant" },
    { userId: holder.id, role: "advisor", holder: true },
    { userId: advisor.id, role: "advisor" },
    { userId: removed.id, role: "applicant" },
    { userId: sender.id, role: "advisor" },
  ]);
  await db().dossierMember.updateMany({
    where: { dossierId: d1.id, userId: sender.id },
    data: { readOnly: true, readOnlySince: new Date(), readOnlySeq: 0 },
  });
  const d2 = await makeDossier(nord.id, [
    { userId: both.id, role: "referent" },
    { userId: holder.id, role: "advisor", holder: true },
  ]);
  const d3 = await makeDossier(sud.id, [
    { userId: referent.id, role: "referent" },
    { userId: both.id, role: "advisor", holder: true },
  ]);
  const d4 = await makeDossier(nord.id, []);
  await db().dossierMember.deleteMany({ where: { dossierId: d1.id, userId: removed.id } });

  const users = [
    admin,
    staff,
    holder,
    advisor,
    memberNotOnDossier,
    referent,
    applicant,
    removed,
    stranger,
    sudStaff,
    both,
    coordinator,
    sender,
  ];
  const dossiers = [d1, d2, d3, d4];
  let visiblePairs = 0;
  for (const u of users) {
    const listed = new Set(
      (await db().dossier.findMany({ where: await visibleDossiersWhere({ userId: u.id }), select: { id: true } })).map(
        (d) => d.id,
      ),
    );
    for (const d of dossiers) {
      const access = await dossierAccess({ userId: u.id }, d.id);
      expect({ user: u.name, dossier: d.title, sql: access !== null }).toEqual({
        user: u.name,
        dossier: d.title,
        sql: listed.has(d.id),
      });
      if (access) visiblePairs++;
    }
  }
  // The matrix is not trivially empty or full: admin and staff see Nord's three dossiers, and so on.
  expect(visiblePairs).toBe(3 + 3 + 2 + 1 + 0 + 2 + 1 + 0 + 0 + 1 + 2 + 0 + 1);
  // T4: the read-only copy reads and does nothing else; A2: the coordinator has nothing at all.
  const copy = await dossierAccess({ userId: sender.id }, d1.id);
  expect(copy).toMatchObject({ roles: ["readonly"], readOnly: true, snapshotSeq: 0 });
  const granted = (Object.keys(dossierPermissions) as DossierAction[]).filter((a) => allows(copy, a));
  expect(granted.sort()).toEqual(["dossier.leave", "dossier.read"]);
  for (const d of dossiers) expect(await dossierAccess({ userId: coordinator.id }, d.id)).toBeNull();
});
