// R2 over real Socket.IO: every viewer of the dossier, on both sides, receives each change live, and a
// viewer of another dossier receives nothing (A3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { DossierEventWire } from "../dossier/events";
import { actor, makeDossier, makeWorld } from "../../test/factories";
import { join, nextEvent, noEvent, realtimeSuite } from "../../test/server";
import { uploadDocument } from "../document/service";
import { changeRecommendationStatus, createRecommendation } from "./service";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-uploads-"));
const suite = realtimeSuite({ UPLOAD_DIR: uploadDir });
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

async function viewer(userId: string, dossierId: string) {
  const c = await suite.client(userId);
  expect(await join(c, dossierId)).toMatchObject({ ok: true });
  return c;
}

it("R2: Adèle's new recommendation and Marie's status change reach every viewer live; another dossier's viewer gets nothing", async () => {
  const w = await makeWorld();
  const elsewhere = await makeDossier(w.org.id, [{ userId: w.outsider.id, role: "advisor", holder: true }]);
  const [marie, adele, staff, outsider] = await Promise.all([
    viewer(w.applicant.id, w.dossier.id),
    viewer(w.advisor.id, w.dossier.id),
    viewer(w.staff.id, w.dossier.id),
    viewer(w.outsider.id, elsewhere.id),
  ]);

  const seen = [marie, adele, staff].map((c) => nextEvent<DossierEventWire>(c, "dossier:event"));
  const silent = noEvent(outsider, "dossier:event", 800);
  const created = await createRecommendation(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    title: "Isoler les combles",
  });
  if (!created.ok) throw new Error("setup");
  for (const e of await Promise.all(seen)) {
    expect(e).toMatchObject({
      type: "recommendation.created",
      seq: 1,
      payload: { recommendation: { id: created.recommendation.id, status: "proposed" } },
    });
  }

  const moved = [marie, adele, staff].map((c) => nextEvent<DossierEventWire>(c, "dossier:event"));
  await changeRecommendationStatus(await actor(w.applicant.id), {
    recommendationId: created.recommendation.id,
    status: "in_progress",
  });
  for (const e of await Promise.all(moved)) {
    expect(e).toMatchObject({
      type: "recommendation.status_changed",
      seq: 2,
      payload: { from: "proposed", to: "in_progress", byName: "Marie Test" },
    });
  }

  const uploaded = [marie, adele, staff].map((c) => nextEvent<DossierEventWire>(c, "dossier:event"));
  await uploadDocument(await actor(w.applicant.id), {
    dossierId: w.dossier.id,
    name: "plans.txt",
    bytes: Buffer.from("plans"),
  });
  for (const e of await Promise.all(uploaded))
    expect(e).toMatchObject({ type: "document.uploaded", seq: 3, payload: { document: { name: "plans.txt" } } });
  expect(await silent).toBe(true);
});
