// The database client, one per process. It lives on globalThis because Next's compiled code and the
// custom server load this module twice (two module instances) yet must share one connection pool.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "./env";
import { PrismaClient as PgClient } from "./db/generated/postgres/client";
import { Prisma, PrismaClient as SqliteClient } from "./db/generated/sqlite/client";

/** Both providers' clients have the same models; the SQLite one's type stands for both. */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

const KEY = Symbol.for("relais.db");
type Holder = { [KEY]?: { url: string; client: Db; ready: Promise<void> } };

// Interactive transactions wait for their turn (one writer per dossier row on PostgreSQL, one per
// process on SQLite): under a burst, Prisma's defaults (2 s to start, 5 s to finish) fail healthy work.
const transactionOptions = { maxWait: 15_000, timeout: 20_000 };

function create(url: string): { client: Db; ready: Promise<void> } {
  if (/^postgres(ql)?:/.test(url)) {
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), transactionOptions }) as unknown as Db;
    return { client, ready: Promise.resolve() };
  }
  // WAL lets readers run beside the writer; the busy timeout makes a second process wait instead of
  // failing. synchronous=NORMAL is durable across process crashes in WAL mode.
  const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }), transactionOptions });
  const ready = (async () => {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return { client, ready };
}

export function db(): Db {
  const holder = globalThis as Holder;
  const url = env().DATABASE_URL;
  if (!holder[KEY] || holder[KEY].url !== url) holder[KEY] = { url, ...create(url) };
  return holder[KEY].client;
}

/** Resolves once connection settings (SQLite pragmas) are applied. */
export function dbReady(): Promise<void> {
  db();
  return (globalThis as Holder)[KEY]!.ready;
}

export async function closeDb() {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  holder[KEY] = undefined;
  if (current) await current.client.$disconnect();
}

/** A unique constraint was violated (Prisma P2002), on either provider. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2002";
}
