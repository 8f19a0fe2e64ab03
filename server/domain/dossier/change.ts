// The one pipeline every dossier change goes through (DESIGN §4): take the dossier's lock and its next
// seq, check access under that lock, run the area's work on the one query interface (HotQueries:
// prepared statements, server/db/hot.ts), append its events and email deliveries, commit, then publish.
//
// - The first statement increments the dossier's seq counter: on PostgreSQL it locks the dossier's row,
//   on SQLite it takes the write lock, so writers of one dossier are serialized and seq stays gap-free.
// - A refusal (ctx.refuse) rolls everything back and comes out as the existing Result
//   ({ ok: false, error: { code, message } } in the actor's language).
// - A change that emits no event changed nothing: it is rolled back too (so no seq is lost) and its
//   value comes back as ok. "Already in that state" needs no error class of its own.
// - Work must use ctx.q only: never db() (Prisma) inside, which would wait for this transaction on SQLite.
import type { Actor } from "../../auth/actor";
import { hot } from "../../db";
import type { HotQueries } from "../../db/hot";
import { fail, ok, type ErrorCode, type Result } from "../../errors";
import type { Locale, MessageKey } from "../../i18n";
import { kickOutbox, publisher } from "../ports";
import { scheduleSearchIndexing } from "../search/indexer";
import type { Audience, PublishedEvent } from "./events";
import { dossierAccess } from "./policy";
import { INSERT_EVENT, LOCK_ACTIVITY, LOCK_QUIET, NEXT_SEQ } from "./queries";

export type ChangeContext<A> = {
  q: HotQueries;
  /** null for jobs (automatic pause, expiries) */
  actor: Actor | null;
  /** what authorize returned, under the lock */
  access: A;
  dossierId: string;
  organizationId: string;
  now: Date;
  /** Reserves the next seq (the first one was taken with the lock), for rows that store their seq. */
  seq(): Promise<number>;
  /**
   * Appends an event, with a seq reserved by seq() or a new one. Published after commit, unless
   * `unpublished`: stored for the timeline and catch-up (which filter it per reader) but sent to no
   * live room, for an event only some of its audience may read (T4: a former holder's invoice).
   */
  emit(
    type: string,
    payload: unknown,
    opts?: { audience?: Audience; seq?: number; unpublished?: boolean },
  ): Promise<PublishedEvent>;
  /** Refuses the change: everything rolls back and the caller gets this error in the actor's language. */
  refuse(code: ErrorCode, key?: MessageKey): never;
  /** Runs after commit, before the events are published (revoking sockets, A3). */
  afterCommit(fn: () => void): void;
  /** The change wrote email deliveries: the outbox worker is woken after commit (N6). */
  emailed(): void;
};

export type ChangeSpec<A> = {
  dossierId: string;
  actor: Actor | null;
  /** The area's policy, asked under the lock with the transaction's queries; null is a 404 (A1). */
  authorize: (q: HotQueries, dossierId: string) => Promise<A | null>;
  /** false: not activity (P5); the dossier's lastActivityAt stays. */
  activity?: boolean;
  now?: Date;
  /** the language of refusals when there is no actor */
  locale?: Locale;
  /**
   * A change that creates the dossier (its id chosen by the caller with newId()): inserts its row
   * first, in the same transaction, so the lock finds it and the first event takes seq 1.
   */
  create?: (q: HotQueries) => Promise<void>;
};

/** Thrown by ctx.refuse; the only way out of a change besides its value and real failures. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key?: MessageKey,
  ) {
    super(code);
  }
}

/** Thrown by the pipeline itself to roll back a change that emitted nothing. */
class NoChange<T> extends Error {
  constructor(readonly value: T) {
    super("no change");
  }
}

type Committed<T> = { value: T; events: PublishedEvent[]; after: (() => void)[]; emailed: boolean };

export async function changeDossier<A, T>(
  spec: ChangeSpec<A>,
  work: (ctx: ChangeContext<A>) => Promise<T>,
): Promise<Result<T>> {
  const now = spec.now ?? new Date();
  const locale = spec.actor?.locale ?? spec.locale ?? "fr";
  let committed: Committed<T>;
  try {
    committed = await hot().transaction((q) => run(q, spec, now, work), spec.dossierId);
  } catch (e) {
    if (e instanceof Refusal) return fail(e.code, locale, e.key);
    if (e instanceof NoChange) return ok(e.value as T);
    throw e;
  }
  // A3, T4: what the change does to sockets (a member revoked or turned read-only) comes before its
  // events: a page losing the dossier hears "dossier:revoked" first and ignores the rest. The other way
  // round, an advisor's page refreshed on "transfer.accepted" and got a 404 instead of the notice.
  for (const fn of committed.after) fn();
  const p = publisher();
  for (const event of committed.events) p.dossierEvent(event);
  if (committed.emailed) kickOutbox();
  // C9: a message, a title or a document name it wrote is queued for the search index (SQLite).
  scheduleSearchIndexing();
  return ok(committed.value);
}

async function run<A, T>(
  q: HotQueries,
  spec: ChangeSpec<A>,
  now: Date,
  work: (ctx: ChangeContext<A>) => Promise<T>,
): Promise<Committed<T>> {
  if (spec.create) await spec.create(q);
  const locked =
    spec.activity === false
      ? await q.get<{ seq: number | bigint; organizationId: string }>(LOCK_QUIET, [now, spec.dossierId])
      : await q.get<{ seq: number | bigint; organizationId: string }>(LOCK_ACTIVITY, [now, now, spec.dossierId]);
  if (!locked) throw new Refusal("not_found");
  const access = await spec.authorize(q, spec.dossierId);
  if (access === null) {
    // T4: a read-only copy may see the dossier, so saying so leaks nothing; anyone else gets 404 (A1).
    if (spec.actor && (await dossierAccess(spec.actor, spec.dossierId, q))?.readOnly)
      throw new Refusal("conflict", "dossier.readOnly");
    throw new Refusal("not_found");
  }

  let firstSeq: number | null = Number(locked.seq);
  const events: PublishedEvent[] = [];
  let stored = 0;
  const after: (() => void)[] = [];
  let emailed = false;
  const organizationId = locked.organizationId;

  const seq = async (): Promise<number> => {
    if (firstSeq !== null) {
      const s = firstSeq;
      firstSeq = null;
      return s;
    }
    const row = await q.get<{ seq: number | bigint }>(NEXT_SEQ, [spec.dossierId]);
    return Number(row!.seq);
  };

  const ctx: ChangeContext<A> = {
    q,
    actor: spec.actor,
    access,
    dossierId: spec.dossierId,
    organizationId,
    now,
    seq,
    async emit(type, payload, opts = {}) {
      const eventSeq = opts.seq ?? (await seq());
      const audience = opts.audience ?? "all";
      await q.write(INSERT_EVENT, [
        spec.dossierId,
        eventSeq,
        type,
        audience,
        spec.actor?.userId ?? null,
        JSON.stringify(payload),
        now,
      ]);
      const event: PublishedEvent = {
        dossierId: spec.dossierId,
        seq: eventSeq,
        type,
        payload,
        at: now.toISOString(),
        audience,
        organizationId,
      };
      stored += 1;
      if (!opts.unpublished) events.push(event);
      return event;
    },
    refuse(code, key) {
      throw new Refusal(code, key);
    },
    afterCommit(fn) {
      after.push(fn);
    },
    emailed() {
      emailed = true;
    },
  };

  const value = await work(ctx);
  if (stored === 0) throw new NoChange(value);
  // Events are published in seq order whatever order the work emitted them in.
  events.sort((a, b) => a.seq - b.seq);
  return { value, events, after, emailed };
}
