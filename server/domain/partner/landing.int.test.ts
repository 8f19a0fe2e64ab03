// Issue 16 on SQLite and PostgreSQL: a partner lands on "Mes sollicitations" (not an empty dashboard),
// and gives a name on first sign-in so that advisors never read an email address as a name (X7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorById } from "../../auth/actor";
import { db } from "../../db";
import { setPublisher } from "../../realtime/publisher";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { dossierAccess } from "../dossier/policy";
import { attachWithKey, createSolicitation, revokeSolicitation, solicitationsForPanel } from "../solicitation/service";
import { landsOnPartnerList } from "./landing";
import { needsName, setOwnName } from "./name";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
  setPublisher({ dossierEvent() {}, revoke() {}, revokePartner() {} });
});
afterAll(async () => {
  setPublisher(undefined);
  await tdb.cleanup();
});

async function ask(w: Awaited<ReturnType<typeof makeWorld>>, email: string) {
  const res = await createSolicitation(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    kind: "opinion",
    scope: "legal",
    external: true,
    partnerEmail: email,
  });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe("issue 16: partners land on their list", () => {
  it("S2: a partner asked by key (before and after attaching) lands on Mes sollicitations; members and strangers do not", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "land@p.test");
    const partner = await makeUser("", { email: "land@p.test" });
    const a = await actor(partner.id);
    expect(await landsOnPartnerList(a)).toBe(true);
    expect((await attachWithKey(a, { key }, "10.9.0.1")).ok).toBe(true);
    expect(await landsOnPartnerList(a)).toBe(true);
    for (const who of [w.advisor, w.staff, w.referent, w.applicant, w.outsider, w.otherStaff])
      expect(await landsOnPartnerList(await actor(who.id))).toBe(false);
    const stranger = await makeUser("Personne");
    expect(await landsOnPartnerList(await actor(stranger.id))).toBe(false);
  });

  it("S10: a key withdrawn before attaching does not send its address to the partner list", async () => {
    const w = await makeWorld();
    const { solicitationId } = await ask(w, "gone@p.test");
    await revokeSolicitation(await actor(w.advisor.id), { solicitationId });
    const user = await makeUser("Gone", { email: "gone@p.test" });
    expect(await landsOnPartnerList(await actor(user.id))).toBe(false);
  });
});

describe("X7: a partner gives a name on first sign-in", () => {
  it("X7: a partner without a name is asked; the advisors then see that name, never the address", async () => {
    const w = await makeWorld();
    const { key } = await ask(w, "lea.martin@p.test");
    const user = await db().user.create({ data: { email: "lea.martin@p.test" } });
    const a = await actor(user.id);
    expect(await needsName(a)).toBe(true);
    await attachWithKey(a, { key }, "10.9.0.2");
    expect(await setOwnName(a, { name: "  Léa Martin " })).toEqual({ ok: true, value: { name: "Léa Martin" } });
    expect(await needsName(a)).toBe(false);
    expect((await actorById(user.id))!.name).toBe("Léa Martin");
    const adele = await actor(w.advisor.id);
    const [card] = await solicitationsForPanel(adele, (await dossierAccess(adele, w.dossier.id))!);
    expect(card.partnerName).toBe("Léa Martin");
  });

  it("X7: an email, control or invisible-only text, an empty or too long name are refused and change nothing", async () => {
    const user = await db().user.create({ data: { email: "bad.name@p.test" } });
    const a = await actor(user.id);
    for (const name of ["lea@p.test", "Léa\nMartin", "\u200b\u200b", "   ", "x".repeat(101), 42, null])
      expect(await setOwnName(a, { name })).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await setOwnName(a, null)).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await needsName(a)).toBe(true);
    // Bidirectional overrides are cleaned, not kept.
    expect(await setOwnName(a, { name: "Léa \u202eMartin" })).toEqual({ ok: true, value: { name: "Léa Martin" } });
  });
});
