// The hot statements (server/db/hot.ts) against the real database of the project (SQLite or
// PostgreSQL): what they write reads back through Prisma as Prisma wrote it, a failed transaction
// leaves nothing, and on one connection a hot transaction and a Prisma transaction never mix.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFile } from "../../scripts/db.mjs";
import { closeDb, db, hot, isUniqueViolation } from "../db";
import { makeOrganization } from "../test/factories";
import { useTestDatabase } from "../test/db";
import { asBool, asDate, newId, postgresHot, sql, type Sql } from "./hot";

let cleanup: () => Promise<void>;
let provider: "sqlite" | "postgres";
let url: string;
beforeAll(async () => ({ cleanup, provider, url } = await useTestDatabase()));
afterAll(() => cleanup());

const INSERT_ORG = sql(
  "test.insertOrg",
  `INSERT INTO "Organization" ("id", "name", "slug", "createdAt") VALUES (?, ?, ?, ?)`,
);
const READ_ORG = sql("test.readOrg", `SELECT "name", "createdAt" FROM "Organization" WHERE "id" = ?`);
const BUMP_SEQ = sql(
  "test.bumpSeq",
  `UPDATE "Dossier" SET "seq" = "seq" + 1 WHERE "id" = ? RETURNING "seq" AS "seq", "pausedAt" IS NULL AS "active"`,
);

const slug = () => `s-${newId()}`;

describe("hot statements", () => {
  it("write dates and read them back exactly as Prisma does, both ways", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z"); // a daylight-saving night in Europe/Paris
    const id = newId();
    await hot().transaction((q) => q.run(INSERT_ORG, [id, "Écrit à chaud", slug(), at]));
    const viaPrisma = await db().organization.findUniqueOrThrow({ where: { id } });
    expect(viaPrisma.createdAt.toISOString()).toBe(at.toISOString());
    expect(viaPrisma.name).toBe("Écrit à chaud");

    const written = await makeOrganization("Écrit par Prisma");
    const row = await hot().get<{ name: string; createdAt: unknown }>(READ_ORG, [written.id]);
    expect(row?.name).toBe("Écrit par Prisma");
    expect(asDate(row!.createdAt).toISOString()).toBe(written.createdAt.toISOString());
  });

  it("roll back everything when the transaction's function throws", async () => {
    const id = newId();
    await expect(
      hot().transaction(async (q) => {
        await q.run(INSERT_ORG, [id, "Jamais", slug(), new Date()]);
        throw new Error("midway");
      }),
    ).rejects.toThrow("midway");
    expect(await db().organization.findUnique({ where: { id } })).toBeNull();
  });

  it("report a unique violation the way isUniqueViolation recognizes, and keep nothing of that transaction", async () => {
    const taken = slug();
    await hot().transaction((q) => q.run(INSERT_ORG, [newId(), "Premier", taken, new Date()]));
    const second = newId();
    const failure = await hot()
      .transaction(async (q) => {
        await q.run(INSERT_ORG, [second, "Deuxième", slug(), new Date()]);
        await q.run(INSERT_ORG, [newId(), "Doublon", taken, new Date()]);
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await db().organization.findUnique({ where: { id: second } })).toBeNull();
  });

  it("send deferred writes with the commit: their unique violation comes out of the transaction and nothing of it is kept; a later read sees them", async () => {
    const taken = slug();
    await hot().transaction((q) => q.write(INSERT_ORG, [newId(), "Premier", taken, new Date()]));
    const first = newId();
    const failure = await hot()
      .transaction(async (q) => {
        await q.write(INSERT_ORG, [first, "Avant le doublon", slug(), new Date()]);
        await q.write(INSERT_ORG, [newId(), "Doublon", taken, new Date()]);
        return "answered";
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await db().organization.findUnique({ where: { id: first } })).toBeNull();

    const id = newId();
    const seen = await hot().transaction(async (q) => {
      await q.write(INSERT_ORG, [id, "Lu dans la foulée", slug(), new Date()]);
      return q.get<{ name: string }>(READ_ORG, [id]);
    });
    expect(seen?.name).toBe("Lu dans la foulée");
  });

  it("keep quotes, backslashes and question marks of values intact in every kind of statement", async () => {
    const name = `l'agence \\ "Nord" ? ; -- fin`;
    const ids = [newId(), newId(), newId()];
    await hot().transaction(async (q) => {
      await q.write(INSERT_ORG, [ids[0], name, slug(), new Date()]);
      await q.run(INSERT_ORG, [ids[1], name, slug(), new Date()]);
    });
    await hot().transaction((q) => q.run(INSERT_ORG, [ids[2], name, slug(), new Date()]));
    const rows = await db().organization.findMany({ where: { id: { in: ids } }, select: { name: true } });
    expect(rows.map((r) => r.name)).toEqual([name, name, name]);
  });

  it("a statement written differently per provider runs its own provider's text, as a deferred write and as a transaction's first statement", async () => {
    // json_each exists only on SQLite, json_array_elements_text only on PostgreSQL: the wrong text fails.
    const names = [`Un ${newId()}`, `Deux ${newId()}`];
    const insertMany = {
      name: "test.insertMany",
      sqlite: `INSERT INTO "Organization" ("id", "name", "slug", "createdAt")
        SELECT value || '-id', value, value || '-slug', ? FROM json_each(?)`,
      postgres: `INSERT INTO "Organization" ("id", "name", "slug", "createdAt")
        SELECT n || '-id', n, n || '-slug', $1::timestamp(3) FROM json_array_elements_text($2::json) AS n`,
    };
    const countMany = {
      name: "test.countMany",
      sqlite: `SELECT COUNT(*) AS "n" FROM "Organization" WHERE "name" IN (SELECT value FROM json_each(?))`,
      postgres: `SELECT COUNT(*) AS "n" FROM "Organization" WHERE "name" IN (SELECT json_array_elements_text($1::json))`,
    };
    const n = await hot().transaction(async (q) => {
      const before = await q.get<{ n: number | bigint }>(countMany, [JSON.stringify(names)]);
      expect(Number(before!.n)).toBe(0);
      await q.write(insertMany, [new Date(), JSON.stringify(names)]);
      return q.get<{ n: number | bigint }>(countMany, [JSON.stringify(names)]);
    });
    expect(Number(n!.n)).toBe(2);
    expect(await db().organization.count({ where: { name: { in: names } } })).toBe(2);
  });

  it("return updated rows, numbers as numbers and booleans either provider's way", async () => {
    const org = await makeOrganization();
    const dossier = await db().dossier.create({ data: { organizationId: org.id, title: "Compteur" } });
    const rows = await hot().transaction(async (q) => [
      await q.get<{ seq: number; active: unknown }>(BUMP_SEQ, [dossier.id]),
      await q.get<{ seq: number; active: unknown }>(BUMP_SEQ, [dossier.id]),
    ]);
    expect(rows.map((r) => Number(r!.seq))).toEqual([1, 2]);
    expect(asBool(rows[0]!.active)).toBe(true);
    expect(await hot().transaction((q) => q.get(BUMP_SEQ, ["no-such-dossier"]))).toBeUndefined();
  });

  it("never mix with a Prisma transaction open at the same time: each sees the other committed or not at all", async () => {
    const org = await makeOrganization();
    const dossier = await db().dossier.create({ data: { organizationId: org.id, title: "Partagé" } });
    let letPrismaFinish!: () => void;
    const prismaMayFinish = new Promise<void>((r) => (letPrismaFinish = r));
    let prismaWrote!: () => void;
    const prismaHasWritten = new Promise<void>((r) => (prismaWrote = r));
    // A Prisma transaction takes the seq to 1, then waits, then fails: its write must vanish.
    const prisma = db()
      .$transaction(async (tx) => {
        await tx.dossier.update({ where: { id: dossier.id }, data: { seq: { increment: 1 } } });
        prismaWrote();
        await prismaMayFinish;
        throw new Error("rolled back on purpose");
      })
      .catch((e: Error) => e.message);
    await prismaHasWritten;
    // A hot transaction started meanwhile must not see, nor be rolled back with, the Prisma one.
    const hotSeq = hot().transaction((q) => q.get<{ seq: number }>(BUMP_SEQ, [dossier.id]));
    letPrismaFinish();
    expect(await prisma).toBe("rolled back on purpose");
    expect(Number((await hotSeq)!.seq)).toBe(1);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossier.id } })).seq).toBe(1);
  });

  it("a Prisma transaction nested in another runs in a savepoint: its failure takes only its own writes with it", async () => {
    const org = await makeOrganization();
    const dossier = await db().dossier.create({ data: { organizationId: org.id, title: "Imbriqué" } });
    const bump = { where: { id: dossier.id }, data: { seq: { increment: 1 } } };
    await db().$transaction(async (tx) => {
      await tx.dossier.update(bump);
      const inner = await tx
        .$transaction(async (nested) => {
          await nested.dossier.update(bump);
          throw new Error("inner only");
        })
        .catch((e: Error) => e.message);
      expect(inner).toBe("inner only");
      await tx.$transaction(async (nested) => nested.dossier.update(bump));
    });
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossier.id } })).seq).toBe(2);
  });

  it("G5: transactions asked for together keep each its own outcome: one that fails takes only its own writes with it", async () => {
    const ids = Array.from({ length: 6 }, () => newId());
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        hot().transaction(async (q) => {
          await q.run(INSERT_ORG, [id, `Lot ${i}`, slug(), new Date()]);
          if (i === 2) throw new Error("this one fails");
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []))).toEqual([0, 1, 3, 4, 5]);
    const stored = await db().organization.findMany({ where: { id: { in: ids } }, select: { id: true } });
    expect(new Set(stored.map((o) => o.id))).toEqual(new Set(ids.filter((_, i) => i !== 2)));
  });

  it("G5: right after a busy batch, the next transactions (which wait for the linger on SQLite) keep each its own outcome and are all stored", async () => {
    const ids = Array.from({ length: 7 }, () => newId());
    const insert = (i: number, fail = false) =>
      hot().transaction(async (q) => {
        await q.write(INSERT_ORG, [ids[i], `Lot ${i}`, slug(), new Date()]);
        if (fail) throw new Error("this one fails");
        return i;
      });
    // A batch of three makes the writer busy; the next ones are asked for within the busy window.
    await Promise.all([insert(0), insert(1), insert(2)]);
    const next = await Promise.allSettled([insert(3), insert(4, true), insert(5)]);
    const lone = await insert(6);
    expect(next.map((o) => (o.status === "fulfilled" ? o.value : "rejected"))).toEqual([3, "rejected", 5]);
    expect(lone).toBe(6);
    const stored = await db().organization.findMany({ where: { id: { in: ids } }, select: { id: true } });
    expect(new Set(stored.map((o) => o.id))).toEqual(new Set(ids.filter((_, i) => i !== 4)));
  });

  it("G8: transactions queued on one key share commits and keep each its own outcome, whatever the failure", async () => {
    const taken = slug();
    await hot().transaction((q) => q.write(INSERT_ORG, [newId(), "Déjà là", taken, new Date()]));
    const org = await makeOrganization();
    const dossier = await db().dossier.create({ data: { organizationId: org.id, title: "Clé" } });
    const ids = Array.from({ length: 8 }, () => newId());
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        hot().transaction(async (q) => {
          if (i === 1) throw new Error("refused before any statement");
          const row = await q.get<{ seq: number }>(BUMP_SEQ, [dossier.id]);
          await q.write(INSERT_ORG, [id, `Lot ${i}`, i === 4 ? taken : slug(), new Date()]); // 4: a unique violation, sent later
          if (i === 6) throw new Error("refused after its writes");
          return Number(row!.seq);
        }, dossier.id),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(isUniqueViolation((outcomes[4] as PromiseRejectedResult).reason)).toBe(true);
    // Only the kept transactions took a seq, with no gap.
    expect(outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []))).toEqual([1, 2, 3, 4, 5]);
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossier.id } })).seq).toBe(5);
    const stored = await db().organization.findMany({ where: { id: { in: ids } }, select: { id: true } });
    expect(new Set(stored.map((o) => o.id))).toEqual(new Set(ids.filter((_, i) => ![1, 4, 6].includes(i))));
  });

  it("SQLite: the WAL is copied into the database file off the event loop, long before SQLite's own threshold (on PostgreSQL: nothing to do)", async () => {
    if (provider !== "sqlite") return expect(url).toMatch(/^postgres/);
    const file = sqliteFile(url);
    const before = fs.statSync(file).size;
    // About 2 MB through the WAL: far below the 20,000-page safety threshold, so only the
    // checkpointer can move it into the main file.
    for (let i = 0; i < 40; i++) {
      await hot().transaction(async (q) => {
        for (let j = 0; j < 10; j++) await q.run(INSERT_ORG, [newId(), "x".repeat(5000), slug(), new Date()]);
      });
    }
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < before + 1_500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_500_000);
  });

  it("SQLite: Prisma's own writes (outside hot transactions) are checkpointed too: the checkpointer is asked by every writer, not by a timer", async () => {
    if (provider !== "sqlite") return expect(url).toMatch(/^postgres/);
    const file = sqliteFile(url);
    const before = fs.statSync(file).size;
    for (let i = 0; i < 400; i++) await db().organization.create({ data: { name: "y".repeat(5000), slug: slug() } });
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < before + 1_500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_500_000);
  });

  it("SQLite: a Prisma transaction holds the write lock from its start, so a write by another process in between cannot make it fail (on PostgreSQL: row locks)", async () => {
    if (provider !== "sqlite") return expect(url).toMatch(/^postgres/);
    const org = await makeOrganization();
    const other = new Database(sqliteFile(url));
    other.pragma("busy_timeout = 0");
    try {
      let otherWrite: unknown = null;
      await db().$transaction(async (tx) => {
        await tx.organization.findUniqueOrThrow({ where: { id: org.id } });
        // Another process writes between this transaction's read and its write.
        try {
          other.prepare(`UPDATE "Organization" SET "name" = 'autre processus' WHERE "id" = ?`).run(org.id);
        } catch (e) {
          otherWrite = e;
        }
        await tx.organization.update({ where: { id: org.id }, data: { name: "transaction Prisma" } });
      });
      expect((otherWrite as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
      expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("transaction Prisma");
    } finally {
      other.close();
    }
  });

  it("PostgreSQL: idle connections ended by the server (restart, administrator) are replaced, not a crash (on SQLite: one file, no server)", async () => {
    if (provider !== "postgres") return expect(url).toMatch(/^file:/);
    // A fresh pool that only the hot statements use (Prisma, once connected, listens to it too).
    await closeDb();
    const id = newId();
    await hot().transaction((q) => q.write(INSERT_ORG, [id, "Avant la coupure", slug(), new Date()]));
    expect((await hot().get<{ name: string }>(READ_ORG, [id]))?.name).toBe("Avant la coupure");
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const ended = await admin.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await hot().get<{ name: string }>(READ_ORG, [id]))?.name).toBe("Avant la coupure");
  });
  it("PostgreSQL: a statement planned each time (search) is never kept prepared under its name; the others are (on SQLite: no plan cache of that kind)", async () => {
    if (provider !== "postgres") return expect(url).toMatch(/^file:/);
    // One connection, so the catalogue read below sees what this pool prepared.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const own = postgresHot(pool);
      const planned: Sql = { ...sql("test.plannedEachTime", READ_ORG.sqlite), planEachTime: true };
      const org = await makeOrganization("Planifiée à chaque fois");
      // Past the five runs after which PostgreSQL may switch a prepared statement to its generic plan.
      for (let i = 0; i < 7; i++) expect((await own.get<{ name: string }>(planned, [org.id]))?.name).toBe(org.name);
      expect((await own.get<{ name: string }>(READ_ORG, [org.id]))?.name).toBe(org.name);
      const prepared = await pool.query<{ name: string }>(`SELECT "name" FROM pg_prepared_statements`);
      const names = prepared.rows.map((r) => r.name);
      expect(names).toContain("test.readOrg");
      expect(names).not.toContain("test.plannedEachTime");
    } finally {
      await pool.end();
    }
  });
});
