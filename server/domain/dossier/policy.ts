// Who may see and do what on a dossier (A1). Access is the query: a dossier the actor may not see is
// simply not found, so "no access" and "does not exist" are the same 404.
import type { Actor } from "../../auth/actor";
import { can, type DossierAction, type DossierRole } from "../../auth/permissions";
import { db, hot, queriesOf, type Db, type Prisma, type Tx } from "../../db";
import { asBool, asDateOrNull, sql, type HotQueries } from "../../db/hot";
import { stageFor } from "../solicitation/stages";
import { isStaffRole, STAFF_ROLES } from "../users/events";

/**
 * The actor's user id, refused when missing: Prisma reads an undefined value as "no condition", so a
 * caller passing a user row ({ id }) instead of an actor would match every member, so every dossier.
 */
export function actorUserId(actor: Pick<Actor, "userId">): string {
  if (typeof actor.userId !== "string" || actor.userId.length === 0)
    throw new Error("a dossier where-clause needs an actor with a userId");
  return actor.userId;
}

/** The organizations where the actor is staff or admin: they see every dossier of those (A3). */
export async function staffOrganizationIds(actor: Pick<Actor, "userId">, client: Db | Tx = db()): Promise<string[]> {
  const rows = await client.membership.findMany({
    where: { userId: actorUserId(actor), role: { in: [...STAFF_ROLES] } },
    select: { organizationId: true },
  });
  return rows.map((r) => r.organizationId);
}

/**
 * Dossiers an actor may open: a member of it, or staff/admin of its organization. The dossiers they are
 * a member of and the organizations they are staff of are read first (two indexed lookups), so the
 * clause is two lists the indexes serve. Written as an EXISTS per dossier, it read every dossier of the
 * database: at 100,000 dossiers, 44–200 ms on PostgreSQL and 155 ms on SQLite for a dashboard's 200
 * rows, against 4–5 and 9–21 ms now (bench/README.md, thirteenth pass). The staff organizations come
 * back too, for a caller that needs them (the dashboard).
 */
export async function dossierVisibility(
  actor: Pick<Actor, "userId">,
  client: Db | Tx = db(),
): Promise<{ where: Prisma.DossierWhereInput; staffOf: string[] }> {
  // Written again in SQL in dossierAccess below: visibility.int.test.ts proves both agree over the
  // whole access matrix.
  const [memberOf, staffOf] = await Promise.all([
    client.dossierMember.findMany({ where: { userId: actorUserId(actor) }, select: { dossierId: true } }),
    staffOrganizationIds(actor, client),
  ]);
  return {
    staffOf,
    where: { OR: [{ id: { in: memberOf.map((m) => m.dossierId) } }, { organizationId: { in: staffOf } }] },
  };
}

/** dossierVisibility's where-clause. */
export async function visibleDossiersWhere(
  actor: Pick<Actor, "userId">,
  client: Db | Tx = db(),
): Promise<Prisma.DossierWhereInput> {
  return (await dossierVisibility(actor, client)).where;
}

export type DossierAccess = {
  dossierId: string;
  /** whose access this is (T7: items restricted to one user are filtered with it) */
  userId: string;
  organizationId: string;
  seq: number;
  pausedAt: Date | null;
  roles: DossierRole[];
  /** applicant side (referent, applicant) versus advisor side (advisor, holder, staff) */
  side: "applicant" | "advisor";
  /** T4: a read-only copy kept after a transfer (roles is ["readonly"]: every write is refused) */
  readOnly?: boolean;
  /** T4: the read-only copy is a snapshot: nothing with a seq above this one (nor newer than readOnlySince) */
  snapshotSeq?: number;
  readOnlySince?: Date | null;
};

/** Above any seq (PostgreSQL's INT). */
const SEQ_END = 2_147_483_647;

/** T4: the highest seq this viewer may read (a read-only copy stops at its transfer). */
export function seqCap(access: Pick<DossierAccess, "snapshotSeq">): number {
  return access.snapshotSeq ?? SEQ_END;
}

/** T4: rows without a seq (documents, recommendations, notes) are cut by date for a read-only copy. */
export function createdBeforeWhere(access: Pick<DossierAccess, "readOnlySince">): { createdAt?: { lte: Date } } {
  return access.readOnlySince ? { createdAt: { lte: access.readOnlySince } } : {};
}

// One statement on every page, join and send (G3, G7): the dossier, the actor's membership of it and
// of its organization. Both joins match at most one row (unique keys).
const ACCESS = sql(
  "dossier.access",
  `SELECT d."id" AS "id", d."organizationId" AS "organizationId", d."seq" AS "seq", d."pausedAt" AS "pausedAt",
     m."role" AS "memberRole", m."holder" AS "holder", m."readOnly" AS "readOnly",
     m."readOnlySeq" AS "readOnlySeq", m."readOnlySince" AS "readOnlySince", o."role" AS "orgRole"
   FROM "Dossier" d
   LEFT JOIN "DossierMember" m ON m."dossierId" = d."id" AND m."userId" = ?
   LEFT JOIN "Membership" o ON o."organizationId" = d."organizationId" AND o."userId" = ?
   WHERE d."id" = ?`,
);

type AccessRow = {
  id: string;
  organizationId: string;
  seq: number | bigint;
  pausedAt: unknown;
  memberRole: string | null;
  holder: unknown;
  readOnly: unknown;
  readOnlySeq: number | bigint | null;
  readOnlySince: unknown;
  orgRole: string | null;
};

/**
 * The actor's roles on a dossier, or null when they may not see it. Without a client it reads through
 * the hot statements; give the transaction when the answer must hold under its lock.
 */
export async function dossierAccess(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  client?: Db | Tx | HotQueries,
): Promise<DossierAccess | null> {
  if (typeof actor.userId !== "string" || actor.userId.length === 0)
    throw new Error("dossierAccess needs an actor with a userId");
  const row = await (client ? queriesOf(client) : hot()).get<AccessRow>(ACCESS, [
    actor.userId,
    actor.userId,
    dossierId,
  ]);
  if (!row) return null;
  const roles = new Set<DossierRole>();
  if (row.memberRole === "referent" || row.memberRole === "applicant" || row.memberRole === "advisor")
    roles.add(row.memberRole);
  if (row.memberRole !== null && asBool(row.holder)) roles.add("holder");
  if (isStaffRole(row.orgRole)) roles.add("staff");
  // visibleDossiersWhere: a member of the dossier, or staff/admin of its organization.
  if (row.memberRole === null && !roles.has("staff")) return null;
  // T4: a read-only copy reads and does nothing else, whatever its former roles (staff keep theirs).
  if (row.memberRole !== null && asBool(row.readOnly) && !roles.has("staff")) {
    const snapshotSeq = row.readOnlySeq === null ? Number(row.seq) : Math.min(Number(row.readOnlySeq), Number(row.seq));
    return {
      dossierId: row.id,
      userId: actor.userId,
      organizationId: row.organizationId,
      seq: snapshotSeq,
      snapshotSeq,
      readOnlySince: asDateOrNull(row.readOnlySince),
      pausedAt: asDateOrNull(row.pausedAt),
      roles: ["readonly"],
      side: "applicant",
      readOnly: true,
    };
  }
  const list = [...roles];
  return {
    dossierId: row.id,
    userId: actor.userId,
    organizationId: row.organizationId,
    seq: Number(row.seq),
    pausedAt: asDateOrNull(row.pausedAt),
    roles: list,
    side: can(list, "dossier.advisorSide") ? "advisor" : "applicant",
  };
}

export function allows(access: DossierAccess | null, action: DossierAction): access is DossierAccess {
  return access !== null && can(access.roles, action);
}

/** Event audiences a viewer may receive (section 5): the advisor side sees every event. */
export function audiencesFor(access: DossierAccess): string[] {
  return access.side === "advisor" ? ["all", "advisors", "partners"] : ["all"];
}

/** audiencesFor as the three values of a prepared statement's `"audience" IN (?, ?, ?)`. */
export function audienceSlots(access: DossierAccess): [string, string, string] {
  const [a, b = a, c = a] = audiencesFor(access);
  return [a, b, c];
}

/**
 * A5, S3: what a partner may reach of a dossier, or null. Partners never go through
 * visibleDossiersWhere: they reach a dossier only through their own live solicitations (attached, not
 * revoked), and only while the dossier's workflow status is partner-visible.
 */
export type PartnerAccess = {
  dossierId: string;
  organizationId: string;
  seq: number;
  /** some solicitation of the actor may edit at the current status (answer, supplement, on-behalf entry) */
  editable: boolean;
  /** the actor's own live solicitations on this dossier that see it at the current status (X2) */
  solicitationIds: string[];
  /** each of them with its kind and whether it may edit now (issue 16: stages chosen per solicitation) */
  solicitations: { id: string; kind: string; editable: boolean }[];
};

// A5: the dossier with the actor's live solicitations on it (attached, not revoked), oldest first.
const PARTNER_ACCESS = sql(
  "dossier.partnerAccess",
  `SELECT d."id" AS "id", d."organizationId" AS "organizationId", d."seq" AS "seq", d."workflowStatus" AS "workflowStatus",
     t."statuses" AS "statuses", s."id" AS "solicitationId", s."kind" AS "kind", s."partnerStages" AS "partnerStages"
   FROM "Dossier" d
   JOIN "Solicitation" s ON s."dossierId" = d."id" AND s."partnerUserId" = ? AND s."revokedAt" IS NULL
   LEFT JOIN "DossierTemplate" t ON t."id" = d."templateId"
   WHERE d."id" = ?
   ORDER BY s."createdAt" ASC`,
);

type PartnerAccessRow = {
  id: string;
  organizationId: string;
  seq: number | bigint;
  workflowStatus: string;
  statuses: string | null;
  solicitationId: string;
  kind: string;
  partnerStages: string | null;
};

/** A5: the partner's access, or null; give the transaction's client when it must hold under its lock. */
export async function partnerAccess(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  client?: Db | Tx | HotQueries,
): Promise<PartnerAccess | null> {
  if (typeof actor.userId !== "string" || actor.userId.length === 0)
    throw new Error("partnerAccess needs an actor with a userId");
  const rows = await (client ? queriesOf(client) : hot()).all<PartnerAccessRow>(PARTNER_ACCESS, [
    actor.userId,
    dossierId,
  ]);
  const seen = rows
    .map((r) => ({ r, stage: stageFor(r.workflowStatus, r.statuses, r.partnerStages) }))
    .filter((x) => x.stage.visible);
  if (seen.length === 0) return null;
  const d = seen[0].r;
  const solicitations = seen.map((x) => ({ id: x.r.solicitationId, kind: x.r.kind, editable: x.stage.editable }));
  return {
    dossierId: d.id,
    organizationId: d.organizationId,
    seq: Number(d.seq),
    editable: solicitations.some((s) => s.editable),
    solicitationIds: solicitations.map((s) => s.id),
    solicitations,
  };
}

/**
 * change.ts's authorize for one action of the permission table: the actor's access read under the
 * dossier's lock, or null (404) when the table does not allow it.
 */
export function authorizeFor(actor: Pick<Actor, "userId">, action: DossierAction) {
  return async (q: HotQueries, dossierId: string): Promise<DossierAccess | null> => {
    const access = await dossierAccess(actor, dossierId, q);
    return allows(access, action) ? access : null;
  };
}
