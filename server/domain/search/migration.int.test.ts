// C9: the search migration indexes the rows that existed before it (backfill), and every migration run
// puts back the search triggers (SQLite drops a table's triggers when a migration redefines the table).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate } from "../../../scripts/db.mjs";
import { useTestDatabase } from "../../test/db";
import { actor, makeWorld } from "../../test/factories";
import { postMessage } from "../conversation/service";
import { search } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

const searchMigration = () =>
  fs.readdirSync(path.join("prisma", tdb.provider, "migrations")).find((d) => d.endsWith("_search"))!;

/** Raw SQL on its own connection, as a migration would run it. */
async function raw(statements: string) {
  if (tdb.provider === "sqlite") {
    const d = new Database(tdb.url.replace(/^file:/, ""));
    try {
      d.pragma("busy_timeout = 5000");
      d.exec(statements);
    } finally {
      d.close();
    }
  } else {
    const c = new pg.Client({ connectionString: tdb.url });
    await c.connect();
    try {
      await c.query(statements);
    } finally {
      await c.end();
    }
  }
}

async function finds(userId: string, q: string) {
  const res = await search(await actor(userId), { q });
  if (!res.ok) throw new Error(res.error.message);
  return res.value.results.map((r) => r.kind);
}

it("C9: the migration indexes the messages, titles and names that existed before it (backfill)", async () => {
  const w = await makeWorld();
  await postMessage(await actor(w.referent.id), {
    dossierId: w.dossier.id,
    clientId: "before-0001",
    body: "Ancien message toiture",
  });
  // Back to the database as it was before the search migration, with the rows still there.
  await raw(
    tdb.provider === "sqlite"
      ? `DROP TABLE "SearchIndex"; DROP TABLE "SearchEntry"; DROP TABLE "SearchPending"; DELETE FROM _relais_migrations WHERE name = '${searchMigration()}';`
      : `DROP TABLE "SearchEntry" CASCADE; DELETE FROM _relais_migrations WHERE name = '${searchMigration()}';`,
  );
  expect(await migrate(tdb.url)).toEqual([searchMigration()]);
  expect(await finds(w.applicant.id, "toitures")).toEqual(["message"]);
  // and what comes after is indexed by the triggers
  await postMessage(await actor(w.referent.id), {
    dossierId: w.dossier.id,
    clientId: "after-00001",
    body: "Nouvelle gouttière",
  });
  expect(await finds(w.applicant.id, "gouttiere")).toEqual(["message"]);
});

it("C9: a migration run puts back search triggers that a table redefinition dropped", async () => {
  const w = await makeWorld();
  await raw(
    tdb.provider === "sqlite" ? `DROP TRIGGER "Message_search_ai";` : `DROP TRIGGER "Message_search" ON "Message";`,
  );
  expect(await migrate(tdb.url)).toEqual([]);
  await postMessage(await actor(w.referent.id), {
    dossierId: w.dossier.id,
    clientId: "again-00001",
    body: "Ravalement de façade",
  });
  expect(await finds(w.applicant.id, "facade")).toEqual(["message"]);
});
