// The preference gate's decision table (N8): frequency × participation × pause × side × kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { makeDossier, makeOrganization, makeUser, makeWorld } from "../../test/factories";
import { allowedRecipients, GATE_FACTS, gateDecisions, mayEmail, type GateKind } from "./gate";
import type { Frequency } from "./schema";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
  w = await makeWorld();
});
afterAll(() => tdb.cleanup());

async function setFrequency(userId: string, frequency: Frequency) {
  await db().notificationSettings.upsert({ where: { userId }, create: { userId, frequency }, update: { frequency } });
}
async function setPaused(dossierId: string, paused: boolean) {
  await db().dossier.update({ where: { id: dossierId }, data: { pausedAt: paused ? new Date() : null } });
}

describe("N8: the preference gate", () => {
  const table: { frequency: Frequency; kind: GateKind; expected: "send" | "digest" | "refuse" }[] = [
    { frequency: "immediately", kind: "notification", expected: "send" },
    { frequency: "daily", kind: "notification", expected: "digest" },
    { frequency: "weekly", kind: "notification", expected: "digest" },
    { frequency: "never", kind: "notification", expected: "refuse" },
    { frequency: "immediately", kind: "digest", expected: "refuse" },
    { frequency: "daily", kind: "digest", expected: "send" },
    { frequency: "weekly", kind: "digest", expected: "send" },
    { frequency: "never", kind: "digest", expected: "refuse" },
    { frequency: "immediately", kind: "reminder", expected: "send" },
    { frequency: "daily", kind: "reminder", expected: "send" },
    { frequency: "weekly", kind: "reminder", expected: "send" },
    { frequency: "never", kind: "reminder", expected: "refuse" },
  ];
  for (const side of ["applicant", "advisor"] as const) {
    for (const paused of [false, true]) {
      for (const row of table) {
        const expected = paused && side === "applicant" ? "refuse" : row.expected;
        it(`N1, N8, P4: ${side} side, ${paused ? "paused" : "active"} dossier, ${row.frequency}, ${row.kind} → ${expected}`, async () => {
          const userId = side === "applicant" ? w.referent.id : w.advisor.id;
          await setFrequency(userId, row.frequency);
          await setPaused(w.dossier.id, paused);
          const [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: row.kind, candidates: [userId] });
          expect(d.decision).toBe(expected);
          expect(d.side).toBe(side);
          if (paused && side === "applicant") expect(d.reason).toBe(row.frequency === "never" ? "never" : "paused");
          expect(await mayEmail(db(), { dossierId: w.dossier.id, kind: row.kind, userId })).toBe(expected === "send");
        });
      }
    }
  }

  it("P4: the same applicant's other dossier still notifies while one is paused", async () => {
    await setFrequency(w.referent.id, "immediately");
    const other = await makeDossier(w.org.id, [
      { userId: w.referent.id, role: "referent" },
      { userId: w.advisor.id, role: "advisor", holder: true },
    ]);
    await setPaused(w.dossier.id, true);
    expect(await mayEmail(db(), { dossierId: w.dossier.id, kind: "notification", userId: w.referent.id })).toBe(false);
    expect(await mayEmail(db(), { dossierId: other.id, kind: "notification", userId: w.referent.id })).toBe(true);
    await setPaused(w.dossier.id, false);
  });

  it("N3: participation leaves out advisors with the switch off, unless chosen explicitly; applicant side unaffected", async () => {
    await setFrequency(w.advisor.id, "immediately");
    await setFrequency(w.referent.id, "immediately");
    const colleague = await makeUser("Collegue Gate", { organizationId: w.org.id });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: colleague.id, side: "advisor", role: "advisor" },
    });
    // Defaults: from applicants on, to applicants off.
    let to = await allowedRecipients(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [w.advisor.id, colleague.id],
      participation: "fromApplicants",
    });
    expect(to.map((r) => r.userId).sort()).toEqual([w.advisor.id, colleague.id].sort());
    to = await allowedRecipients(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [w.advisor.id, colleague.id, w.referent.id],
      participation: "toApplicants",
    });
    expect(to.map((r) => r.userId)).toEqual([w.referent.id]);
    await db().dossierParticipation.create({
      data: { userId: colleague.id, dossierId: w.dossier.id, fromApplicants: false, toApplicants: true },
    });
    to = await allowedRecipients(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [w.advisor.id, colleague.id],
      participation: "fromApplicants",
    });
    expect(to.map((r) => r.userId)).toEqual([w.advisor.id]);
    const decisions = await gateDecisions(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [colleague.id],
      participation: "fromApplicants",
    });
    expect(decisions[0]).toMatchObject({ decision: "refuse", reason: "not_participating" });
    // C2: chosen by the sender, a non-participant receives it.
    to = await allowedRecipients(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [{ userId: colleague.id, chosen: true }],
      participation: "fromApplicants",
    });
    expect(to.map((r) => r.userId)).toEqual([colleague.id]);
    to = await allowedRecipients(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [w.advisor.id, colleague.id],
      participation: "toApplicants",
    });
    expect(to.map((r) => r.userId)).toEqual([colleague.id]);
  });

  it("A3, N8: people without access (outsider, other organization's staff) are refused; staff of the org pass", async () => {
    const d = await gateDecisions(db(), {
      dossierId: w.dossier.id,
      kind: "notification",
      candidates: [w.outsider.id, w.otherStaff.id, w.staff.id],
    });
    const by = Object.fromEntries(d.map((x) => [x.userId, x]));
    expect(by[w.outsider.id]).toMatchObject({ decision: "refuse", reason: "no_access" });
    expect(by[w.otherStaff.id]).toMatchObject({ decision: "refuse", reason: "no_access" });
    expect(by[w.staff.id]).toMatchObject({ decision: "send", side: "advisor" });
  });

  it("A3, N8: one candidate alone (a digest's, mayEmail's question) without access is refused as such", async () => {
    for (const u of [w.outsider, w.otherStaff]) {
      const [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: "digest", candidates: [u.id] });
      expect(d).toMatchObject({ userId: u.id, decision: "refuse", reason: "no_access" });
    }
    const [staff] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: "reminder", candidates: [w.staff.id] });
    expect(staff).toMatchObject({ userId: w.staff.id, decision: "send", side: "advisor" });
  });

  it("T4, X1: a read-only copy's holder and a deactivated member hear nothing, alone or among others", async () => {
    const kept = await makeUser("Read-only Gate", { organizationId: w.org.id, role: "member" });
    const gone = await makeUser("Deactivated Gate", { organizationId: w.org.id, role: "member" });
    await db().dossierMember.createMany({
      data: [
        { dossierId: w.dossier.id, userId: kept.id, side: "advisor", role: "advisor", readOnly: true },
        { dossierId: w.dossier.id, userId: gone.id, side: "advisor", role: "advisor" },
      ],
    });
    await db().user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    for (const u of [kept, gone]) {
      const [alone] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: "reminder", candidates: [u.id] });
      expect(alone).toMatchObject({ decision: "refuse", reason: "no_access" });
    }
    const many = await gateDecisions(db(), {
      dossierId: w.dossier.id,
      kind: "reminder",
      candidates: [kept.id, gone.id, w.staff.id],
    });
    expect(many.map((d) => [d.userId, d.reason ?? d.decision])).toEqual([
      [kept.id, "no_access"],
      [gone.id, "no_access"],
      [w.staff.id, "send"],
    ]);
  });

  it("N5, N8: an unsubscribed user gets nothing of any kind, with the reason recorded", async () => {
    await db().notificationSettings.upsert({
      where: { userId: w.applicant.id },
      create: { userId: w.applicant.id, frequency: "never", unsubscribedAt: new Date() },
      update: { frequency: "never", unsubscribedAt: new Date() },
    });
    for (const kind of ["notification", "digest", "reminder"] as const) {
      const [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind, candidates: [w.applicant.id] });
      expect(d).toMatchObject({ decision: "refuse", reason: "unsubscribed" });
    }
  });

  it("N2: the decision carries the notification language: settings first, else the profile's", async () => {
    const u = await makeUser("Lang Gate", { organizationId: w.org.id, locale: "en" });
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: u.id, side: "advisor", role: "advisor" },
    });
    let [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: "notification", candidates: [u.id] });
    expect(d.locale).toBe("en");
    await db().notificationSettings.create({ data: { userId: u.id, locale: "fr" } });
    [d] = await gateDecisions(db(), { dossierId: w.dossier.id, kind: "notification", candidates: [u.id] });
    expect(d.locale).toBe("fr");
  });

  it("N8: an unknown dossier or no candidates gives nobody", async () => {
    expect(await allowedRecipients(db(), { dossierId: "nope", kind: "digest", candidates: [w.advisor.id] })).toEqual(
      [],
    );
    expect(await allowedRecipients(db(), { dossierId: w.dossier.id, kind: "digest", candidates: [] })).toEqual([]);
  });
});

type PlanNode = { "Actual Loops"?: number; "Node Type": string; Plans?: PlanNode[] };
const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

describe("issue 18: the gate's work follows its candidates, not the organization", () => {
  it("N8, on PostgreSQL: no step of the facts' plan runs once per staff member of a 2,000-staff organization (on SQLite: its planner never did)", async () => {
    if (tdb.provider !== "postgres") return expect(tdb.url).toMatch(/^file:/);
    const org = await makeOrganization("Grande agence");
    const ids = Array.from({ length: 2000 }, (_, i) => `gate-plan-staff-${i}`);
    await db().user.createMany({ data: ids.map((id) => ({ id, name: id, email: `${id}@test.test` })) });
    await db().membership.createMany({
      data: ids.map((userId) => ({ organizationId: org.id, userId, role: "staff" })),
    });
    const holder = await makeUser("Titulaire Grande", { organizationId: org.id });
    const applicant = await makeUser("Demandeur Grande");
    const dossier = await makeDossier(org.id, [
      { userId: applicant.id, role: "referent" },
      { userId: holder.id, role: "advisor", holder: true },
    ]);
    await db().$executeRawUnsafe(`ANALYZE`);
    const rows = await db().$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${GATE_FACTS.postgres}`,
      dossier.id,
      JSON.stringify([applicant.id, holder.id, ids[7]]),
    );
    const nodes = planNodes(rows[0]["QUERY PLAN"][0].Plan);
    // The statement written as "u.id IN (members UNION staff)" ran its union once per User row: a node
    // with thousands of loops (5,120 on the bench's fixture, 11.6 s). Per candidate is at most 3 here.
    expect(Math.max(...nodes.map((n) => n["Actual Loops"] ?? 0))).toBeLessThanOrEqual(3);
    const decisions = await gateDecisions(db(), {
      dossierId: dossier.id,
      kind: "reminder",
      candidates: [applicant.id, holder.id, ids[7]],
    });
    expect(decisions.map((d) => [d.userId, d.side, d.decision])).toEqual([
      [applicant.id, "applicant", "send"],
      [holder.id, "advisor", "send"],
      [ids[7], "advisor", "send"],
    ]);
  });
});
