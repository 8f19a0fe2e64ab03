// Pause and reactivation of a dossier (P1–P11): by hand from the Settings tab (P2, P9), for several
// dossiers at once by staff (P8), automatically for inactivity (P3, see server/jobs/auto-pause.ts) and on
// applicant-side activity (P6). Every state change is guarded in the database ("where active" /
// "where paused", then the count), so concurrent requests record one event, and idempotent calls none.
import type { Actor } from "../../auth/actor";
import { db, type Prisma, type Tx } from "../../db";
import { fail, ok, type AppError, type Result } from "../../errors";
import type { PublishedEvent } from "../dossier/events";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import { notifyPaused, notifyReactivated } from "../notification/service";
import { allows, type DossierAccess } from "../dossier/policy";
import {
  DOSSIER_PAUSED,
  DOSSIER_REACTIVATED,
  type PausePayload,
  type PauseReason,
  type ReactivationPayload,
} from "./events";
import { canPause, canPauseMany, staffOrganizationIds } from "./policy";
import { pauseManySchema, pauseSchema, reactivateSchema } from "./schema";

/** The outcome of a manual change: `changed` is false when the dossier already was in that state. */
export type PauseOutcome = Result<{ changed: boolean }>;

class AccessLost extends Error {}

/**
 * P6: an applicant-side activity (message, recommendation status, upload) reactivates a paused
 * dossier. Call it inside the activity's transaction, after the activity's own event; it returns the
 * reactivation event to publish after commit (none when the dossier was active or the actor is not on
 * the applicant side). The update is guarded by "where paused", so two concurrent activities record
 * one reactivation.
 */
export async function reactivateOnApplicantActivity(
  tx: Tx,
  access: DossierAccess,
  actor: Actor,
  activity: NonNullable<ReactivationPayload["activity"]>,
  now: Date,
): Promise<PublishedEvent[]> {
  if (access.side !== "applicant") return [];
  const updated = await tx.dossier.updateMany({
    where: { id: access.dossierId, pausedAt: { not: null } },
    // P10: reminders count again from this reactivation (R3).
    data: {
      pausedAt: null,
      pauseCause: null,
      pauseReason: null,
      pausedById: null,
      lastApplicantVisitAt: now,
      remindersArmedAt: now,
    },
  });
  if (updated.count === 0) return [];
  const { seq, organizationId } = await nextSeq(tx, access.dossierId, now);
  const payload: ReactivationPayload = { cause: "activity", byUserId: actor.userId, byName: actor.name, activity };
  return [
    await appendEvent(tx, {
      dossierId: access.dossierId,
      organizationId,
      seq,
      type: DOSSIER_REACTIVATED,
      audience: "all",
      actorId: actor.userId,
      payload,
      at: now,
    }),
  ];
}

type Check = (actor: Actor, dossierId: string, tx?: Tx) => Promise<DossierAccess | null>;

async function pauseOne(
  actor: Actor,
  dossierId: string,
  reason: PauseReason,
  comment: string | undefined,
  now: Date,
  check: Check,
): Promise<PauseOutcome> {
  if (!(await check(actor, dossierId))) return fail("not_found", actor.locale);
  try {
    const events = await db().$transaction(async (tx) => {
      // The guard is the first statement: it takes SQLite's write lock and PostgreSQL's row lock.
      const updated = await tx.dossier.updateMany({
        where: { id: dossierId, pausedAt: null },
        data: { pausedAt: now, pauseCause: "manual", pauseReason: reason, pausedById: actor.userId },
      });
      if (updated.count === 0) return [];
      // Checked again inside the transaction: a member removed meanwhile cannot pause.
      if (!(await check(actor, dossierId, tx))) throw new AccessLost();
      const { seq, organizationId } = await nextSeq(tx, dossierId, now);
      const payload: PausePayload = {
        cause: "manual",
        reason,
        ...(comment ? { comment } : {}),
        byUserId: actor.userId,
        byName: actor.name,
      };
      await notifyPaused(tx, { dossierId, by: { userId: actor.userId, name: actor.name }, reason, now });
      return [
        await appendEvent(tx, {
          dossierId,
          organizationId,
          seq,
          type: DOSSIER_PAUSED,
          audience: "all",
          actorId: actor.userId,
          payload,
          at: now,
        }),
      ];
    });
    publishAll(events);
    return ok({ changed: events.length > 0 });
  } catch (e) {
    if (e instanceof AccessLost) return fail("not_found", actor.locale);
    throw e;
  }
}

/** P2, P9: the referent or staff pauses a dossier by hand, with a reason and an optional comment. */
export async function pauseDossier(actor: Actor, raw: unknown, now = new Date()): Promise<PauseOutcome> {
  const parsed = pauseSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale, invalidKey(parsed.error.issues));
  return pauseOne(actor, parsed.data.dossierId, parsed.data.reason, parsed.data.comment, now, canPause);
}

/** P2: the referent or staff reactivates a paused dossier by hand; it restarts the P3 clock. */
export async function reactivateDossier(actor: Actor, raw: unknown, now = new Date()): Promise<PauseOutcome> {
  const parsed = reactivateSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId } = parsed.data;
  if (!(await canPause(actor, dossierId))) return fail("not_found", actor.locale);
  try {
    const events = await db().$transaction(async (tx) => {
      const updated = await tx.dossier.updateMany({
        where: { id: dossierId, pausedAt: { not: null } },
        // P10: reminders count again from this reactivation (R3).
        data: {
          pausedAt: null,
          pauseCause: null,
          pauseReason: null,
          pausedById: null,
          lastReactivatedAt: now,
          remindersArmedAt: now,
        },
      });
      if (updated.count === 0) return [];
      if (!(await canPause(actor, dossierId, tx))) throw new AccessLost();
      const { seq, organizationId } = await nextSeq(tx, dossierId, now);
      const payload: ReactivationPayload = { cause: "manual", byUserId: actor.userId, byName: actor.name };
      await notifyReactivated(tx, { dossierId, by: { userId: actor.userId, name: actor.name }, now });
      return [
        await appendEvent(tx, {
          dossierId,
          organizationId,
          seq,
          type: DOSSIER_REACTIVATED,
          audience: "all",
          actorId: actor.userId,
          payload,
          at: now,
        }),
      ];
    });
    publishAll(events);
    return ok({ changed: events.length > 0 });
  } catch (e) {
    if (e instanceof AccessLost) return fail("not_found", actor.locale);
    throw e;
  }
}

export type PauseManyResult = { dossierId: string } & ({ ok: true; changed: boolean } | { ok: false; error: AppError });

/**
 * P8: staff pause several dossiers at once. Each dossier is checked by the policy on its own and
 * paused in its own transaction, so one refused dossier does not stop the others.
 */
export async function pauseDossiers(
  actor: Actor,
  dossierIds: unknown,
  reason: unknown,
  comment?: unknown,
  now = new Date(),
): Promise<Result<{ results: PauseManyResult[] }>> {
  const parsed = pauseManySchema.safeParse({ dossierIds, reason, comment });
  if (!parsed.success) return fail("invalid", actor.locale, invalidKey(parsed.error.issues));
  const results: PauseManyResult[] = [];
  for (const dossierId of parsed.data.dossierIds) {
    const r = await pauseOne(actor, dossierId, parsed.data.reason, parsed.data.comment, now, canPauseMany);
    results.push(r.ok ? { dossierId, ok: true, changed: r.value.changed } : { dossierId, ok: false, error: r.error });
  }
  return ok({ results });
}

function invalidKey(issues: { path: PropertyKey[] }[]) {
  if (issues.some((i) => i.path[0] === "reason")) return "pause.error.reason" as const;
  if (issues.some((i) => i.path[0] === "comment")) return "pause.error.comment" as const;
  return "error.invalid" as const;
}

/**
 * P3: active dossiers whose clock is older than the cutoff. The clock is the later of the last
 * applicant-side visit (creation when never visited) and the last manual reactivation.
 */
export function inactiveSince(cutoff: Date): Prisma.DossierWhereInput {
  return {
    pausedAt: null,
    AND: [
      { OR: [{ lastApplicantVisitAt: { lt: cutoff } }, { lastApplicantVisitAt: null, createdAt: { lt: cutoff } }] },
      { OR: [{ lastReactivatedAt: null }, { lastReactivatedAt: { lt: cutoff } }] },
    ],
  };
}

/**
 * P3: pauses one dossier for inactivity if it is still active and still inactive, in one guarded
 * statement (a concurrent run or a visit in between wins). Inactivity is not activity: the seq is taken
 * in that same statement without touching lastActivityAt, which nextSeq would move (P5: the dashboard's
 * recent-activity filter must still be able to hide a dossier paused for inactivity).
 */
export async function pauseForInactivity(
  dossierId: string,
  cutoff: Date,
  delayDays: number,
  now: Date,
): Promise<PublishedEvent | null> {
  const event = await db().$transaction(async (tx) => {
    const updated = await tx.dossier.updateMany({
      where: { id: dossierId, ...inactiveSince(cutoff) },
      data: { pausedAt: now, pauseCause: "inactivity", pauseReason: null, pausedById: null, seq: { increment: 1 } },
    });
    if (updated.count === 0) return null;
    const { seq, organizationId } = await tx.dossier.findUniqueOrThrow({
      where: { id: dossierId },
      select: { seq: true, organizationId: true },
    });
    const payload: PausePayload = { cause: "inactivity", delayDays, byUserId: null, byName: null };
    await notifyPaused(tx, { dossierId, by: null, reason: null, delayDays, now });
    return appendEvent(tx, {
      dossierId,
      organizationId,
      seq,
      type: DOSSIER_PAUSED,
      audience: "all",
      actorId: null,
      payload,
      at: now,
    });
  });
  if (event) publishAll([event]);
  return event;
}

/** How often an applicant-side visit is written: the P3 clock counts in days, page loads stay reads. */
const VISIT_PRECISION_MS = 60 * 60 * 1000;

/** P3: an applicant-side member opened the dossier. A visit restarts the clock but never reactivates. */
export async function recordApplicantVisit(access: DossierAccess, now = new Date()): Promise<void> {
  if (access.side !== "applicant") return;
  await db().dossier.updateMany({
    where: {
      id: access.dossierId,
      OR: [
        { lastApplicantVisitAt: null },
        { lastApplicantVisitAt: { lt: new Date(now.getTime() - VISIT_PRECISION_MS) } },
      ],
    },
    data: { lastApplicantVisitAt: now },
  });
}

export type PauseState = {
  paused: boolean;
  pausedAt: string | null;
  cause: "manual" | "inactivity" | null;
  reason: PauseReason | null;
  comment: string | null;
  byName: string | null;
  /** P2: whether this viewer may pause or reactivate by hand */
  canManage: boolean;
};

/** What the Settings tab shows about the pause (P2, P9), for a viewer who may see the dossier. */
export async function pauseState(access: DossierAccess): Promise<PauseState> {
  const canManage = allows(access, "dossier.pause");
  const d = await db().dossier.findUniqueOrThrow({
    where: { id: access.dossierId },
    select: { pausedAt: true, pauseCause: true },
  });
  if (!d.pausedAt)
    return { paused: false, pausedAt: null, cause: null, reason: null, comment: null, byName: null, canManage };
  const last = await db().dossierEvent.findFirst({
    where: { dossierId: access.dossierId, type: DOSSIER_PAUSED },
    orderBy: { seq: "desc" },
    select: { payload: true },
  });
  const p = last ? (JSON.parse(last.payload) as PausePayload) : null;
  return {
    paused: true,
    pausedAt: d.pausedAt.toISOString(),
    cause: d.pauseCause === "inactivity" ? "inactivity" : "manual",
    reason: p?.cause === "manual" ? p.reason : null,
    comment: p?.cause === "manual" ? (p.comment ?? null) : null,
    byName: p?.byName ?? null,
    canManage,
  };
}

/** A run is stale when it is older than this: the hourly job has stopped (P11). */
export const AUTO_PAUSE_STALE_MS = 2 * 60 * 60 * 1000;

export type AutoPauseRunView = {
  startedAt: string;
  finishedAt: string | null;
  paused: number;
  failed: boolean;
  stale: boolean;
};

/** P11: the last run of the automatic pause job, for staff; the count covers their organizations only (A3). */
export async function lastAutoPauseRun(actor: Actor, now = new Date()): Promise<Result<AutoPauseRunView | null>> {
  const orgIds = await staffOrganizationIds(actor);
  if (orgIds.length === 0) return fail("not_found", actor.locale);
  const run = await db().autoPauseRun.findFirst({ orderBy: { startedAt: "desc" } });
  if (!run) return ok(null);
  const byOrg = JSON.parse(run.pausedByOrganization) as Record<string, number>;
  return ok({
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    paused: orgIds.reduce((n, id) => n + (byOrg[id] ?? 0), 0),
    failed: run.error !== null,
    stale: now.getTime() - run.startedAt.getTime() > AUTO_PAUSE_STALE_MS,
  });
}
