// A1, A3, A4, K7 over real Socket.IO: billing events reach the dossier's advisor side live and never an
// applicant-side viewer (nor in catch-up); a client made inactive loses the dossier's socket at once.
import { expect, it } from "vitest";
import { db } from "../../db";
import { actor, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import type { DossierEventWire } from "../dossier/events";
import { addParty, createActivity, setClientActive, setPortalSharing } from "./service";

const suite = realtimeSuite();

it("A4: a new activity reaches advisors and staff live; the applicant side gets nothing, live or in catch-up", async () => {
  const w = await makeWorld();
  const adv = await actor(w.advisor.id);
  const c = await db().contact.create({ data: { organizationId: w.org.id, name: "Client Live" } });
  const party = await addParty(adv, { dossierId: w.dossier.id, contactId: c.id, role: "client" });
  if (!party.ok) throw new Error("setup");
  const [adele, staff, marie] = await Promise.all([
    suite.client(w.advisor.id),
    suite.client(w.staff.id),
    suite.client(w.applicant.id),
  ]);
  for (const s of [adele, staff, marie]) expect(await join(s, w.dossier.id, 1)).toMatchObject({ ok: true });
  const seen = [adele, staff].map((s) => nextEvent<DossierEventWire>(s, "dossier:event"));
  const silent = noEvent(marie, "dossier:event", 800);
  await createActivity(adv, {
    kind: "expense",
    dossierId: w.dossier.id,
    description: "Frais",
    date: "2026-11-20",
    amountCents: 1234,
  });
  for (const e of await Promise.all(seen)) expect(e).toMatchObject({ type: "activity.created", seq: 2 });
  expect(await silent).toBe(true);
  // Catch-up from 0: the applicant gets none of the billing events, the advisor all of them.
  const marieAgain = await suite.client(w.applicant.id);
  const caught = (await join(marieAgain, w.dossier.id, 0)) as { ok: boolean; events?: DossierEventWire[] };
  expect(caught.ok).toBe(true);
  expect(caught.events ?? []).toEqual([]);
  const adeleAgain = await suite.client(w.advisor.id);
  const all = (await join(adeleAgain, w.dossier.id, 0)) as { ok: boolean; events?: DossierEventWire[] };
  expect((all.events ?? []).map((e) => e.type)).toEqual(["party.added", "activity.created"]);
});

it("K7, A3: the portal client's open socket is told and leaves the dossier when the client is made inactive", async () => {
  const w = await makeWorld();
  const adv = await actor(w.advisor.id);
  const c = await db().contact.create({
    data: { organizationId: w.org.id, name: "Client Portail", email: `portail.${w.org.id}@exemple.test` },
  });
  const party = await addParty(adv, { dossierId: w.dossier.id, contactId: c.id, role: "client" });
  if (!party.ok) throw new Error("setup");
  expect((await setPortalSharing(adv, { partyId: party.value.partyId, shared: true })).ok).toBe(true);
  const portalUser = await db().user.findUniqueOrThrow({ where: { email: c.email! } });
  const client = await suite.client(portalUser.id);
  expect(await join(client, w.dossier.id)).toMatchObject({ ok: true });
  const revoked = nextEvent<{ dossierId: string }>(client, "dossier:revoked");
  await setClientActive(adv, { partyId: party.value.partyId, active: false });
  expect(await revoked).toEqual({ dossierId: w.dossier.id });
  // A reconnect does not put them back.
  const again = await suite.client(portalUser.id);
  expect(await join(again, w.dossier.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
});
