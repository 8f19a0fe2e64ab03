// A file written to disk for an upload whose transaction then fails is removed: nothing is kept.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "../../db";
import { useTestDatabase } from "../../test/db";
import { actor, makeWorld } from "../../test/factories";
import { uploadDocument } from "./service";

const failing = vi.hoisted(() => ({ on: false }));
// The failure comes after the Document row and its event are written, inside the change.
vi.mock("../pause/service", async (original) => {
  const real = await original<typeof import("../pause/service")>();
  return {
    ...real,
    reactivateOnApplicantActivity: async (...args: Parameters<typeof real.reactivateOnApplicantActivity>) => {
      if (failing.on) throw new Error("simulated database failure");
      return real.reactivateOnApplicantActivity(...args);
    },
  };
});

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-uploads-"));
let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase({ UPLOAD_DIR: uploadDir });
});
afterAll(async () => {
  await tdb.cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

it("a failed transaction leaves no Document row, no event and no file on disk", async () => {
  const w = await makeWorld();
  failing.on = true;
  await expect(
    uploadDocument(await actor(w.applicant.id), {
      dossierId: w.dossier.id,
      name: "plans.pdf",
      bytes: Buffer.from("%PDF-1.4 x"),
    }),
  ).rejects.toThrow("simulated database failure");
  failing.on = false;
  expect(await db().document.count()).toBe(0);
  expect(await db().dossierEvent.count()).toBe(0);
  expect(fs.readdirSync(uploadDir)).toEqual([]);
  // And the next upload works.
  expect(
    (
      await uploadDocument(await actor(w.applicant.id), {
        dossierId: w.dossier.id,
        name: "plans.pdf",
        bytes: Buffer.from("%PDF-1.4 x"),
      })
    ).ok,
  ).toBe(true);
  expect(fs.readdirSync(uploadDir)).toHaveLength(1);
});
