// Dossier creation and membership by each role (issue item 1, A1, A3, A4, N6), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { createDossier, inviteMembers, leaveDossier, removeMember } from "./service";
import { rendered } from "../../test/mail";

// The outbox can be made to fail, to prove the invitation shares the membership's transaction (N6).
const outbox = vi.hoisted(() => ({ fail: false }));
vi.mock("../outbox/queries", async (importOriginal) => {
  const real = await importOriginal<typeof import("../outbox/queries")>();
  return {
    ...real,
    recordEmail: async (...args: Parameters<typeof real.recordEmail>) => {
      if (outbox.fail) throw new Error("outbox down");
      return real.recordEmail(...args);
    },
  };
});

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

const members = async (dossierId: string) =>
  (
    await db().dossierMember.findMany({ where: { dossierId }, select: { userId: true, role: true, holder: true } })
  ).sort((a, b) => a.userId.localeCompare(b.userId));
const events = (dossierId: string) => db().dossierEvent.findMany({ where: { dossierId }, orderBy: { seq: "asc" } });
const snapshot = async (dossierId: string) => ({
  members: await members(dossierId),
  events: (await events(dossierId)).length,
  mails: await db().emailDelivery.count(),
});

describe("create a dossier", () => {
  it("an advisor creates a dossier: holder, referent, members, one invitation each in the outbox", async () => {
    const w = await makeWorld();
    const colleague = await makeUser("Arnaud Coll", { organizationId: w.org.id, locale: "en" });
    const res = await createDossier(await actor(w.advisor.id), {
      organizationId: w.org.id,
      title: "Nouveau projet",
      referentEmail: "Nouvelle.Referente@exemple.test",
      applicantEmails: [w.applicant.email],
      advisorEmails: [colleague.email],
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const d = await db().dossier.findUniqueOrThrow({
      where: { id: res.value.dossierId },
      include: { members: { include: { user: true } } },
    });
    expect(d.organizationId).toBe(w.org.id);
    const byEmail = new Map(d.members.map((m) => [m.user.email, m]));
    expect(byEmail.get(w.advisor.email)).toMatchObject({ role: "advisor", holder: true, side: "advisor" });
    expect(byEmail.get("nouvelle.referente@exemple.test")).toMatchObject({ role: "referent", side: "applicant" });
    expect(byEmail.get(w.applicant.email)).toMatchObject({ role: "applicant", side: "applicant" });
    expect(byEmail.get(colleague.email)).toMatchObject({ role: "advisor", holder: false });
    const mails = (await db().emailDelivery.findMany({ where: { dossierId: d.id } })).map(rendered);
    expect(mails.map((m) => m.toEmail).sort()).toEqual(
      ["nouvelle.referente@exemple.test", w.applicant.email, colleague.email].sort(),
    );
    expect(
      mails.every(
        (m) => m.kind === "transactional" && m.template === "invitation" && m.text.includes(`/dossiers/${d.id}`),
      ),
    ).toBe(true);
    // In the invitee's language.
    expect(mails.find((m) => m.toEmail === colleague.email)).toMatchObject({ locale: "en" });
    expect(mails.find((m) => m.toEmail === w.applicant.email)?.subject).toMatch(/invité/);
    const ev = await events(d.id);
    expect(ev.map((e) => e.type)).toEqual([
      "dossier.created",
      "member.added",
      "member.added",
      "member.added",
      "member.added",
    ]);
    expect(ev.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // A4: applicant-visible payloads carry no email address.
    expect(ev.every((e) => e.audience === "all" && !e.payload.includes("@"))).toBe(true);
  });

  it("staff creates a dossier without becoming a member; the first advisor listed holds it", async () => {
    const w = await makeWorld();
    const res = await createDossier(await actor(w.staff.id), {
      organizationId: w.org.id,
      title: "Par le staff",
      referentEmail: w.referent.email,
      advisorEmails: [w.outsider.email],
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const ms = await members(res.value.dossierId);
    expect(ms.some((m) => m.userId === w.staff.id)).toBe(false);
    expect(ms.find((m) => m.userId === w.outsider.id)).toMatchObject({ role: "advisor", holder: true });
  });

  it("A3: an applicant, another organization's staff or an outsider cannot create a dossier in the organization", async () => {
    const w = await makeWorld();
    const before = await db().dossier.count();
    for (const who of [w.referent, w.applicant, w.otherStaff]) {
      const res = await createDossier(await actor(who.id), {
        organizationId: w.org.id,
        title: "Non",
        referentEmail: "x@exemple.test",
      });
      expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await db().dossier.count()).toBe(before);
  });

  it("invalid emails and advisors outside the organization are refused, nothing created", async () => {
    const w = await makeWorld();
    const a = await actor(w.advisor.id);
    const before = {
      dossiers: await db().dossier.count(),
      users: await db().user.count(),
      mails: await db().emailDelivery.count(),
    };
    const bad = await createDossier(a, {
      organizationId: w.org.id,
      title: "T",
      referentEmail: "pas-un-email",
      applicantEmails: [],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "invalid", message: expect.stringContaining("pas-un-email") },
    });
    const badApplicant = await createDossier(a, {
      organizationId: w.org.id,
      title: "T",
      referentEmail: "ok@exemple.test",
      applicantEmails: ["new@exemple.test", "nope@"],
    });
    expect(badApplicant).toMatchObject({ ok: false, error: { code: "invalid" } });
    const foreignAdvisor = await createDossier(a, {
      organizationId: w.org.id,
      title: "T",
      referentEmail: "ok@exemple.test",
      advisorEmails: [w.otherStaff.email],
    });
    expect(foreignAdvisor).toMatchObject({
      ok: false,
      error: { code: "invalid", message: expect.stringContaining(w.otherStaff.email) },
    });
    expect(
      await createDossier(a, { organizationId: w.org.id, title: "   ", referentEmail: "ok@exemple.test" }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect({
      dossiers: await db().dossier.count(),
      users: await db().user.count(),
      mails: await db().emailDelivery.count(),
    }).toEqual(before);
  });
});

describe("invite", () => {
  it("an advisor invites an unknown applicant: the user is created, added, and the invitation is in the outbox of the same transaction", async () => {
    const w = await makeWorld();
    const res = await inviteMembers(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      side: "applicant",
      emails: ["Inconnu@Exemple.test"],
    });
    expect(res.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { email: "inconnu@exemple.test" } });
    expect((await members(w.dossier.id)).find((m) => m.userId === user.id)).toMatchObject({ role: "applicant" });
    const mail = await db().emailDelivery.findFirstOrThrow({ where: { userId: user.id } });
    expect(mail).toMatchObject({
      kind: "transactional",
      template: "invitation",
      dossierId: w.dossier.id,
      status: "pending",
    });
    const ev = (await events(w.dossier.id)).at(-1)!;
    expect(ev.type).toBe("member.added");
    expect(ev.payload).not.toContain("@");
  });

  it("N6: the invitation row is written in the membership's transaction: if it fails, nothing is added", async () => {
    const w = await makeWorld();
    const a = await actor(w.advisor.id);
    const before = await snapshot(w.dossier.id);
    outbox.fail = true;
    try {
      await expect(
        inviteMembers(a, { dossierId: w.dossier.id, side: "applicant", emails: ["tombe@exemple.test"] }),
      ).rejects.toThrow("outbox down");
    } finally {
      outbox.fail = false;
    }
    expect(await snapshot(w.dossier.id)).toEqual(before);
    expect(await db().user.count({ where: { email: "tombe@exemple.test" } })).toBe(0);
    expect(
      (await inviteMembers(a, { dossierId: w.dossier.id, side: "applicant", emails: ["tombe@exemple.test"] })).ok,
    ).toBe(true);
    const after = await snapshot(w.dossier.id);
    expect(after.members.length).toBe(before.members.length + 1);
    expect(after.mails).toBe(before.mails + 1);
  });

  it("staff invites an advisor of the organization; an advisor outside it is refused", async () => {
    const w = await makeWorld();
    const s = await actor(w.staff.id);
    expect((await inviteMembers(s, { dossierId: w.dossier.id, side: "advisor", emails: [w.outsider.email] })).ok).toBe(
      true,
    );
    expect((await members(w.dossier.id)).find((m) => m.userId === w.outsider.id)).toMatchObject({ role: "advisor" });
    const before = await snapshot(w.dossier.id);
    expect(
      await inviteMembers(s, { dossierId: w.dossier.id, side: "advisor", emails: [w.otherStaff.email] }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await inviteMembers(s, { dossierId: w.dossier.id, side: "advisor", emails: ["nouveau@exemple.test"] }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await snapshot(w.dossier.id)).toEqual(before);
  });

  it("A1: the referent, an applicant, another organization's staff and a non-member cannot invite", async () => {
    const w = await makeWorld();
    const before = await snapshot(w.dossier.id);
    for (const who of [w.referent, w.applicant, w.otherStaff, w.outsider]) {
      const res = await inviteMembers(await actor(who.id), {
        dossierId: w.dossier.id,
        side: "applicant",
        emails: ["quelqu.un@exemple.test"],
      });
      expect(res).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await snapshot(w.dossier.id)).toEqual(before);
    expect(await db().user.count({ where: { email: "quelqu.un@exemple.test" } })).toBe(0);
  });

  it("invalid emails are refused and nothing changes; existing members are skipped", async () => {
    const w = await makeWorld();
    const a = await actor(w.advisor.id);
    const before = await snapshot(w.dossier.id);
    expect(
      await inviteMembers(a, { dossierId: w.dossier.id, side: "applicant", emails: ["ok@exemple.test", "pas bon"] }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await inviteMembers(a, { dossierId: w.dossier.id, side: "applicant", emails: [] })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(
      await inviteMembers(a, { dossierId: w.dossier.id, side: "nobody", emails: ["ok@exemple.test"] }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await snapshot(w.dossier.id)).toEqual(before);
    const again = await inviteMembers(a, { dossierId: w.dossier.id, side: "applicant", emails: [w.applicant.email] });
    expect(again).toMatchObject({ ok: true, value: { added: [], skipped: 1 } });
    expect(await snapshot(w.dossier.id)).toEqual(before);
  });
});

describe("remove", () => {
  it("an advisor removes an applicant: member gone, event written, access lost (404)", async () => {
    const w = await makeWorld();
    const res = await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: w.applicant.id });
    expect(res.ok).toBe(true);
    expect((await members(w.dossier.id)).some((m) => m.userId === w.applicant.id)).toBe(false);
    const ev = (await events(w.dossier.id)).at(-1)!;
    expect(ev).toMatchObject({ type: "member.removed", audience: "all" });
    expect(JSON.parse(ev.payload)).toMatchObject({ userId: w.applicant.id });
    expect(ev.payload).not.toContain("@");
    // And a later attempt by the removed member is 404.
    expect(await leaveDossier(await actor(w.applicant.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("staff removes an advisor", async () => {
    const w = await makeWorld();
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: w.outsider.id, role: "advisor", side: "advisor" },
    });
    expect((await removeMember(await actor(w.staff.id), { dossierId: w.dossier.id, userId: w.outsider.id })).ok).toBe(
      true,
    );
    expect((await members(w.dossier.id)).some((m) => m.userId === w.outsider.id)).toBe(false);
  });

  it("the referent cannot be removed, nor the holder (transfer first)", async () => {
    const w = await makeWorld();
    const before = await snapshot(w.dossier.id);
    const s = await actor(w.staff.id);
    expect(await removeMember(s, { dossierId: w.dossier.id, userId: w.referent.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await removeMember(s, { dossierId: w.dossier.id, userId: w.advisor.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await snapshot(w.dossier.id)).toEqual(before);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: w.dossier.id } })).seq).toBe(0);
  });

  it("A1: the referent, an applicant, another organization's staff and a non-member cannot remove", async () => {
    const w = await makeWorld();
    const before = await snapshot(w.dossier.id);
    for (const who of [w.referent, w.applicant, w.otherStaff, w.outsider]) {
      expect(
        await removeMember(await actor(who.id), {
          dossierId: w.dossier.id,
          userId: w.applicant.id === who.id ? w.referent.id : w.applicant.id,
        }),
      ).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(
      await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: w.outsider.id }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await snapshot(w.dossier.id)).toEqual(before);
  });
});

describe("leave", () => {
  it("an applicant member and an advisor leave by themselves", async () => {
    const w = await makeWorld();
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: w.outsider.id, role: "advisor", side: "advisor" },
    });
    expect((await leaveDossier(await actor(w.applicant.id), { dossierId: w.dossier.id })).ok).toBe(true);
    expect((await leaveDossier(await actor(w.outsider.id), { dossierId: w.dossier.id })).ok).toBe(true);
    expect((await members(w.dossier.id)).map((m) => m.userId).sort()).toEqual([w.referent.id, w.advisor.id].sort());
    expect((await events(w.dossier.id)).map((e) => e.type)).toEqual(["member.left", "member.left"]);
  });

  it("the referent cannot leave; nor the holder, staff who are not members, another organization's staff", async () => {
    const w = await makeWorld();
    const before = await snapshot(w.dossier.id);
    expect(await leaveDossier(await actor(w.referent.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await leaveDossier(await actor(w.advisor.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await leaveDossier(await actor(w.staff.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await leaveDossier(await actor(w.otherStaff.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await leaveDossier(await actor(w.outsider.id), { dossierId: w.dossier.id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(w.dossier.id)).toEqual(before);
  });
});
