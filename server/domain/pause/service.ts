// Pause and reactivation of a dossier (P1–P11): by hand from the Settings tab (P2, P9), for several
// dossiers at once by staff (P8), automatically for inactivity (P3, see server/jobs/auto-pause.ts) and on
// applicant-side activity (P6). Every state change is guarded in the database ("where active" /
// "where paused", then the count), so concurrent requests record one event, and idempotent calls none.
import type { Actor } from "../../auth/actor";
import { db, type Prisma } from "../../db";
import type { HotQueries } from "../../db/hot";
import { fail, ok, type AppError, type Result } from "../../errors";
import type { PublishedEvent } from "../dossier/events";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { notifyPaused, notifyReactivated } from "../notification/service";
import { allows, type DossierAccess } from "../dossier/policy";
import {
  DOSSIER_PAUSED,
  DOSSIER_REACTIVATED,
  type PausePayload,
  type PauseReason,
  type ReactivationPayload,
} from "./events";
import { canPause, canPauseMany } from "./policy";
import { staffOrganizationIds } from "../dossier/policy";
import { PAUSE_BY_HAND, PAUSE_FOR_INACTIVITY, REACTIVATE_BY_HAND, REACTIVATE_ON_ACTIVITY } from "./queries";
import { pauseManySchema, pauseSchema, reactivateManySchema, reactivateSchema } from "./schema";

/** The outcome of a manual change: `changed` is false when the dossier already was in that state. */
export type PauseOutcome = Result<{ changed: boolean }>;

/**
 * P6: an applicant-side activity (message, recommendation status, upload) reactivates a paused
 * dossier. Call it inside the activity's change, after the activity's own event; it emits the
 * reactivation (nothing when the dossier was active or the actor is not on the applicant side). The
 * update is guarded by "where paused", so two concurrent activities record one reactivation.
 */
export async function reactivateOnApplicantActivity(
  ctx: ChangeContext<DossierAccess>,
  activity: NonNullable<ReactivationPayload["activity"]>,
): Promise<boolean> {
  const { access, actor, now } = ctx;
  if (access.side !== "applicant" || access.pausedAt === null || !actor) return false;
  const changed = await ctx.q.run(REACTIVATE_ON_ACTIVITY, [now, now, ctx.dossierId]);
  if (changed === 0) return false;
  const payload: ReactivationPayload = { cause: "activity", byUserId: actor.userId, byName: actor.name, activity };
  await ctx.emit(DOSSIER_REACTIVATED, payload);
  return true;
}

type Check = (actor: Actor, dossierId: string, q: HotQueries) => Promise<DossierAccess | null>;

async function pauseOne(
  actor: Actor,
  dossierId: string,
  reason: PauseReason,
  comment: string | undefined,
  now: Date,
  check: Check,
): Promise<PauseOutcome> {
  // P5, D2: a pause is not activity: lastActivityAt stays, so the dashboard's recent-activity filter
  // can hide a dossier paused because nothing happens on it.
  const spec = {
    dossierId,
    actor,
    now,
    activity: false,
    authorize: (q: HotQueries, id: string) => check(actor, id, q),
  };
  return changeDossier(spec, async (ctx) => {
    if ((await ctx.q.run(PAUSE_BY_HAND, [now, reason, actor.userId, dossierId])) === 0) return { changed: false };
    const payload: PausePayload = {
      cause: "manual",
      reason,
      ...(comment ? { comment } : {}),
      byUserId: actor.userId,
      byName: actor.name,
    };
    await notifyPaused(ctx.q, { dossierId, by: { userId: actor.userId, name: actor.name }, reason, now });
    await ctx.emit(DOSSIER_PAUSED, payload);
    return { changed: true };
  });
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
  return reactivateOne(actor, parsed.data.dossierId, now, canPause);
}

/** P8: staff reactivate several dossiers at once; each checked and changed on its own, like pauseDossiers. */
export async function reactivateDossiers(
  actor: Actor,
  dossierIds: unknown,
  now = new Date(),
): Promise<Result<{ results: PauseManyResult[] }>> {
  const parsed = reactivateManySchema.safeParse({ dossierIds });
  if (!parsed.success) return fail("invalid", actor.locale);
  const results: PauseManyResult[] = [];
  for (const dossierId of parsed.data.dossierIds) {
    const r = await reactivateOne(actor, dossierId, now, canPauseMany);
    results.push(r.ok ? { dossierId, ok: true, changed: r.value.changed } : { dossierId, ok: false, error: r.error });
  }
  return ok({ results });
}

function reactivateOne(actor: Actor, dossierId: string, now: Date, check: Check): Promise<PauseOutcome> {
  return changeDossier({ dossierId, actor, now, authorize: (q, id) => check(actor, id, q) }, async (ctx) => {
    if ((await ctx.q.run(REACTIVATE_BY_HAND, [now, now, dossierId])) === 0) return { changed: false };
    const payload: ReactivationPayload = { cause: "manual", byUserId: actor.userId, byName: actor.name };
    await notifyReactivated(ctx.q, { dossierId, by: { userId: actor.userId, name: actor.name }, now });
    await ctx.emit(DOSSIER_REACTIVATED, payload);
    return { changed: true };
  });
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
 * statement (a concurrent run or a visit in between wins). Inactivity is not activity: the change
 * leaves lastActivityAt alone (P5: the dashboard's recent-activity filter can still hide it).
 */
export async function pauseForInactivity(
  dossierId: string,
  cutoff: Date,
  delayDays: number,
  now: Date,
): Promise<PublishedEvent | null> {
  const res = await changeDossier(
    { dossierId, actor: null, now, activity: false, authorize: async () => true },
    async (ctx) => {
      if ((await ctx.q.run(PAUSE_FOR_INACTIVITY, [now, dossierId, cutoff, cutoff, cutoff])) === 0) return null;
      const payload: PausePayload = { cause: "inactivity", delayDays, byUserId: null, byName: null };
      await notifyPaused(ctx.q, { dossierId, by: null, reason: null, delayDays, now });
      return ctx.emit(DOSSIER_PAUSED, payload);
    },
  );
  return res.ok ? res.value : null;
}

/** How often an applicant-side visit is written: the P3 clock counts in days, page loads stay reads. */
const VISIT_PRECISION_MS = 60 * 60 * 1000;

/** P3: an applicant-side member opened the dossier. A visit restarts the clock but never reactivates. */
export async function recordApplicantVisit(access: DossierAccess, now = new Date()): Promise<void> {
  if (access.side !== "applicant" || access.readOnly) return;
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

/**
 * P11: the last run of the automatic pause job, for staff; the count covers their organizations only
 * (A3). `staffOf`: the actor's staff organizations when the caller has just read them (the dashboard,
 * from dossierVisibility), so that the page does not read them twice.
 */
export async function lastAutoPauseRun(
  actor: Actor,
  now = new Date(),
  staffOf?: string[],
): Promise<Result<AutoPauseRunView | null>> {
  const orgIds = staffOf ?? (await staffOrganizationIds(actor));
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

// P3, P11: the automatic pause job's run (server/jobs/auto-pause.ts schedules it).
const DAY_MS = 24 * 60 * 60 * 1000;

export type AutoPauseResult = { runId: string; paused: number; byOrganization: Record<string, number> };

/** `delayDays` overrides every organization's setting (tests, one-off runs). */
export async function runAutoPause(now: Date, opts: { delayDays?: number } = {}): Promise<AutoPauseResult> {
  const started = Date.now();
  const run = await db().autoPauseRun.create({ data: { startedAt: now }, select: { id: true } });
  const byOrganization: Record<string, number> = {};
  let paused = 0;
  // P11: every run is recorded, failed or not, with what it paused.
  const finish = (error: string | null) =>
    db().autoPauseRun.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(now.getTime() + Date.now() - started),
        pausedCount: paused,
        pausedByOrganization: JSON.stringify(byOrganization),
        ...(error ? { error } : {}),
      },
    });
  try {
    const orgs = await db().organization.findMany({ select: { id: true, autoPauseDays: true } });
    for (const org of orgs) {
      const delayDays = opts.delayDays ?? org.autoPauseDays;
      const cutoff = new Date(now.getTime() - delayDays * DAY_MS);
      const candidates = await db().dossier.findMany({
        where: { organizationId: org.id, ...inactiveSince(cutoff) },
        select: { id: true },
      });
      for (const { id } of candidates) {
        if (await pauseForInactivity(id, cutoff, delayDays, now)) {
          paused += 1;
          byOrganization[org.id] = (byOrganization[org.id] ?? 0) + 1;
        }
      }
    }
  } catch (e) {
    await finish(e instanceof Error ? e.message : String(e));
    throw e;
  }
  await finish(null);
  return { runId: run.id, paused, byOrganization };
}
