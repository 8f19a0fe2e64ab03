// Issue 17 item 3: the timeline reads by date, newest first, whatever order the events were written in;
// the applicant side still sees only the "all" audience.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeWorld } from "../../test/factories";
import { useTestDatabase } from "../../test/db";
import { dossierAccess } from "../dossier/policy";
import { listTimeline } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => {
  await tdb.cleanup();
});

describe("timeline order", () => {
  it("I10: entries come newest first by date, not by seq; the applicant does not see advisor events", async () => {
    const w = await makeWorld();
    const rows: [number, string, string][] = [
      [1, "2026-03-02T10:00:00Z", "all"],
      [2, "2026-03-01T10:00:00Z", "all"],
      [3, "2026-03-03T10:00:00Z", "advisors"],
      [4, "2026-03-02T10:00:00Z", "all"],
    ];
    for (const [seq, at, audience] of rows)
      await db().dossierEvent.create({
        data: {
          dossierId: w.dossier.id,
          seq: 100 + seq,
          type: "member.left",
          audience,
          payload: "{}",
          createdAt: new Date(at),
        },
      });
    const advisor = (await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!;
    const applicant = (await dossierAccess({ userId: w.applicant.id }, w.dossier.id))!;
    const seqs = async (a: typeof advisor) => (await listTimeline(a)).map((e) => e.seq).filter((s) => s > 100);
    expect(await seqs(advisor)).toEqual([103, 104, 101, 102]);
    expect(await seqs(applicant)).toEqual([104, 101, 102]);
  });
});
