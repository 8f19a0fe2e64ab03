// Prepared statements for the hot paths: a message's send, the dossier access check, the newest
// messages and the catch-up read (G1, G3, G5, G7, G11). A Prisma query-builder call costs 0.3–1.1 ms of
// CPU on these machines even with Prisma 7's query-plan cache (bench/README.md, bench/prisma-cpu.ts);
// a prepared statement costs a few µs on SQLite and one round trip on PostgreSQL. Everything else goes
// through Prisma.
//
// SQLite: the statements run on Prisma's own better-sqlite3 connection (one per process), so that a
// hot transaction and a Prisma transaction can never see each other's half-done work. A gate orders
// them: a hot transaction waits for an open Prisma transaction and the other way round, and Prisma's
// plain queries wait while a hot transaction is open.
// PostgreSQL: the statements run on the pool Prisma uses, each named so that a connection prepares
// it once.
import { randomBytes } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { SAFETY_AUTOCHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from "./checkpoint";

/**
 * One statement, written once with `?` placeholders and double-quoted identifiers (both providers).
 * `planEachTime`: PostgreSQL plans it with its values at every run instead of keeping a prepared plan.
 * A prepared statement switches to a generic plan after five runs, and for a full-text search that plan
 * cannot know how many entries a term matches: it guessed 1 for 10,050 and probed the dossiers once
 * per entry, 75–124 ms instead of 16 (issue 18; planning costs 0.6–2.8 ms, fine for a typed search).
 */
export type Sql = { name: string; sqlite: string; postgres: string; planEachTime?: boolean };

export function sql(name: string, text: string): Sql {
  let n = 0;
  return { name, sqlite: text, postgres: text.replace(/\?/g, () => `$${++n}`) };
}

export interface HotQueries {
  all<T>(q: Sql, args: readonly unknown[]): Promise<T[]>;
  get<T>(q: Sql, args: readonly unknown[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(q: Sql, args: readonly unknown[]): Promise<number>;
  /**
   * A write whose result is not needed. PostgreSQL sends it with the commit (one round trip for all
   * of them), so its errors, a unique violation included, come out of transaction(); a later read in
   * the same transaction sends it first.
   */
  write(q: Sql, args: readonly unknown[]): Promise<void>;
}

/**
 * Reads outside a transaction, and write transactions. Reads do not wait for anything: like Prisma's
 * plain queries they may run beside a transaction in progress on the same SQLite connection. A
 * transaction must never be asked for from inside a Prisma transaction's callback on SQLite (it would
 * wait for the gate that callback holds, until Prisma's timeout).
 */
export interface Hot extends Pick<HotQueries, "all" | "get"> {
  /**
   * One write transaction; it rolls back when fn throws. fn must use only the queries it is given.
   * Transactions may share a commit with others (group commit, each in its own savepoint): the
   * promise settles after that commit. `key` names what they all lock first (a dossier): on
   * PostgreSQL, transactions with the same key queue in the process and share commits.
   */
  transaction<T>(fn: (q: HotQueries) => Promise<T>, key?: string): Promise<T>;
}

// Values read back differ by provider (SQLite: 0/1 and ISO strings; PostgreSQL: booleans and Dates).
export function asBool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === "1";
}

export function asDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "string") return new Date(v);
  if (typeof v === "number") return new Date(v);
  throw new Error(`not a date: ${String(v)}`);
}

export function asDateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : asDate(v);
}

let counter = Math.floor(Math.random() * 1679616);
// Random bytes drawn 4 KiB at a time: one system call per 512 ids instead of one each.
let pool = Buffer.alloc(0);
let offset = 0;

/** A cuid-like id (what Prisma's @default(cuid()) gives rows it creates): time, counter, randomness. */
export function newId(): string {
  counter = (counter + 1) % 1679616;
  if (offset + 8 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const random = pool.readBigUInt64BE(offset);
  offset += 8;
  return `c${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${random.toString(36).padStart(13, "0").slice(0, 12)}`;
}

/** A unique constraint failed in a hot statement, on either provider. */
export function isHotUniqueViolation(e: unknown): boolean {
  if (typeof e !== "object" || e === null || !("code" in e)) return false;
  const code = (e as { code: unknown }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** A transaction waiting for its turn in a group commit, and what came of it. */
type Job = { fn: (q: HotQueries) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Answers each job after its group's commit, with its own outcome. */
function settle(jobs: Job[], outcomes: Outcome[]) {
  outcomes.forEach((o, i) => (o.ok ? jobs[i].resolve(o.value) : jobs[i].reject(o.error)));
}

/** The group's transaction failed: nothing of it is stored. */
function failAll(jobs: Job[], error: unknown) {
  jobs.forEach((job) => job.reject(error));
}

// ---------------------------------------------------------------------------------------------------
// SQLite

/** FIFO gate between hot transactions and Prisma transactions on the one connection. */
class Gate {
  private holder: "hot" | "prisma" | null = null;
  private queue: Array<{ kind: "hot" | "prisma"; resolve: () => void }> = [];
  private hotWaiters: Array<() => void> = [];

  acquire(kind: "hot" | "prisma"): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.holder = kind;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.release();
        });
      };
      if (this.holder === null && this.queue.length === 0) grant();
      else this.queue.push({ kind, resolve: grant });
    });
  }

  /** Resolves at once unless a hot transaction is open (Prisma's plain queries wait for it). */
  hotDone(): Promise<void> | null {
    if (this.holder !== "hot") return null;
    return new Promise((resolve) => this.hotWaiters.push(resolve));
  }

  private release() {
    if (this.holder === "hot") {
      const waiters = this.hotWaiters;
      this.hotWaiters = [];
      waiters.forEach((w) => w());
    }
    this.holder = null;
    this.queue.shift()?.resolve();
  }
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/** A statement without arguments, as the adapter takes it. */
const bare = (sql: string) => ({ sql, args: [], argTypes: [] });

// Group commit's linger when busy (see runBatch).
const LINGER_MS = 1;
const BUSY_WITHIN_MS = 5;

/**
 * Wraps Prisma's SQLite adapter factory: keeps its better-sqlite3 connection for the hot statements
 * and puts Prisma's transactions and plain queries behind the gate.
 */
export function sharedSqlite(factory: PrismaBetterSqlite3) {
  const gate = new Gate();
  let database: BetterSqlite3.Database | null = null;
  let checkpointer: Checkpointer | null = null;
  /** Something may have been written: the checkpointer copies the WAL back a little later. */
  const written = () => checkpointer?.written();

  function wrap(adapter: SqliteAdapter): SqliteAdapter {
    const afterHot = async <T>(run: () => Promise<T>): Promise<T> => {
      const wait = gate.hotDone();
      if (wait) await wait;
      return run();
    };
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      // Prisma writes with queryRaw too (INSERT … RETURNING); written() is a flag check.
      queryRaw: (q) => afterHot(() => (written(), adapter.queryRaw(q))),
      executeRaw: (q) => afterHot(() => (written(), adapter.executeRaw(q))),
      executeScript: (s) => afterHot(() => (written(), adapter.executeScript(s))),
      dispose: async () => {
        await checkpointer?.stop();
        return adapter.dispose();
      },
      ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
      // Prisma's own BEGIN is deferred: a transaction that reads first and writes next fails with
      // SQLITE_BUSY, without waiting, when another process wrote in between. BEGIN IMMEDIATE takes
      // the write lock first (waiting the busy timeout for it). Prisma sends COMMIT and ROLLBACK
      // itself (usePhantomQuery false); the gate stands for the adapter's own transaction mutex.
      async startTransaction(level) {
        if (level && level !== "SERIALIZABLE") return adapter.startTransaction(level); // refused by the adapter, as before
        const release = await gate.acquire("prisma");
        try {
          await adapter.executeRaw(bare("BEGIN IMMEDIATE"));
        } catch (e) {
          release();
          throw e;
        }
        return {
          provider: adapter.provider,
          adapterName: adapter.adapterName,
          options: { usePhantomQuery: false },
          queryRaw: (q) => adapter.queryRaw(q),
          executeRaw: (q) => adapter.executeRaw(q),
          // Prisma 7 runs a nested $transaction in a savepoint (the adapter's own transaction has these).
          createSavepoint: async (name) => void (await adapter.executeRaw(bare(`SAVEPOINT ${name}`))),
          rollbackToSavepoint: async (name) => void (await adapter.executeRaw(bare(`ROLLBACK TO ${name}`))),
          releaseSavepoint: async (name) => void (await adapter.executeRaw(bare(`RELEASE SAVEPOINT ${name}`))),
          commit: async () => {
            written();
            release();
          },
          rollback: async () => {
            // Prisma sends ROLLBACK first; never hand the connection on inside a transaction.
            if (database?.inTransaction) database.prepare("ROLLBACK").run();
            release();
          },
        } satisfies SqliteTransaction;
      },
    };
  }

  const wrapped: Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb"> = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      // The adapter keeps its connection as a public field; its type does not say so.
      database = (adapter as unknown as { client: BetterSqlite3.Database }).client;
      if (!database.memory) {
        checkpointer = startCheckpointer(database.name);
        if (checkpointer) database.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
      }
      return wrap(adapter);
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };

  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (q: Sql) => {
    let s = statements.get(q.name);
    if (!s) {
      // Prisma's connection reads integers as BigInt; these statements read plain numbers.
      s = database!.prepare(q.sqlite).safeIntegers(false);
      statements.set(q.name, s);
    }
    return s;
  };
  const args = (values: readonly unknown[]) => values.map(sqliteValue);
  const queries: HotQueries = {
    all: async <T>(q: Sql, values: readonly unknown[]) => prepare(q).all(...args(values)) as T[],
    get: async <T>(q: Sql, values: readonly unknown[]) => prepare(q).get(...args(values)) as T | undefined,
    run: async (q: Sql, values: readonly unknown[]) => prepare(q).run(...args(values)).changes,
    write: async (q: Sql, values: readonly unknown[]) => void prepare(q).run(...args(values)),
  };

  const control = (q: string) => prepare({ name: q, sqlite: q, postgres: q }).run();

  // Group commit (G5): the commit, which writes the WAL, is most of a send's cost. Transactions asked
  // for in the same turn of the event loop run one after the other in one SQLite transaction, each
  // inside its own savepoint (a failure rolls back that one only), and all commit together. Each
  // caller hears back only after the commit, so an acknowledged send is stored.
  //
  // When busy, a batch waits LINGER_MS before it starts (PostgreSQL's commit_delay): on these machines
  // the event loop turns faster than sends arrive, so batches held 2.4 sends on average at 2,000/s and
  // the commit (188 µs, most of it writing the WAL) was paid for every other send. Busy (busyUntil)
  // means the last batch held more than one transaction and committed less than BUSY_WITHIN_MS ago: a
  // lone send, or sends one at a time (G1, G3), never waits. G5, quick runs side by side: CPU per stored message
  // 414/426 → 305/365 µs, ack p99 50/42 → 32/40 ms, G3's p50 unchanged (bench/README.md).
  let batch: Job[] = [];
  let busyUntil = 0;

  async function runBatch() {
    const release = await gate.acquire("hot");
    const jobs = batch;
    batch = [];
    const outcomes: Outcome[] = [];
    try {
      control("BEGIN IMMEDIATE");
      // A batch of one (sends one at a time: G1, G2, G3) needs no savepoint: its failure rolls back the
      // whole transaction, which is only its own. The savepoint and its RELEASE cost 25–30 µs of a
      // send's CPU (the search index's FTS5 table writes its pending terms at every RELEASE).
      if (jobs.length === 1) {
        try {
          outcomes.push({ ok: true, value: await jobs[0].fn(queries) });
        } catch (error) {
          if (database!.inTransaction) control("ROLLBACK");
          release();
          return jobs[0].reject(error);
        }
      } else {
        for (const job of jobs) {
          control("SAVEPOINT hot");
          try {
            outcomes.push({ ok: true, value: await job.fn(queries) });
            control("RELEASE hot");
          } catch (error) {
            control("ROLLBACK TO hot");
            control("RELEASE hot");
            outcomes.push({ ok: false, error });
          }
        }
      }
      control("COMMIT");
      busyUntil = jobs.length > 1 ? performance.now() + BUSY_WITHIN_MS : 0;
      written();
    } catch (e) {
      // The transaction itself failed (disk, lock): nothing of the batch is stored.
      if (database!.inTransaction) control("ROLLBACK");
      release();
      return failAll(jobs, e);
    }
    release();
    settle(jobs, outcomes);
  }

  return {
    factory: wrapped,
    /** The hot statements; `connect` makes Prisma open its connection (it does so lazily, and the hot statements use it). */
    hot(connect: () => Promise<unknown>): Hot {
      const ready = async () => {
        if (!database) await connect();
      };
      return {
        all: async (q, v) => (await ready(), queries.all(q, v)),
        get: async (q, v) => (await ready(), queries.get(q, v)),
        async transaction<T>(fn: (q: HotQueries) => Promise<T>): Promise<T> {
          await ready();
          return new Promise<T>((resolve, reject) => {
            if (batch.length === 0) {
              if (performance.now() < busyUntil) setTimeout(() => void runBatch(), LINGER_MS);
              else setImmediate(() => void runBatch());
            }
            batch.push({ fn, resolve: resolve as (v: unknown) => void, reject });
          });
        },
      };
    },
  };
}

// A change passes its one `now` to most of its statements: its text is made once (3 % of a send's CPU).
let lastDate: Date | null = null;
let lastTime = NaN;
let lastText = "";

/** Stored as Prisma stores them on SQLite: dates as ISO strings with +00:00, booleans as 0/1. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) {
    const time = v.getTime();
    if (v !== lastDate || time !== lastTime) {
      lastDate = v;
      lastTime = time;
      lastText = v.toISOString().replace("Z", "+00:00");
    }
    return lastText;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  return v === undefined ? null : v;
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

// Prisma's columns are `timestamp(3)` without time zone, holding UTC: read them as UTC.
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP_OID) return (s: string) => new Date(`${s.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return (s: string) => Number(s);
    return (pg.types.getTypeParser as (oid: number, format?: string) => (s: string) => unknown)(oid, format);
  },
};

/** A statement for node-pg: named (prepared once per connection) unless it is planned each time. */
function pgQuery(q: Sql, values: readonly unknown[]): pg.QueryConfig {
  const config = { text: q.postgres, values: values.map(pgValue), types: pgTypes };
  return q.planEachTime ? config : { ...config, name: q.name };
}

function pgValue(v: unknown): unknown {
  // A timestamp without time zone ignores the zone of the literal: write the UTC wall time.
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

/**
 * A statement with its values written in, for the simple protocol (several statements, one round trip).
 * From its PostgreSQL text: a statement may be written differently per provider (json_each, casts).
 */
function inline(q: Sql, values: readonly unknown[]): string {
  return q.postgres.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return pg.escapeLiteral(v);
  if (v instanceof Date) return pg.escapeLiteral(v.toISOString());
  throw new Error(`no SQL literal for ${typeof v}`);
}

/**
 * One PostgreSQL transaction on one connection. Round trips are most of its time (G8): BEGIN goes in
 * front of the first statement, and the writes whose results are not needed wait for the next
 * statement, the end of a job or the COMMIT.
 */
class PgTransaction {
  private begun = false;
  private pending: string[] = [];
  constructor(private readonly client: pg.PoolClient) {}

  readonly queries: HotQueries = {
    all: async <T>(q: Sql, v: readonly unknown[]) => (await this.query(q, v)).rows as T[],
    get: async <T>(q: Sql, v: readonly unknown[]) => (await this.query(q, v)).rows[0] as T | undefined,
    run: async (q: Sql, v: readonly unknown[]) => (await this.query(q, v)).rowCount ?? 0,
    write: async (q: Sql, v: readonly unknown[]) => void this.pending.push(inline(q, v)),
  };

  /** Queues a statement to go with the next round trip. */
  later(statement: string) {
    this.pending.push(statement);
  }

  /** Drops what was queued and never sent; returns it. */
  forget(): string[] {
    const dropped = this.pending;
    this.pending = [];
    return dropped;
  }

  /** Sends what is queued, then the given statements, in one round trip. */
  async flush(...statements: string[]) {
    if (!this.begun && this.pending.length === 0 && statements.every((st) => st === "COMMIT")) return;
    await this.simple(statements);
  }

  get started() {
    return this.begun;
  }

  private async query(q: Sql, values: readonly unknown[]) {
    if (!this.begun || this.pending.length) return this.simple([inline(q, values)]);
    return this.client.query(pgQuery(q, values));
  }

  private async simple(statements: string[]) {
    const all = [...(this.begun ? [] : ["BEGIN"]), ...this.pending, ...statements];
    this.begun = true;
    this.pending = [];
    const results = (await this.client.query({ text: all.join(";\n"), types: pgTypes })) as unknown as
      pg.QueryResult | pg.QueryResult[];
    return Array.isArray(results) ? results[results.length - 1] : results;
  }
}

export function postgresHot(pool: pg.Pool): Hot {
  const top = (q: Sql, values: readonly unknown[]) => pool.query(pgQuery(q, values));

  /** Runs jobs in one transaction, each in a savepoint when there are several; settles them after the commit. */
  async function run(jobs: Job[]) {
    const client = await pool.connect().catch((e: unknown) => void failAll(jobs, e));
    if (!client) return;
    const tx = new PgTransaction(client);
    const several = jobs.length > 1;
    const outcomes: Outcome[] = [];
    let broken: Error | undefined;
    try {
      for (const job of jobs) {
        if (several) tx.later("SAVEPOINT job");
        try {
          const value = await job.fn(tx.queries);
          if (several) await tx.flush("RELEASE SAVEPOINT job");
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!several) throw error;
          // A job that failed before its first statement left the server nothing to undo.
          if (!tx.forget().includes("SAVEPOINT job"))
            await tx.flush("ROLLBACK TO SAVEPOINT job", "RELEASE SAVEPOINT job");
          outcomes.push({ ok: false, error });
        }
      }
      await tx.flush("COMMIT");
    } catch (e) {
      if (tx.started) await client.query("ROLLBACK").catch((err: Error) => (broken = err));
      client.release(broken);
      return failAll(jobs, e);
    }
    client.release();
    settle(jobs, outcomes);
  }

  // Group commit per key (a dossier): its transactions serialize on its row lock anyway, so while one
  // runs, the next ones wait here instead of in PostgreSQL, and then share one transaction and one
  // commit (fsync). One key at a time per batch: no lock-order deadlock between batches.
  const queues = new Map<string, Job[]>();
  async function drain(key: string, queue: Job[]) {
    while (queue.length) await run(queue.splice(0, 100));
    queues.delete(key);
  }

  return {
    all: async <T>(q: Sql, v: readonly unknown[]) => (await top(q, v)).rows as T[],
    get: async <T>(q: Sql, v: readonly unknown[]) => (await top(q, v)).rows[0] as T | undefined,
    transaction<T>(fn: (q: HotQueries) => Promise<T>, key?: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const job: Job = { fn, resolve: resolve as (v: unknown) => void, reject };
        if (key === undefined) return void run([job]);
        const queue = queues.get(key);
        if (queue) return void queue.push(job);
        const fresh = [job];
        queues.set(key, fresh);
        void drain(key, fresh);
      });
    },
  };
}
