// Recommendations (R1, R2): created and edited by the advisor side, status moved by both sides. Each
// change and its DossierEvent are written in one transaction, then published to every viewer.
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asDate, newId, type HotQueries } from "../../db/hot";
import { fail, type AppError, type Result } from "../../errors";
import type { MessageKey } from "../../i18n";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { createdBeforeWhere, type DossierAccess } from "../dossier/policy";
import { mayEditRecommendations, mayMoveRecommendationStatus } from "./policy";
import { notifyRecommendationCreated, notifyRecommendationStatus } from "../notification/service";
import { reactivateOnApplicantActivity } from "../pause/service";
import {
  RECOMMENDATION_CREATED,
  RECOMMENDATION_STATUS_CHANGED,
  RECOMMENDATION_UPDATED,
  type RecommendationCreatedPayload,
  type RecommendationStatusChangedPayload,
  type RecommendationUpdatedPayload,
  type RecommendationView,
} from "./events";
import {
  CHANGE_STATUS,
  DOCUMENT_IN_DOSSIER,
  DOSSIER_OF,
  INSERT_RECOMMENDATION,
  RECOMMENDATION,
  recommendationSelect as select,
  UPDATE_RECOMMENDATION,
} from "./queries";
import { changeStatusSchema, createRecommendationSchema, updateRecommendationSchema } from "./schema";
import { OPEN_STATUSES, RECOMMENDATION_STATUSES, type RecommendationStatus } from "./statuses";
import { displayName } from "../text";

type Outcome = { ok: true; recommendation: RecommendationView } | { ok: false; error: AppError };

type Row = {
  id: string;
  dossierId: string;
  title: string;
  body: string;
  link: string | null;
  status: string;
  statusChangedAt: Date;
  createdAt: Date;
  seq: number;
  author: { id: string; name: string | null; email: string };
  document: { id: string; originalName: string; visibleToUserId?: string | null } | null;
  statusChangedById: string | null;
};

type Person = { id: string; name: string | null; email: string };

function toStatus(s: string): RecommendationStatus {
  return (RECOMMENDATION_STATUSES as readonly string[]).includes(s) ? (s as RecommendationStatus) : "proposed";
}

function viewOf(r: Row, changer: Person | null): RecommendationView {
  return {
    id: r.id,
    dossierId: r.dossierId,
    title: r.title,
    body: r.body,
    link: r.link,
    document: r.document ? { id: r.document.id, name: r.document.originalName } : null,
    status: toStatus(r.status),
    author: { id: r.author.id, name: displayName(r.author) },
    statusChangedAt: r.statusChangedAt.toISOString(),
    statusChangedBy: changer ? { id: changer.id, name: displayName(changer) } : null,
    createdAt: r.createdAt.toISOString(),
    seq: r.seq,
  };
}

type OneRow = {
  id: string;
  dossierId: string;
  title: string;
  body: string;
  link: string | null;
  status: string;
  statusChangedAt: unknown;
  createdAt: unknown;
  seq: number | bigint;
  authorId: string;
  authorName: string | null;
  authorEmail: string;
  documentId: string | null;
  documentName: string | null;
  changerId: string | null;
  changerName: string | null;
  changerEmail: string | null;
};

/** One recommendation of the dossier, read in the change's transaction, or null. */
async function readOne(
  q: HotQueries,
  id: string,
  dossierId: string,
): Promise<{ row: Row; changer: Person | null } | null> {
  const r = await q.get<OneRow>(RECOMMENDATION, [id, dossierId]);
  if (!r) return null;
  return {
    row: {
      id: r.id,
      dossierId: r.dossierId,
      title: r.title,
      body: r.body,
      link: r.link,
      status: r.status,
      statusChangedAt: asDate(r.statusChangedAt),
      createdAt: asDate(r.createdAt),
      seq: Number(r.seq),
      author: { id: r.authorId, name: r.authorName, email: r.authorEmail },
      document: r.documentId ? { id: r.documentId, originalName: r.documentName ?? "" } : null,
      statusChangedById: r.changerId,
    },
    changer: r.changerId ? { id: r.changerId, name: r.changerName, email: r.changerEmail ?? "" } : null,
  };
}

/** The first zod issue as a catalogue key when it is one of ours, else the generic "invalid". */
function invalid(actor: Actor, issues: { message: string }[]) {
  const key = issues.find((i) => i.message.startsWith("reco."))?.message as MessageKey | undefined;
  return fail("invalid", actor.locale, key ?? "error.invalid");
}

function outcome<T extends object>(res: Result<T>): ({ ok: true } & T) | { ok: false; error: AppError } {
  return res.ok ? { ok: true, ...res.value } : res;
}

/** A document given as the recommendation's file must belong to the same dossier. */
async function checkDocument(ctx: ChangeContext<DossierAccess>, documentId: string | null) {
  if (!documentId) return;
  if (!(await ctx.q.get(DOCUMENT_IN_DOSSIER, [documentId, ctx.dossierId])))
    ctx.refuse("invalid", "reco.documentInvalid");
}

/** R1: an advisor or staff proposes a recommendation. */
export async function createRecommendation(actor: Actor, raw: unknown, now = new Date()): Promise<Outcome> {
  const parsed = createRecommendationSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const input = parsed.data;
  const res = await changeDossier(
    { dossierId: input.dossierId, actor, now, authorize: mayEditRecommendations(actor) },
    async (ctx) => {
      await checkDocument(ctx, input.documentId);
      const seq = await ctx.seq();
      const id = newId();
      await ctx.q.write(INSERT_RECOMMENDATION, [
        id,
        input.dossierId,
        actor.userId,
        input.title,
        input.body,
        input.link,
        input.documentId,
        now,
        seq,
        now,
        now,
      ]);
      const recommendation = (await readOne(ctx.q, id, input.dossierId))!;
      const view = viewOf(recommendation.row, null);
      const payload: RecommendationCreatedPayload = { recommendation: view };
      await ctx.emit(RECOMMENDATION_CREATED, payload, { seq });
      await notifyRecommendationCreated(ctx.q, {
        dossierId: input.dossierId,
        recommendation: input.title,
        author: { userId: actor.userId, name: actor.name },
        now,
      });
      return { recommendation: view };
    },
  );
  return outcome(res);
}

/** R1: the advisor side edits the title, body, link or file. */
export async function updateRecommendation(actor: Actor, raw: unknown, now = new Date()): Promise<Outcome> {
  const parsed = updateRecommendationSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const input = parsed.data;
  const dossierId = await dossierOf(input.recommendationId);
  if (!dossierId) return fail("not_found", actor.locale);
  const res = await changeDossier({ dossierId, actor, now, authorize: mayEditRecommendations(actor) }, async (ctx) => {
    await checkDocument(ctx, input.documentId);
    const seq = await ctx.seq();
    const changed = await ctx.q.run(UPDATE_RECOMMENDATION, [
      input.title,
      input.body,
      input.link,
      input.documentId,
      seq,
      now,
      input.recommendationId,
      dossierId,
    ]);
    if (changed === 0) ctx.refuse("not_found");
    const one = (await readOne(ctx.q, input.recommendationId, dossierId))!;
    const recommendation = viewOf(one.row, one.changer);
    const payload: RecommendationUpdatedPayload = { recommendation, byUserId: actor.userId, byName: actor.name };
    await ctx.emit(RECOMMENDATION_UPDATED, payload, { seq });
    return { recommendation };
  });
  return outcome(res);
}

/**
 * R2: a member of either side moves the status. The current status is read under the dossier's lock,
 * so concurrent changes are serialized and each event's "from" is the previous "to". Choosing the
 * status it already has changes nothing and records nothing.
 */
export async function changeRecommendationStatus(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Outcome & { changed?: boolean }> {
  const parsed = changeStatusSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const input = parsed.data;
  const dossierId = await dossierOf(input.recommendationId);
  if (!dossierId) return fail("not_found", actor.locale);
  const res = await changeDossier(
    { dossierId, actor, now, authorize: mayMoveRecommendationStatus(actor) },
    async (ctx) => {
      const current = await readOne(ctx.q, input.recommendationId, dossierId);
      if (!current) return ctx.refuse("not_found");
      const from = toStatus(current.row.status);
      // Unchanged: no event, so the change rolls back and nothing is recorded.
      if (from === input.status) return { recommendation: viewOf(current.row, current.changer), changed: false };
      const seq = await ctx.seq();
      await ctx.q.write(CHANGE_STATUS, [input.status, now, actor.userId, seq, now, input.recommendationId, dossierId]);
      const recommendation = viewOf(
        { ...current.row, status: input.status, statusChangedAt: now, statusChangedById: actor.userId, seq },
        { id: actor.userId, name: actor.name, email: actor.email },
      );
      const payload: RecommendationStatusChangedPayload = {
        recommendation,
        from,
        to: input.status,
        byUserId: actor.userId,
        byName: actor.name,
      };
      await ctx.emit(RECOMMENDATION_STATUS_CHANGED, payload, { seq });
      // P6: a status change by the applicant side is applicant activity.
      await reactivateOnApplicantActivity(ctx, "recommendation");
      await notifyRecommendationStatus(ctx.q, {
        dossierId,
        recommendation: current.row.title,
        status: input.status,
        by: { userId: actor.userId, name: actor.name },
        side: ctx.access.side,
        now,
      });
      return { recommendation, changed: true };
    },
  );
  return outcome(res);
}

async function dossierOf(recommendationId: string): Promise<string | null> {
  const r = await hot().get<{ dossierId: string }>(DOSSIER_OF, [recommendationId]);
  return r?.dossierId ?? null;
}

/** The Recommendations tab: every recommendation of a dossier the caller has access to, newest first. */
export async function listRecommendations(access: DossierAccess): Promise<RecommendationView[]> {
  const rows = await db().recommendation.findMany({
    // T4: a read-only copy shows the recommendations made before its transfer.
    where: { dossierId: access.dossierId, ...createdBeforeWhere(access) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
    take: 500,
  });
  const changerIds = [...new Set(rows.map((r) => r.statusChangedById).filter((x): x is string => x !== null))];
  const changers = new Map(
    (
      await db().user.findMany({ where: { id: { in: changerIds } }, select: { id: true, name: true, email: true } })
    ).map((u) => [u.id, u]),
  );
  const asAtSnapshot = await snapshotViews(access, rows);
  return rows.map((r) => {
    const view = viewOf(r, r.statusChangedById ? (changers.get(r.statusChangedById) ?? null) : null);
    const shown = asAtSnapshot.get(r.id) ?? view;
    // T7: a file now private to someone else is not shown (nor named) with the recommendation.
    return r.document && r.document.visibleToUserId !== null && r.document.visibleToUserId !== access.userId
      ? { ...shown, document: null }
      : shown;
  });
}

/**
 * T4: a read-only copy shows each recommendation as it was at the transfer: for those changed since
 * (their seq is past the snapshot), the view carried by their last event before it.
 */
async function snapshotViews(access: DossierAccess, rows: { id: string; seq: number }[]) {
  const out = new Map<string, RecommendationView>();
  if (access.snapshotSeq === undefined) return out;
  const changed = new Set(rows.filter((r) => r.seq > access.snapshotSeq!).map((r) => r.id));
  if (changed.size === 0) return out;
  const events = await db().dossierEvent.findMany({
    where: {
      dossierId: access.dossierId,
      seq: { lte: access.snapshotSeq },
      type: { in: [RECOMMENDATION_CREATED, RECOMMENDATION_UPDATED, RECOMMENDATION_STATUS_CHANGED] },
    },
    orderBy: { seq: "desc" },
    take: 2000,
    select: { payload: true },
  });
  for (const e of events) {
    const view = (JSON.parse(e.payload) as { recommendation?: RecommendationView }).recommendation;
    if (view && changed.has(view.id) && !out.has(view.id)) out.set(view.id, view);
  }
  return out;
}

/** D1: open recommendations (proposed or in progress) per dossier, for the dashboard. Callers pass dossiers the viewer may see. */
export async function openRecommendationCounts(dossierIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(dossierIds.map((id) => [id, 0]));
  if (dossierIds.length === 0) return counts;
  const groups = await db().recommendation.groupBy({
    by: ["dossierId"],
    where: { dossierId: { in: dossierIds }, status: { in: [...OPEN_STATUSES] } },
    _count: { _all: true },
  });
  for (const g of groups) counts.set(g.dossierId, g._count._all);
  return counts;
}
