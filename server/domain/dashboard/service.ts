// The dashboard (D1, D2, N7) and unread counts (C7): every read goes through visibleDossiersWhere, so
// another organization's dossiers are never in it (A3).
import type { Confidentiality } from "../note/events";
import { confidentialityByDossier } from "../note/service";
import type { Actor } from "../../auth/actor";
import { db, type Prisma } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { allows, dossierAccess, dossierVisibility, visibleDossiersWhere } from "../dossier/policy";
import { openRecommendationCounts } from "../recommendation/service";
import { solicitationCounts } from "../solicitation/service";
import { cancelReadNotifications } from "../notification/service";
import { dashboardFiltersSchema, markReadSchema, RECENT_DAYS, type DashboardFilters } from "./schema";

export type DashboardRow = {
  id: string;
  title: string;
  organizationId: string;
  organizationName: string;
  paused: boolean;
  lastActivityAt: string;
  unread: number;
  openRecommendations: number;
  /** S6, D1: partner solicitations asked and answered */
  solicitations: { asked: number; answered: number };
  mine: boolean;
  /** T6: the badge, for the advisor side only (A4: "none" for applicant-side rows) */
  confidentiality: Confidentiality;
};

/**
 * The dashboard page's rows and, for the full dashboard, its organizations and the ones the actor is
 * staff of (P11, bulk pause): the visibility clause and its lookups are read once for all three.
 */
export async function dashboardPage(actor: Actor, filters: DashboardFilters, full: boolean) {
  const { where, staffOf } = await dossierVisibility(actor);
  const [rows, organizations] = await Promise.all([
    dashboardRows(actor, filters, new Date(), where),
    full ? dashboardOrganizations(actor, where) : [],
  ]);
  return { rows, organizations, staffOf: full ? staffOf : [] };
}

/** Advisors and staff get the full dashboard; applicants and partners their simple list. */
export async function dashboardKind(actor: Pick<Actor, "userId">): Promise<"advisor" | "applicant"> {
  // An undefined id would count everyone's memberships: no id, no advisor dashboard.
  if (!actor.userId) return "applicant";
  const n = await db().membership.count({ where: { userId: actor.userId } });
  return n > 0 ? "advisor" : "applicant";
}

/** What a filter left out means (D2: recent activity on). */
const DEFAULT_FILTERS: DashboardFilters = dashboardFiltersSchema.parse({});

/** The dashboard's rows for filters already checked at the edge (the page's query string, the socket's zod schema). */
export async function dashboardRows(
  actor: Actor,
  filters: Partial<DashboardFilters> = {},
  now = new Date(),
  visible?: Prisma.DossierWhereInput,
): Promise<DashboardRow[]> {
  const f: DashboardFilters = { ...DEFAULT_FILTERS, ...filters };
  const and: Prisma.DossierWhereInput[] = [visible ?? (await visibleDossiersWhere(actor))];
  if (f.recent) and.push({ lastActivityAt: { gte: new Date(now.getTime() - RECENT_DAYS * 86_400_000) } });
  if (f.paused) and.push({ pausedAt: { not: null } });
  if (f.mine) and.push({ members: { some: { userId: actor.userId } } });
  if (f.organizationId) and.push({ organizationId: f.organizationId });
  const rows = await db().dossier.findMany({
    where: { AND: and },
    orderBy: [{ lastActivityAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      pausedAt: true,
      lastActivityAt: true,
      organizationId: true,
      organization: { select: { name: true } },
      members: { where: { userId: actor.userId }, select: { id: true, side: true, readOnlySeq: true } },
    },
  });
  const ids = rows.map((r) => r.id);
  const advisorSide = rows.filter((r) => r.members.length === 0 || r.members[0].side === "advisor").map((r) => r.id);
  const [unread, reco, solicitations, confidentiality] = await Promise.all([
    // T4: a read-only copy counts nothing written after its transfer.
    unreadCounts(
      actor.userId,
      ids,
      new Map(rows.flatMap((r) => (r.members[0]?.readOnlySeq != null ? [[r.id, r.members[0].readOnlySeq]] : []))),
    ),
    openRecommendationCounts(ids),
    solicitationCounts(ids),
    confidentialityByDossier(advisorSide),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organizationId: r.organizationId,
    organizationName: r.organization.name,
    paused: r.pausedAt !== null,
    lastActivityAt: r.lastActivityAt.toISOString(),
    unread: unread.get(r.id) ?? 0,
    openRecommendations: reco.get(r.id) ?? 0,
    solicitations: solicitations.get(r.id) ?? { asked: 0, answered: 0 },
    mine: r.members.length > 0,
    confidentiality: confidentiality.get(r.id) ?? "none",
  }));
}

/** Organizations of the dossiers the actor may see: the organization filter shows when there are several. */
export async function dashboardOrganizations(actor: Actor, visible?: Prisma.DossierWhereInput) {
  return db().organization.findMany({
    where: { dossiers: { some: visible ?? (await visibleDossiersWhere(actor)) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * C7: messages by others after the user's last read seq, per dossier. One grouped query whose
 * per-dossier thresholds are an OR of (dossierId, seq > lastRead), served by the (dossierId, seq) index.
 */
export async function unreadCounts(
  userId: string,
  dossierIds: string[],
  caps: Map<string, number> = new Map(),
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (dossierIds.length === 0) return out;
  const reads = await db().dossierRead.findMany({
    where: { userId, dossierId: { in: dossierIds } },
    select: { dossierId: true, lastReadSeq: true },
  });
  const last = new Map(reads.map((r) => [r.dossierId, r.lastReadSeq]));
  const groups = await db().message.groupBy({
    by: ["dossierId"],
    where: {
      authorId: { not: userId },
      OR: dossierIds.map((id) => ({ dossierId: id, seq: { gt: last.get(id) ?? 0, lte: caps.get(id) } })),
    },
    _count: { _all: true },
  });
  for (const g of groups) out.set(g.dossierId, g._count._all);
  return out;
}

/**
 * C7: the user has read the conversation up to `seq`. The marker only grows and never passes the
 * dossier's own seq; anyone who may read the dossier (staff who are not members too) has one.
 */
export async function markRead(
  actor: Pick<Actor, "userId" | "locale">,
  raw: unknown,
): Promise<Result<{ lastReadSeq: number }>> {
  const parsed = markReadSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!allows(access, "dossier.read")) return fail("not_found", actor.locale);
  const seq = Math.min(parsed.data.seq, access.seq);
  const key = { userId_dossierId: { userId: actor.userId, dossierId: access.dossierId } };
  const row = await db().$transaction(async (tx) => {
    await tx.dossierRead.upsert({
      where: key,
      create: { userId: actor.userId, dossierId: access.dossierId, lastReadSeq: seq },
      update: {},
    });
    // Guarded in the database so that a late, older marker never moves it back.
    await tx.dossierRead.updateMany({
      where: { userId: actor.userId, dossierId: access.dossierId, lastReadSeq: { lt: seq } },
      data: { lastReadSeq: seq },
    });
    // C7: a message read in the app before its email left: the email is cancelled.
    await cancelReadNotifications(tx, actor.userId, access.dossierId, seq);
    return tx.dossierRead.findUniqueOrThrow({ where: key, select: { lastReadSeq: true } });
  });
  return ok({ lastReadSeq: row.lastReadSeq });
}
