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

// Every foreign key is the first column(s) of an index: a lookup by it, or a delete of the row it
// points to (cascade, SetNull), reads only the matching rows. A new unindexed foreign key fails here
// until it gets an index or joins this list with its reason.
const UNINDEXED_ON_PURPOSE = [
  // Users are deactivated (X1), never deleted; nothing reads these rows by their author.
  "Document.uploaderId",
  "Recommendation.authorId",
  "Solicitation.askedById",
  // No action deletes a template (they are edited); a dossier's template is read from the dossier.
  "Dossier.templateId",
];

const SQLITE_TABLES = sql(
  "test.tables",
  `SELECT "name" AS "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" NOT LIKE '\\_%' ESCAPE '\\'`,
);
const SQLITE_FOREIGN_KEYS = sql(
  "test.foreignKeys",
  `SELECT "id" AS "id", "from" AS "column" FROM pragma_foreign_key_list(?) ORDER BY "id", "seq"`,
);
const SQLITE_INDEX_LIST = sql("test.indexList", `SELECT "name" AS "name" FROM pragma_index_list(?)`);
const SQLITE_INDEX_COLUMNS = sql(
  "test.indexColumns",
  `SELECT "name" AS "column" FROM pragma_index_info(?) ORDER BY "seqno"`,
);
const PG_UNINDEXED_FOREIGN_KEYS = sql(
  "test.pgUnindexedForeignKeys",
  `SELECT trim(both '"' from c.conrelid::regclass::text) AS "table",
     (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS "columns"
   FROM pg_constraint c
   WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
     AND NOT EXISTS (SELECT 1 FROM pg_index i
       WHERE i.indrelid = c.conrelid AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)`,
);

async function unindexedForeignKeys(): Promise<string[]> {
  if (tdb.provider !== "sqlite") {
    const rows = await hot().all<{ table: string; columns: string }>(PG_UNINDEXED_FOREIGN_KEYS, []);
    return rows.map((r) => `${r.table}.${r.columns}`).sort();
  }
  const out: string[] = [];
  for (const { name: table } of await hot().all<{ name: string }>(SQLITE_TABLES, [])) {
    const keys = new Map<number, string[]>();
    for (const fk of await hot().all<{ id: number; column: string }>(SQLITE_FOREIGN_KEYS, [table]))
      keys.set(Number(fk.id), [...(keys.get(Number(fk.id)) ?? []), fk.column]);
    const indexes: string[][] = [];
    for (const { name } of await hot().all<{ name: string }>(SQLITE_INDEX_LIST, [table]))
      indexes.push((await hot().all<{ column: string }>(SQLITE_INDEX_COLUMNS, [name])).map((c) => c.column));
    for (const columns of keys.values())
      if (!indexes.some((ix) => columns.every((c, i) => ix[i] === c))) out.push(`${table}.${columns.join(",")}`);
  }
  return out.sort();
}

it("issue 18: every foreign key leads an index, but for the few left on purpose", async () => {
  expect(await unindexedForeignKeys()).toEqual([...UNINDEXED_ON_PURPOSE].sort());
});
