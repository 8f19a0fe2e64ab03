// T7 at read time: a document marked confidential after its upload is still named by the events written
// before (document.uploaded, document.partner_visibility, a recommendation's file). Those names never
// reach staff, another advisor, the applicant side or a partner, through any channel: socket catch-up,
// timeline, search, digest email. The holder still reads them. Real database, real sockets.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import type { JoinAck } from "../../realtime/contract";
import { rendered } from "../../test/mail";
import { actor, makeUser, makeWorld } from "../../test/factories";
import { join, realtimeSuite } from "../../test/server";
import { runDigests } from "../digest/service";
import { uploadDocument } from "../document/service";
import { setPartnerVisibility } from "../document/visibility";
import { dossierAccess } from "../dossier/policy";
import { createRecommendation, listRecommendations } from "../recommendation/service";
import { search } from "../search/service";
import { attachWithKey, createSolicitation } from "../solicitation/service";
import { listTimeline } from "../timeline/service";
import { setDocumentFlags } from "./service";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-redact-"));
const suite = realtimeSuite({ UPLOAD_DIR: uploadDir });
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from("bilan\n%%EOF\n")]);
const SECRET = "diagnostic-psychologique.pdf";
// Tuesday and Wednesday morning, Paris (the daily digest leaves at 08:00 there).
const TUE_10 = new Date("2026-11-24T09:00:00Z");
const TUE_11 = new Date("2026-11-24T10:00:00Z");
const WED_0805 = new Date("2026-11-25T07:05:00Z");

let worlds = 0;

async function world() {
  const w = await makeWorld();
  const email = `expert${++worlds}@partenaire.test`;
  const coAdvisor = await makeUser("Bruno Coadvisor", { organizationId: w.org.id });
  await db().dossierMember.create({
    data: { dossierId: w.dossier.id, userId: coAdvisor.id, side: "advisor", role: "advisor" },
  });
  const sol = await createSolicitation(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    kind: "both",
    scope: "legal",
    external: true,
    partnerEmail: email,
  });
  if (!sol.ok) throw new Error(sol.error.message);
  const partner = await makeUser("Expert Partenaire", { email });
  if (!(await attachWithKey(await actor(partner.id), { key: sol.value.key }, "127.0.0.1")).ok)
    throw new Error("attach");
  return { ...w, coAdvisor, partner };
}

describe("T7: confidential names in stored events", () => {
  it("T7: a document made confidential after its upload is not named to staff, another advisor, the applicant side or a partner: socket catch-up, timeline, search, digest email", async () => {
    const w = await world();
    const dossierId = w.dossier.id;
    const holder = await actor(w.advisor.id);
    const up = await uploadDocument(holder, { dossierId, name: SECRET, bytes: PDF }, TUE_10);
    if (!up.ok) throw new Error(up.error.message);
    const documentId = up.document.id;
    expect((await setPartnerVisibility(holder, { documentId, visible: true }, TUE_10)).ok).toBe(true);
    const reco = await createRecommendation(holder, { dossierId, title: "Lire le bilan", documentId }, TUE_10);
    expect(reco.ok).toBe(true);
    expect((await setDocumentFlags(holder, { documentId, confidential: true }, TUE_11)).ok).toBe(true);
    // The old events are still in the log, with the name.
    const stored = await db().dossierEvent.findMany({ where: { dossierId } });
    expect(stored.filter((e) => e.payload.includes(SECRET)).length).toBeGreaterThanOrEqual(3);

    for (const u of [w.staff, w.coAdvisor, w.referent]) {
      await db().notificationSettings.upsert({
        where: { userId: u.id },
        create: { userId: u.id, frequency: "daily" },
        update: { frequency: "daily" },
      });
    }
    await runDigests(WED_0805);

    const others = [
      { who: "staff", user: w.staff },
      { who: "another advisor", user: w.coAdvisor },
      { who: "the applicant side", user: w.referent },
    ];
    for (const { who, user } of others) {
      // Socket catch-up from the start.
      const sock = await suite.client(user.id);
      const ack = (await join(sock, dossierId, 0)) as JoinAck;
      expect(ack.ok, who).toBe(true);
      expect(JSON.stringify(ack), who).not.toContain(SECRET);
      expect(JSON.stringify(ack), who).toContain("Lire le bilan");
      // Timeline and the Recommendations tab.
      const access = (await dossierAccess({ userId: user.id }, dossierId))!;
      expect(JSON.stringify(await listTimeline(access)), who).not.toContain(SECRET);
      const recos = await listRecommendations(access);
      expect(
        recos.map((r) => [r.title, r.document]),
        who,
      ).toEqual([["Lire le bilan", null]]);
      // Search.
      const found = await search(await actor(user.id), { q: "diagnostic" });
      expect(found.ok && found.value.results, who).toEqual([]);
      // The digest email they got says something (the recommendation), never the name.
      const digests = (await db().emailDelivery.findMany({ where: { userId: user.id, kind: "digest" } })).map(rendered);
      expect(digests.length, who).toBe(1);
      expect(digests[0].text, who).toContain("Lire le bilan");
      expect(`${digests[0].subject} ${digests[0].text} ${digests[0].html}`, who).not.toContain(SECRET);
    }

    // A partner: the catch-up of the partner view.
    const partnerSock = await suite.client(w.partner.id);
    const partnerAck = (await join(partnerSock, dossierId, 0)) as JoinAck;
    expect(partnerAck.ok).toBe(true);
    expect(JSON.stringify(partnerAck)).not.toContain(SECRET);

    // The holder still reads the name everywhere.
    const mine = await suite.client(w.advisor.id);
    expect(JSON.stringify(await join(mine, dossierId, 0))).toContain(SECRET);
    const holderAccess = (await dossierAccess(holder, dossierId))!;
    expect(JSON.stringify(await listTimeline(holderAccess))).toContain(SECRET);
    const holderFound = await search(holder, { q: "diagnostic" });
    expect(holderFound.ok && holderFound.value.results.map((r) => r.kind)).toEqual(["document"]);
  });

  it("T7: a recommendation cannot take a confidential document as its file (everyone who sees it would read the name)", async () => {
    const w = await world();
    const holder = await actor(w.advisor.id);
    const up = await uploadDocument(holder, { dossierId: w.dossier.id, name: SECRET, bytes: PDF });
    if (!up.ok) throw new Error(up.error.message);
    expect((await setDocumentFlags(holder, { documentId: up.document.id, confidential: true })).ok).toBe(true);
    const res = await createRecommendation(holder, {
      dossierId: w.dossier.id,
      title: "Avec pièce",
      documentId: up.document.id,
    });
    expect(res).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await db().recommendation.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });
});
