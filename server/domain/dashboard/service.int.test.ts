// The dashboard query per role, its filters and unread counts (D1, D2, C7, N7, A3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeOrganization, makeUser, makeWorld } from "../../test/factories";
import { postMessage } from "../conversation/service";
import { dashboardKind, dashboardOrganizations, dashboardPage, dashboardRows, markRead, unreadCounts } from "./service";
import { filtersFromSearchParams, type DashboardFilters } from "./schema";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

const all = { recent: false, paused: false, mine: false };
let n = 0;
const say = async (userId: string, dossierId: string, body = "msg") => {
  const res = await postMessage(await actor(userId), { dossierId, clientId: `dash-msg-${++n}-abcdef`, body });
  if (!res.ok) throw new Error(res.error.message);
  return res.message;
};

describe("D1: who sees which rows", () => {
  it("A3: another organization's staff sees none of this organization's dossiers, and vice versa", async () => {
    const w = await makeWorld();
    const theirs = await makeDossier(w.other.id, [], "Dossier du Sud");
    const sofia = await dashboardRows(await actor(w.otherStaff.id), all);
    expect(sofia.map((r) => r.id)).toEqual([theirs.id]);
    expect(sofia.every((r) => r.organizationId === w.other.id)).toBe(true);
    const staff = await dashboardRows(await actor(w.staff.id), all);
    expect(staff.map((r) => r.id)).toContain(w.dossier.id);
    expect(staff.map((r) => r.id)).not.toContain(theirs.id);
    expect((await dashboardOrganizations(await actor(w.otherStaff.id))).map((o) => o.id)).toEqual([w.other.id]);
  });

  it("A3: the page's rows and organizations (one visibility clause for both) are what the two reads give apart, per role", async () => {
    const w = await makeWorld();
    const theirs = await makeDossier(w.other.id, [{ userId: w.advisor.id, role: "advisor" }], "Dossier partagé");
    for (const id of [w.staff.id, w.otherStaff.id, w.advisor.id, w.referent.id, w.outsider.id]) {
      const who = await actor(id);
      const page = await dashboardPage(who, all, true);
      expect(page.rows).toEqual(await dashboardRows(who, all));
      expect(page.organizations).toEqual(await dashboardOrganizations(who));
      expect((await dashboardPage(who, all, false)).organizations).toEqual([]);
    }
    // The advisor is a member of a dossier of the other organization: both organizations, only those dossiers.
    const adele = await dashboardPage(await actor(w.advisor.id), all, true);
    expect(adele.rows.map((r) => r.id).sort()).toEqual([w.dossier.id, theirs.id].sort());
    expect(adele.organizations.map((o) => o.id).sort()).toEqual([w.org.id, w.other.id].sort());
    expect((await dashboardPage(await actor(w.outsider.id), all, true)).rows).toEqual([]);
  });

  it("an advisor sees only their own dossiers, staff every dossier of the organization, an applicant their own", async () => {
    const w = await makeWorld();
    const notMine = await makeDossier(w.org.id, [{ userId: w.outsider.id, role: "advisor", holder: true }]);
    const ids = async (id: string) => (await dashboardRows(await actor(id), all)).map((r) => r.id).sort();
    expect(await ids(w.advisor.id)).toEqual([w.dossier.id]);
    expect(await ids(w.staff.id)).toEqual([w.dossier.id, notMine.id].sort());
    expect(await ids(w.referent.id)).toEqual([w.dossier.id]);
    expect(await dashboardKind({ userId: w.advisor.id })).toBe("advisor");
    expect(await dashboardKind({ userId: w.staff.id })).toBe("advisor");
    expect(await dashboardKind({ userId: w.referent.id })).toBe("applicant");
  });
});

describe("D2: filters", () => {
  it("D2: recent activity (30 days, on by default), paused, my dossiers, organization", async () => {
    const org = await makeOrganization();
    const org2 = await makeOrganization();
    const staff = await makeUser("Staff Deux Orgs", { organizationId: org.id, role: "staff" });
    await db().membership.create({ data: { organizationId: org2.id, userId: staff.id, role: "staff" } });
    const now = new Date("2026-11-23T10:00:00Z");
    const fresh = await makeDossier(org.id, [{ userId: staff.id, role: "advisor", holder: true }], "Frais");
    const old = await makeDossier(org.id, [], "Ancien");
    const paused = await makeDossier(org.id, [], "En pause");
    const elsewhere = await makeDossier(org2.id, [], "Ailleurs");
    await db().dossier.update({ where: { id: fresh.id }, data: { lastActivityAt: new Date("2026-11-20T10:00:00Z") } });
    await db().dossier.update({ where: { id: old.id }, data: { lastActivityAt: new Date("2026-09-01T10:00:00Z") } });
    await db().dossier.update({
      where: { id: paused.id },
      data: { lastActivityAt: new Date("2026-11-01T10:00:00Z"), pausedAt: now, pauseCause: "manual" },
    });
    await db().dossier.update({
      where: { id: elsewhere.id },
      data: { lastActivityAt: new Date("2026-11-22T10:00:00Z") },
    });
    const a = await actor(staff.id);
    const titles = async (f: Partial<DashboardFilters>) => (await dashboardRows(a, f, now)).map((r) => r.title);
    expect(await titles(filtersFromSearchParams({}))).toEqual(["Ailleurs", "Frais", "En pause"]);
    expect(await titles(all)).toEqual(["Ailleurs", "Frais", "En pause", "Ancien"]);
    expect(await titles({ ...all, paused: true })).toEqual(["En pause"]);
    expect(await titles({ ...all, mine: true })).toEqual(["Frais"]);
    expect(await titles({ ...all, organizationId: org2.id })).toEqual(["Ailleurs"]);
    expect((await dashboardRows(a, all, now)).find((r) => r.id === paused.id)).toMatchObject({ paused: true });
    expect(filtersFromSearchParams({ f: "1" })).toMatchObject({ recent: false });
    expect(filtersFromSearchParams({ f: "1", recent: "1", paused: "1", org: org.id })).toMatchObject({
      recent: true,
      paused: true,
      organizationId: org.id,
    });
    // A bad query string falls back to the defaults rather than widening anything (the socket's edge
    // refuses bad filters: live.int.test.ts).
    expect(await titles(filtersFromSearchParams({ org: "x".repeat(65) }))).toEqual(["Ailleurs", "Frais", "En pause"]);
    expect((await dashboardOrganizations(a)).map((o) => o.id).sort()).toEqual([org.id, org2.id].sort());
  });

  it("D1: the newest activity comes first", async () => {
    const w = await makeWorld();
    const second = await makeDossier(w.org.id, [
      { userId: w.advisor.id, role: "advisor" },
      { userId: w.referent.id, role: "referent" },
    ]);
    await say(w.referent.id, w.dossier.id);
    await say(w.referent.id, second.id);
    expect((await dashboardRows(await actor(w.advisor.id), all)).map((r) => r.id)).toEqual([second.id, w.dossier.id]);
    await say(w.referent.id, w.dossier.id);
    expect((await dashboardRows(await actor(w.advisor.id), all)).map((r) => r.id)).toEqual([w.dossier.id, second.id]);
  });
});

describe("C7: unread counts", () => {
  it("C7: counts messages by others after the last read seq, per user, staff included", async () => {
    const w = await makeWorld();
    const m1 = await say(w.referent.id, w.dossier.id, "un");
    await say(w.advisor.id, w.dossier.id, "deux");
    await say(w.applicant.id, w.dossier.id, "trois");
    const unread = async (userId: string) =>
      (await dashboardRows(await actor(userId), all)).find((r) => r.id === w.dossier.id)!.unread;
    expect(await unread(w.advisor.id)).toBe(2);
    expect(await unread(w.referent.id)).toBe(2);
    expect(await unread(w.staff.id)).toBe(3);
    expect(await markRead(await actor(w.advisor.id), { dossierId: w.dossier.id, seq: m1.seq })).toMatchObject({
      ok: true,
    });
    expect(await unread(w.advisor.id)).toBe(1);
    const last = await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } });
    expect((await markRead(await actor(w.staff.id), { dossierId: w.dossier.id, seq: last.seq })).ok).toBe(true);
    expect(await unread(w.staff.id)).toBe(0);
    // Others' counts are their own.
    expect(await unread(w.referent.id)).toBe(2);
    await say(w.referent.id, w.dossier.id, "quatre");
    expect(await unread(w.staff.id)).toBe(1);
    expect(await unread(w.referent.id)).toBe(2);
    expect((await unreadCounts(w.staff.id, [])).size).toBe(0);
  });

  it("C7: the read marker never moves back and never passes the dossier's seq", async () => {
    const w = await makeWorld();
    await say(w.referent.id, w.dossier.id);
    await say(w.referent.id, w.dossier.id);
    const a = await actor(w.advisor.id);
    expect(await markRead(a, { dossierId: w.dossier.id, seq: 2 })).toMatchObject({
      ok: true,
      value: { lastReadSeq: 2 },
    });
    expect(await markRead(a, { dossierId: w.dossier.id, seq: 1 })).toMatchObject({
      ok: true,
      value: { lastReadSeq: 2 },
    });
    expect(await markRead(a, { dossierId: w.dossier.id, seq: 9999 })).toMatchObject({
      ok: true,
      value: { lastReadSeq: 2 },
    });
  });

  it("A1: marking read is refused to those who may not see the dossier, and bad input changes nothing", async () => {
    const w = await makeWorld();
    for (const who of [w.otherStaff, w.outsider]) {
      expect(await markRead(await actor(who.id), { dossierId: w.dossier.id, seq: 1 })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    const a = await actor(w.advisor.id);
    expect(await markRead(a, { dossierId: w.dossier.id, seq: -1 })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await markRead(a, { dossierId: w.dossier.id, seq: "3" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await db().dossierRead.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });
});
