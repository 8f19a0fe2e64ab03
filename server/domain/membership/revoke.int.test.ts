// A3 over real sockets: a removed or leaving member's sockets lose the dossier at once, and cannot
// come back, on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { postMessage } from "../conversation/service";
import { actor, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import type { DossierEventWire } from "../dossier/events";
import { leaveDossier, removeMember } from "./service";

const suite = realtimeSuite();
const client = (userId: string) => suite.client(userId);

describe("A3: revocation", () => {
  it("A3: a removed member's socket receives dossier:revoked, stops receiving the dossier's events, and a re-join is refused", async () => {
    const w = await makeWorld();
    const marie = await client(w.applicant.id);
    const paul = await client(w.referent.id);
    expect(await join(marie, w.dossier.id)).toMatchObject({ ok: true });
    expect(await join(paul, w.dossier.id)).toMatchObject({ ok: true });

    const revoked = nextEvent<{ dossierId: string }>(marie, "dossier:revoked");
    const paulSees = nextEvent<DossierEventWire>(paul, "dossier:event");
    expect(
      (await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: w.applicant.id })).ok,
    ).toBe(true);
    expect(await revoked).toEqual({ dossierId: w.dossier.id });
    expect((await paulSees).type).toBe("member.removed");

    const quiet = noEvent(marie, "dossier:event", 500);
    const paulGetsMessage = nextEvent<DossierEventWire>(paul, "dossier:event");
    expect(
      (
        await postMessage(await actor(w.referent.id), {
          dossierId: w.dossier.id,
          clientId: "after-removal-01",
          body: "Toujours là ?",
        })
      ).ok,
    ).toBe(true);
    expect((await paulGetsMessage).type).toBe("message.created");
    expect(await quiet).toBe(true);

    expect(await join(marie, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    // A fresh connection (a reconnect) does not put her back either.
    const again = await client(w.applicant.id);
    expect(await join(again, w.dossier.id, 0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    // Typing into the lost dossier reaches nobody.
    const noTyping = noEvent(paul, "typing", 300);
    marie.emit("typing", { dossierId: w.dossier.id });
    expect(await noTyping).toBe(true);
  });

  it("A3: a member who leaves loses the rooms of every open tab at once", async () => {
    const w = await makeWorld();
    const tab1 = await client(w.applicant.id);
    const tab2 = await client(w.applicant.id);
    await join(tab1, w.dossier.id);
    await join(tab2, w.dossier.id);
    const both = Promise.all([nextEvent(tab1, "dossier:revoked"), nextEvent(tab2, "dossier:revoked")]);
    expect((await leaveDossier(await actor(w.applicant.id), { dossierId: w.dossier.id })).ok).toBe(true);
    await both;
    const quiet = Promise.all([noEvent(tab1, "dossier:event", 400), noEvent(tab2, "dossier:event", 400)]);
    await postMessage(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      clientId: "after-leave-0001",
      body: "Au revoir",
    });
    expect(await quiet).toEqual([true, true]);
  });

  it("A3: removing a member who is also staff of the organization revokes nothing (they still may see it)", async () => {
    const w = await makeWorld();
    const { db } = await import("../../db");
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: w.staff.id, role: "advisor", side: "advisor" },
    });
    const sam = await client(w.staff.id);
    await join(sam, w.dossier.id);
    const none = noEvent(sam, "dossier:revoked", 400);
    expect((await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: w.staff.id })).ok).toBe(
      true,
    );
    expect(await none).toBe(true);
    expect(await join(sam, w.dossier.id)).toMatchObject({ ok: true });
  });
});
