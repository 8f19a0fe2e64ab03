// S9 (issue 16 item 1): on-behalf entry names its person; the dossier says for whom and by whom; the
// advisor side invites that person to take over as referent.
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { actor, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { afterAll, beforeAll } from "vitest";
import { dossierAccess } from "../dossier/policy";
import { solicitationsForPanel } from "../solicitation/service";
import { makePartner } from "../../test/partners";
import { inviteOnBehalfReferent, nameOnBehalfPerson, onBehalfEntry } from "./on-behalf";
import { partnerView } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

describe("S9: on-behalf entry", () => {
  it("S9: the partner names the person; the dossier says for whom and by whom; only their own on-behalf solicitation, with a valid name and email", async () => {
    const w = await makeWorld();
    const ob = await makePartner(w, { kind: "on_behalf", scope: "financial" }, "Léa Martin");
    const other = await makePartner(w, { kind: "supplement", scope: "financial" }, "Léa Martin");
    const input = {
      dossierId: w.dossier.id,
      solicitationId: ob.solicitationId,
      name: "Jeanne Dupuis",
      email: "Jeanne@Exemple.test",
    };
    expect(await onBehalfEntry(w.dossier.id)).toBeNull();
    for (const [who, bad] of [
      [other.partner, input],
      [other.partner, { ...input, solicitationId: other.solicitationId }],
      [await actor(w.advisor.id), input],
    ] as const)
      expect(await nameOnBehalfPerson(who, bad)).toMatchObject({ ok: false, error: { code: "not_found" } });
    for (const bad of [
      { ...input, email: "pas-une-adresse" },
      { ...input, name: "  " },
      { ...input, name: "A\nB" },
    ])
      expect(await nameOnBehalfPerson(ob.partner, bad)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await nameOnBehalfPerson(ob.partner, input)).ok).toBe(true);
    expect(await onBehalfEntry(w.dossier.id)).toMatchObject({ personName: "Jeanne Dupuis", partnerName: "Léa Martin" });
    expect((await partnerView(ob.partner, w.dossier.id))!.solicitations[0].onBehalf).toEqual({
      name: "Jeanne Dupuis",
      email: "jeanne@exemple.test",
    });
    const adele = await actor(w.advisor.id);
    const cards = await solicitationsForPanel(adele, (await dossierAccess(adele, w.dossier.id))!);
    expect(cards.find((c) => c.id === ob.solicitationId)!.onBehalf).toEqual({
      name: "Jeanne Dupuis",
      email: "jeanne@exemple.test",
    });
  });

  it("S9: the advisor side invites the person to take over as referent: they become referent, the previous referent stays as applicant, an invitation leaves; not twice, not by others", async () => {
    const w = await makeWorld();
    const ob = await makePartner(w, { kind: "on_behalf", scope: "financial" }, "Léa Martin");
    const adele = await actor(w.advisor.id);
    expect(await inviteOnBehalfReferent(adele, { solicitationId: ob.solicitationId })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    await nameOnBehalfPerson(ob.partner, {
      dossierId: w.dossier.id,
      solicitationId: ob.solicitationId,
      name: "Jeanne Dupuis",
      email: "jeanne.dupuis@exemple.test",
    });
    for (const who of [w.referent.id, w.outsider.id, w.otherStaff.id, ob.partner.userId])
      expect(await inviteOnBehalfReferent(await actor(who), { solicitationId: ob.solicitationId })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    const res = await inviteOnBehalfReferent(adele, { solicitationId: ob.solicitationId });
    if (!res.ok) throw new Error(res.error.message);
    const members = await db().dossierMember.findMany({
      where: { dossierId: w.dossier.id, side: "applicant" },
      select: { userId: true, role: true },
    });
    expect(members.find((m) => m.userId === res.value.userId)?.role).toBe("referent");
    expect(members.find((m) => m.userId === w.referent.id)?.role).toBe("applicant");
    expect(members.filter((m) => m.role === "referent")).toHaveLength(1);
    const mail = await db().emailDelivery.findFirst({
      where: { toEmail: "jeanne.dupuis@exemple.test", template: "invitation" },
    });
    expect(mail).not.toBeNull();
    // The same events as a referent's own handover: the timeline says who took over from whom.
    const events = await db().dossierEvent.findMany({
      where: { dossierId: w.dossier.id, type: { in: ["member.added", "dossier.referent_changed"] } },
      orderBy: { seq: "asc" },
      select: { type: true, payload: true, audience: true },
    });
    expect(events.map((e) => [e.type, e.audience, JSON.parse(e.payload).toName ?? JSON.parse(e.payload).name])).toEqual(
      [
        ["member.added", "all", "Jeanne Dupuis"],
        ["dossier.referent_changed", "all", "Jeanne Dupuis"],
      ],
    );
    expect(JSON.stringify(events)).not.toContain("jeanne.dupuis@");
    // The new referent reaches the dossier as a member.
    expect(await dossierAccess({ userId: res.value.userId }, w.dossier.id)).toMatchObject({ side: "applicant" });
    expect(await inviteOnBehalfReferent(adele, { solicitationId: ob.solicitationId })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });
});
