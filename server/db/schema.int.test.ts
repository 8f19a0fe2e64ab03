// Issue 18: storage shapes that Prisma's schema cannot express, written by hand in migrations, that a
// later migration could undo without anyone noticing (Prisma rebuilds a SQLite table to alter it).
import { afterAll, beforeAll, expect, it } from "vitest";
import { hot } from "../db";
import { sql } from "./hot";
import { useTestDatabase } from "../test/db";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

const SQLITE_TABLE = sql(
  "test.tableSql",
  `SELECT "sql" AS "text" FROM sqlite_master WHERE "type" = 'table' AND "name" = ?`,
);
const SQLITE_INDEXES = sql(
  "test.indexes",
  `SELECT "name" AS "name" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = ?`,
);
const PG_INDEXES = sql("test.pgIndexes", `SELECT indexdef AS "name" FROM pg_indexes WHERE tablename = ?`);

it("issue 18: a message's recipients cost one B-tree each (MessageRecipient keyed by message and user, WITHOUT ROWID on SQLite)", async () => {
  if (tdb.provider === "sqlite") {
    const table = await hot().get<{ text: string }>(SQLITE_TABLE, ["MessageRecipient"]);
    expect(table?.text).toMatch(/PRIMARY KEY \("messageId", "userId"\)/);
    expect(table?.text).toMatch(/WITHOUT ROWID\s*$/);
    // The primary key's own index is the table itself: no other index to write.
    expect(await hot().all(SQLITE_INDEXES, ["MessageRecipient"])).toEqual([]);
  } else {
    const indexes = await hot().all<{ name: string }>(PG_INDEXES, ["MessageRecipient"]);
    expect(indexes.map((i) => i.name)).toEqual([
      expect.stringMatching(/UNIQUE INDEX "MessageRecipient_pkey" .*\("messageId", "userId"\)/),
    ]);
  }
});

it("issue 18: a message's queued e-mails cost one B-tree (MessageEmailPending keyed by message, WITHOUT ROWID on SQLite)", async () => {
  if (tdb.provider === "sqlite") {
    const table = await hot().get<{ text: string }>(SQLITE_TABLE, ["MessageEmailPending"]);
    expect(table?.text).toMatch(/"messageId" TEXT NOT NULL PRIMARY KEY/);
    expect(table?.text).toMatch(/WITHOUT ROWID\s*$/);
    expect(await hot().all(SQLITE_INDEXES, ["MessageEmailPending"])).toEqual([]);
  } else {
    const indexes = await hot().all<{ name: string }>(PG_INDEXES, ["MessageEmailPending"]);
    expect(indexes.map((i) => i.name)).toEqual([
      expect.stringMatching(/UNIQUE INDEX "MessageEmailPending_pkey" .*\("messageId"\)/),
    ]);
  }
});

it("issue 18: an event is keyed by (dossier, seq) alone: no id column, no other index to write", async () => {
  if (tdb.provider === "sqlite") {
    const table = await hot().get<{ text: string }>(SQLITE_TABLE, ["DossierEvent"]);
    expect(table?.text).toMatch(/PRIMARY KEY \("dossierId", "seq"\)/);
    expect(table?.text).not.toMatch(/^\s*"id" /m);
    // The primary key's own index only.
    expect(await hot().all(SQLITE_INDEXES, ["DossierEvent"])).toEqual([{ name: "sqlite_autoindex_DossierEvent_1" }]);
  } else {
    const indexes = await hot().all<{ name: string }>(PG_INDEXES, ["DossierEvent"]);
    expect(indexes.map((i) => i.name)).toEqual([
      expect.stringMatching(/UNIQUE INDEX "DossierEvent_pkey" .*\("dossierId", seq\)/),
    ]);
  }
});
