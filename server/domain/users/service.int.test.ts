// User management (T1, X1) and the coordination page (T5, A2). Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actorById } from "../../auth/actor";
import { db } from "../../db";
import { setPublisher } from "../../realtime/publisher";
import { useTestDatabase } from "../../test/db";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { coordinationPage } from "../coordination/service";
import { requestTransfer } from "../transfer/service";
import { changeRole, deactivateUser, setCoordinator, usersPage } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let cut: string[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase();
  setPublisher({ dossierEvent() {}, revoke() {}, revokeUser: (u) => cut.push(u) });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});
beforeEach(() => {
  cut = [];
});

async function world() {
  const w = await makeWorld();
  const admin = await makeUser("Alice Test", { organizationId: w.org.id, role: "admin" });
  const colleague = await makeUser("Arnaud Test", { organizationId: w.org.id });
  await db().user.update({ where: { id: w.advisor.id }, data: { title: "Architecte" } });
  return { ...w, admin, colleague };
}

describe("T1: admins manage users", () => {
  it("T1: only an admin grants or removes the coordinator flag, and only with the confirmation; each change is audited with who and when", async () => {
    const w = await world();
    const input = { organizationId: w.org.id, userId: w.colleague.id, coordinator: true };
    expect(await setCoordinator(await actor(w.admin.id), input)).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await setCoordinator(await actor(w.admin.id), { ...input, confirmed: false })).toMatchObject({ ok: false });
    for (const who of [w.staff, w.advisor, w.otherStaff])
      expect(await setCoordinator(await actor(who.id), { ...input, confirmed: true })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    expect((await db().membership.findFirstOrThrow({ where: { userId: w.colleague.id } })).coordinator).toBe(false);
    expect(await setCoordinator(await actor(w.admin.id), { ...input, confirmed: true })).toEqual({
      ok: true,
      value: { coordinator: true },
    });
    expect((await setCoordinator(await actor(w.admin.id), { ...input, coordinator: false, confirmed: true })).ok).toBe(
      true,
    );
    const page = (await usersPage(await actor(w.admin.id)))!;
    expect(page.organizations[0].audit.map((a) => [a.action, a.actorName, a.targetName])).toEqual([
      ["coordinator.removed", "Alice Test", "Arnaud Test"],
      ["coordinator.granted", "Alice Test", "Arnaud Test"],
    ]);
    expect(await usersPage(await actor(w.staff.id))).toBeNull();
  });

  it("T1: the users list shows role, title and active dossiers; a role change is audited and cuts the user's sockets", async () => {
    const w = await world();
    const page = (await usersPage(await actor(w.admin.id)))!;
    const adele = page.organizations[0].users.find((u) => u.id === w.advisor.id)!;
    expect(adele).toMatchObject({ role: "member", title: "Architecte", activeDossiers: 1, deactivated: false });
    expect(page.organizations[0].users.some((u) => u.id === w.otherStaff.id)).toBe(false);
    expect(
      (await changeRole(await actor(w.admin.id), { organizationId: w.org.id, userId: w.advisor.id, role: "staff" })).ok,
    ).toBe(true);
    expect(cut).toEqual([w.advisor.id]);
    expect(
      await changeRole(await actor(w.admin.id), { organizationId: w.org.id, userId: w.advisor.id, role: "king" }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await changeRole(await actor(w.staff.id), { organizationId: w.org.id, userId: w.advisor.id, role: "admin" }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("X1: a deactivated user is no actor anymore (no page, action or socket), their sockets are cut, and no transfer can be sent to them", async () => {
    const w = await world();
    await db().session.create({
      data: { sessionToken: "tok-1", userId: w.colleague.id, expires: new Date(Date.now() + 3600_000) },
    });
    expect(
      (await deactivateUser(await actor(w.admin.id), { organizationId: w.org.id, userId: w.colleague.id })).ok,
    ).toBe(true);
    expect(await actorById(w.colleague.id)).toBeNull();
    expect(await db().session.count({ where: { userId: w.colleague.id } })).toBe(0);
    expect(cut).toEqual([w.colleague.id]);
    const res = await requestTransfer(await actor(w.advisor.id), { dossierId: w.dossier.id, toUserId: w.colleague.id });
    expect(res).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await deactivateUser(await actor(w.advisor.id), { organizationId: w.org.id, userId: w.admin.id }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("T5, A2: the coordination page", () => {
  it("T5, A2: a coordinator sees practitioners with name, email, title, active dossiers and pending transfers, never a dossier's content; others get 404", async () => {
    const w = await world();
    await db().membership.updateMany({ where: { userId: w.colleague.id }, data: { coordinator: true } });
    await db().message.create({
      data: {
        dossierId: w.dossier.id,
        authorId: w.referent.id,
        clientId: "m1",
        body: "Contenu privé du dossier",
        seq: 1,
      },
    });
    expect(
      (await requestTransfer(await actor(w.advisor.id), { dossierId: w.dossier.id, toUserId: w.outsider.id })).ok,
    ).toBe(true);
    const page = (await coordinationPage(await actor(w.colleague.id)))!;
    expect(page.organizations.map((o) => o.id)).toEqual([w.org.id]);
    const adele = page.organizations[0].practitioners.find((p) => p.id === w.advisor.id)!;
    expect(adele).toMatchObject({ name: "Adele Test", title: "Architecte", activeDossiers: 1, pendingTransfers: 1 });
    expect(adele.email).toContain("@");
    expect(JSON.stringify(page)).not.toContain("Contenu privé");
    for (const who of [w.admin, w.staff, w.advisor, w.otherStaff])
      expect(await coordinationPage(await actor(who.id))).toBeNull();
  });
});
