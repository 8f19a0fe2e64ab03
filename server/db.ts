// The database client, one per process. It lives on globalThis because Next's compiled code and the
// custom server load this module twice (two module instances) yet must share one connection pool.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "./env";
import { logger } from "./logger";
import { isHotUniqueViolation, postgresHot, sharedSqlite, type Hot, type HotQueries, type Sql } from "./db/hot";
import { PrismaClient as PgClient } from "./db/generated/postgres/client";
import { Prisma, PrismaClient as SqliteClient } from "./db/generated/sqlite/client";

/** Both providers' clients have the same models; the SQLite one's type stands for both. */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

const KEY = Symbol.for("relais.db");
type Connection = { client: Db; hot: Hot; ready: Promise<void>; close: () => Promise<void> };
type Holder = { [KEY]?: { url: string } & Connection };

// Interactive transactions wait for their turn (one writer per dossier row on PostgreSQL, one per
// process on SQLite): under a burst, Prisma's defaults (2 s to start, 5 s to finish) fail healthy work.
const transactionOptions = { maxWait: 15_000, timeout: 20_000 };

function create(url: string): Connection {
  if (env().provider === "postgres") {
    // One pool for Prisma and the hot statements (server/db/hot.ts).
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection that the server ends (restart, dropped database) must not crash the process.
    pool.on("error", (e) => logger.warn("database connection lost", { error: String(e) }));
    const client = new PgClient({ adapter: new PrismaPg(pool), transactionOptions }) as unknown as Db;
    return { client, hot: postgresHot(pool), ready: Promise.resolve(), close: () => pool.end() };
  }
  // WAL lets readers run beside the writer; the busy timeout makes a second process wait instead of
  // failing. synchronous=NORMAL is durable across process crashes in WAL mode.
  const shared = sharedSqlite(new PrismaBetterSqlite3({ url, timeout: 5000 }));
  const client = new SqliteClient({ adapter: shared.factory, transactionOptions });
  const ready = (async () => {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    // Group commit runs each change in a savepoint, whose journal of the pages it changes goes to a temp
    // file by default: in memory, a send in a batch of 50 costs about 40 µs less (issue 18, bench/README.md).
    await client.$queryRawUnsafe("PRAGMA temp_store = MEMORY");
  })();
  return { client, hot: shared.hot(() => ready), ready, close: async () => {} };
}

function connection(): Connection {
  const holder = globalThis as Holder;
  const url = env().DATABASE_URL;
  if (!holder[KEY] || holder[KEY].url !== url) holder[KEY] = { url, ...create(url) };
  return holder[KEY];
}

export function db(): Db {
  return connection().client;
}

/** Prepared statements for the hot paths (server/db/hot.ts), on the same connection(s) as db(). */
export function hot(): Hot {
  return connection().hot;
}

/**
 * Resolves once connection settings (SQLite pragmas) are applied and Prisma has answered a query: its
 * first one loads the query compiler (WebAssembly) and, on PostgreSQL, opens a connection, about 170 ms
 * that the process's first request would otherwise wait (issue 18). SQLite's pragmas are that query.
 */
export async function dbReady(): Promise<void> {
  const c = connection();
  await c.ready;
  if (env().provider === "postgres") await c.client.$queryRawUnsafe("SELECT 1");
}

// Work scheduled against the connection (the search indexer's next batch) is dropped when it closes,
// rather than reopening a database that is going away.
const CLOSE_HOOKS = Symbol.for("relais.db.closeHooks");
const closeHooks = (): Set<() => void> =>
  ((globalThis as { [CLOSE_HOOKS]?: Set<() => void> })[CLOSE_HOOKS] ??= new Set());

export function onDbClose(fn: () => void) {
  closeHooks().add(fn);
}

export async function closeDb() {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  holder[KEY] = undefined;
  for (const fn of closeHooks()) fn();
  if (current) {
    await current.client.$disconnect();
    await current.close();
  }
}

/** A unique constraint was violated (Prisma P2002, or a hot statement's driver error), on either provider. */
export function isUniqueViolation(e: unknown): boolean {
  return (
    (typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2002") ||
    isHotUniqueViolation(e)
  );
}

/**
 * A hot statement run through Prisma (its raw queries), for code that runs either in a hot transaction
 * or inside a Prisma transaction: the same SQL, one code path.
 */
export function queriesOf(client: Db | Tx | HotQueries): HotQueries {
  if (!("$queryRawUnsafe" in client)) return client;
  const text = (q: Sql) => (env().provider === "postgres" ? q.postgres : q.sqlite);
  return {
    all: <T>(q: Sql, args: readonly unknown[]) => client.$queryRawUnsafe<T[]>(text(q), ...args),
    get: async <T>(q: Sql, args: readonly unknown[]) => (await client.$queryRawUnsafe<T[]>(text(q), ...args))[0],
    run: (q: Sql, args: readonly unknown[]) => client.$executeRawUnsafe(text(q), ...args),
    write: async (q: Sql, args: readonly unknown[]) => void (await client.$executeRawUnsafe(text(q), ...args)),
  };
}
