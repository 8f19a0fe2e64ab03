// Recommendations (R1, R2): created and edited by the advisor side, status moved by both sides. Each
// change and its DossierEvent are written in one transaction, then published to every viewer.
import type { Actor } from "../../auth/actor";
import { db, type Tx } from "../../db";
import { fail, type AppError } from "../../errors";
import type { MessageKey } from "../../i18n";
import type { PublishedEvent } from "../dossier/events";
import { appendEvent, nextSeq, publishAll } from "../dossier/legacy-events";
import type { DossierAccess } from "../dossier/policy";
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
import { canChangeRecommendationStatus, canCreateRecommendation } from "./policy";
import { changeStatusSchema, createRecommendationSchema, updateRecommendationSchema } from "./schema";
import { OPEN_STATUSES, RECOMMENDATION_STATUSES, type RecommendationStatus } from "./statuses";

type Outcome = { ok: true; recommendation: RecommendationView } | { ok: false; error: AppError };

const select = {
  id: true,
  dossierId: true,
  title: true,
  body: true,
  link: true,
  status: true,
  statusChangedAt: true,
  createdAt: true,
  seq: true,
  author: { select: { id: true, name: true, email: true } },
  document: { select: { id: true, originalName: true } },
  statusChangedById: true,
} as const;

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
  document: { id: string; originalName: string } | null;
  statusChangedById: string | null;
};

function toStatus(s: string): RecommendationStatus {
  return (RECOMMENDATION_STATUSES as readonly string[]).includes(s) ? (s as RecommendationStatus) : "proposed";
}

async function toView(client: Tx | ReturnType<typeof db>, r: Row): Promise<RecommendationView> {
  const changer = r.statusChangedById
    ? await client.user.findUnique({
        where: { id: r.statusChangedById },
        select: { id: true, name: true, email: true },
      })
    : null;
  return viewOf(r, changer);
}

function viewOf(r: Row, changer: { id: string; name: string | null; email: string } | null): RecommendationView {
  return {
    id: r.id,
    dossierId: r.dossierId,
    title: r.title,
    body: r.body,
    link: r.link,
    document: r.document ? { id: r.document.id, name: r.document.originalName } : null,
    status: toStatus(r.status),
    author: { id: r.author.id, name: r.author.name ?? r.author.email },
    statusChangedAt: r.statusChangedAt.toISOString(),
    statusChangedBy: changer ? { id: changer.id, name: changer.name ?? changer.email } : null,
    createdAt: r.createdAt.toISOString(),
    seq: r.seq,
  };
}

/** The first zod issue as a catalogue key when it is one of ours, else the generic "invalid". */
function invalid(actor: Actor, issues: { message: string }[]) {
  const key = issues.find((i) => i.message.startsWith("reco."))?.message as MessageKey | undefined;
  return fail("invalid", actor.locale, key ?? "error.invalid");
}

/** Thrown inside a transaction to roll it back; turned into an outcome by the caller. */
class Refused extends Error {
  constructor(readonly outcome: { ok: false; error: AppError }) {
    super("refused");
  }
}

async function run<T>(
  work: (tx: Tx) => Promise<{ value: T; events: PublishedEvent[] }>,
): Promise<T | { ok: false; error: AppError }> {
  try {
    const { value, events } = await db().$transaction(work);
    publishAll(events);
    return value;
  } catch (e) {
    if (e instanceof Refused) return e.outcome;
    throw e;
  }
}

/** A document given as the recommendation's file must belong to the same dossier. */
async function checkDocument(tx: Tx, actor: Actor, dossierId: string, documentId: string | null) {
  if (!documentId) return;
  const doc = await tx.document.findFirst({ where: { id: documentId, dossierId }, select: { id: true } });
  if (!doc) throw new Refused(fail("invalid", actor.locale, "reco.documentInvalid"));
}

/** R1: an advisor or staff proposes a recommendation. */
export async function createRecommendation(actor: Actor, raw: unknown, now = new Date()): Promise<Outcome> {
  const parsed = createRecommendationSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const input = parsed.data;
  if (!(await canCreateRecommendation(actor, input.dossierId))) return fail("not_found", actor.locale);

  return run(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, input.dossierId, now);
    // Checked again under the dossier's lock: a member removed meanwhile cannot write.
    if (!(await canCreateRecommendation(actor, input.dossierId, tx)))
      throw new Refused(fail("not_found", actor.locale));
    await checkDocument(tx, actor, input.dossierId, input.documentId);
    const row = await tx.recommendation.create({
      data: {
        dossierId: input.dossierId,
        authorId: actor.userId,
        title: input.title,
        body: input.body,
        link: input.link,
        documentId: input.documentId,
        status: "proposed",
        statusChangedAt: now,
        seq,
        createdAt: now,
      },
      select,
    });
    const recommendation = viewOf(row, null);
    const payload: RecommendationCreatedPayload = { recommendation };
    const event = await appendEvent(tx, {
      dossierId: input.dossierId,
      organizationId,
      seq,
      type: RECOMMENDATION_CREATED,
      audience: "all",
      actorId: actor.userId,
      payload,
      at: now,
    });
    await notifyRecommendationCreated(tx, {
      dossierId: input.dossierId,
      recommendation: input.title,
      author: { userId: actor.userId, name: actor.name },
      now,
    });
    return { value: { ok: true as const, recommendation }, events: [event] };
  });
}

/** R1: the advisor side edits the title, body, link or file. */
export async function updateRecommendation(actor: Actor, raw: unknown, now = new Date()): Promise<Outcome> {
  const parsed = updateRecommendationSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const input = parsed.data;
  const dossierId = await dossierOf(input.recommendationId);
  if (!dossierId || !(await canCreateRecommendation(actor, dossierId))) return fail("not_found", actor.locale);

  return run(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, dossierId, now);
    if (!(await canCreateRecommendation(actor, dossierId, tx))) throw new Refused(fail("not_found", actor.locale));
    await checkDocument(tx, actor, dossierId, input.documentId);
    const updated = await tx.recommendation.updateMany({
      where: { id: input.recommendationId, dossierId },
      data: { title: input.title, body: input.body, link: input.link, documentId: input.documentId, seq },
    });
    if (updated.count === 0) throw new Refused(fail("not_found", actor.locale));
    const recommendation = await toView(
      tx,
      await tx.recommendation.findUniqueOrThrow({ where: { id: input.recommendationId }, select }),
    );
    const payload: RecommendationUpdatedPayload = { recommendation, byUserId: actor.userId, byName: actor.name };
    const event = await appendEvent(tx, {
      dossierId,
      organizationId,
      seq,
      type: RECOMMENDATION_UPDATED,
      audience: "all",
      actorId: actor.userId,
      payload,
      at: now,
    });
    return { value: { ok: true as const, recommendation }, events: [event] };
  });
}

/**
 * R2: a member of either side moves the status. The current status is read under the dossier's lock
 * (nextSeq first), so concurrent changes are serialized and each event's "from" is the previous "to".
 * Choosing the status it already has changes nothing and records nothing.
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
  if (!dossierId || !(await canChangeRecommendationStatus(actor, dossierId))) return fail("not_found", actor.locale);

  const res = await run(async (tx) => {
    const { seq, organizationId } = await nextSeq(tx, dossierId, now);
    const access = await canChangeRecommendationStatus(actor, dossierId, tx);
    if (!access) throw new Refused(fail("not_found", actor.locale));
    const current = await tx.recommendation.findFirst({ where: { id: input.recommendationId, dossierId }, select });
    if (!current) throw new Refused(fail("not_found", actor.locale));
    const from = toStatus(current.status);
    if (from === input.status) throw new Unchanged(await toView(tx, current));
    const row = await tx.recommendation.update({
      where: { id: input.recommendationId },
      data: { status: input.status, statusChangedAt: now, statusChangedById: actor.userId, seq },
      select,
    });
    const recommendation = viewOf(row, { id: actor.userId, name: actor.name, email: actor.email });
    const payload: RecommendationStatusChangedPayload = {
      recommendation,
      from,
      to: input.status,
      byUserId: actor.userId,
      byName: actor.name,
    };
    const event = await appendEvent(tx, {
      dossierId,
      organizationId,
      seq,
      type: RECOMMENDATION_STATUS_CHANGED,
      audience: "all",
      actorId: actor.userId,
      payload,
      at: now,
    });
    // P6: a status change by the applicant side is applicant activity.
    const reactivation = await reactivateOnApplicantActivity(tx, access, actor, "recommendation", now);
    await notifyRecommendationStatus(tx, {
      dossierId,
      recommendation: row.title,
      status: input.status,
      by: { userId: actor.userId, name: actor.name },
      side: access.side,
      now,
    });
    return { value: { ok: true as const, recommendation, changed: true }, events: [event, ...reactivation] };
  }).catch((e: unknown) => {
    // The transaction was rolled back, so the seq taken for it is not used.
    if (e instanceof Unchanged) return { ok: true as const, recommendation: e.view, changed: false };
    throw e;
  });
  return res;
}

class Unchanged extends Error {
  constructor(readonly view: RecommendationView) {
    super("unchanged");
  }
}

async function dossierOf(recommendationId: string): Promise<string | null> {
  const r = await db().recommendation.findUnique({ where: { id: recommendationId }, select: { dossierId: true } });
  return r?.dossierId ?? null;
}

/** The Recommendations tab: every recommendation of a dossier the caller has access to, newest first. */
export async function listRecommendations(access: DossierAccess): Promise<RecommendationView[]> {
  const rows = await db().recommendation.findMany({
    where: { dossierId: access.dossierId },
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
  return rows.map((r) => viewOf(r, r.statusChangedById ? (changers.get(r.statusChangedById) ?? null) : null));
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
