// The header's menu by role (issue 17): each role sees only the pages it can use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { headerNav } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

const hrefs = async (userId: string) => {
  const nav = await headerNav(await actor(userId));
  return {
    links: nav.links.map((l) => l.href),
    admin: nav.admin.map((l) => l.href),
    quickAdd: nav.quickAdd,
    search: nav.search,
  };
};

describe("A1: the header by role", () => {
  it("A1: applicants get their dossiers and settings only: no partner list, no quick add, no administration", async () => {
    const w = await makeWorld();
    for (const id of [w.referent.id, w.applicant.id])
      expect(await hrefs(id)).toEqual({
        links: ["/dashboard", "/settings/conversations"],
        admin: [],
        quickAdd: false,
        search: true,
      });
  });

  it("A1: advisors get quick add and search; staff the deliveries; admins every administration page; coordinators coordination", async () => {
    const w = await makeWorld();
    expect(await hrefs(w.advisor.id)).toEqual({
      links: ["/dashboard", "/invoices", "/settings/conversations"],
      admin: [],
      quickAdd: true,
      search: true,
    });
    expect((await hrefs(w.staff.id)).admin).toEqual(["/admin/emails"]);
    const admin = await makeUser("Alice Test", { organizationId: w.org.id, role: "admin" });
    expect((await hrefs(admin.id)).admin).toEqual([
      "/admin/emails",
      "/admin/users",
      "/admin/templates",
      "/admin/reminders",
      "/admin/billing",
    ]);
    await db().membership.updateMany({ where: { userId: w.advisor.id }, data: { coordinator: true } });
    expect((await hrefs(w.advisor.id)).links).toEqual([
      "/dashboard",
      "/invoices",
      "/coordination",
      "/settings/conversations",
    ]);
    // Another organization's staff: their own deliveries page, nothing of this organization's coordination.
    expect(await hrefs(w.otherStaff.id)).toMatchObject({ admin: ["/admin/emails"], quickAdd: true });
  });

  it("A1: a partner gets their solicitations, not an empty dossier list; a newcomer gets both ways in", async () => {
    const w = await makeWorld();
    const pierre = await makeUser("Pierre Test");
    await db().solicitation.create({
      data: {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "technical",
        external: true,
        partnerEmail: pierre.email,
        partnerUserId: pierre.id,
        askedById: w.advisor.id,
      },
    });
    expect(await hrefs(pierre.id)).toEqual({
      links: ["/partners", "/settings/conversations"],
      admin: [],
      quickAdd: false,
      search: false,
    });
    const nobody = await makeUser("Nouveau Test");
    expect((await hrefs(nobody.id)).links).toEqual(["/dashboard", "/partners", "/settings/conversations"]);
  });
});
