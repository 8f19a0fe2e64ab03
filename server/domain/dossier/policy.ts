// Who may see and do what on a dossier (A1). Access is the query: a dossier the actor may not see is
// simply not found, so "no access" and "does not exist" are the same 404.
import type { Actor } from "../../auth/actor";
import { can, type DossierAction, type DossierRole } from "../../auth/permissions";
import { db, type Db, type Prisma, type Tx } from "../../db";
import { partnerStatus } from "../template/statuses";

const STAFF_ROLES = ["staff", "admin"];

/** Dossiers an actor may open: a member of it, or staff/admin of its organization. */
export function visibleDossiersWhere(actor: Pick<Actor, "userId">): Prisma.DossierWhereInput {
  // Prisma reads an undefined value as "no condition": without this guard a caller passing a user row
  // ({ id }) instead of an actor would match every member, so every dossier.
  if (typeof actor.userId !== "string" || actor.userId.length === 0) throw new Error("visibleDossiersWhere needs an actor with a userId");
  return {
    OR: [
      { members: { some: { userId: actor.userId } } },
      { organization: { memberships: { some: { userId: actor.userId, role: { in: STAFF_ROLES } } } } },
    ],
  };
}

export type DossierAccess = {
  dossierId: string;
  organizationId: string;
  seq: number;
  pausedAt: Date | null;
  roles: DossierRole[];
  /** applicant side (referent, applicant) versus advisor side (advisor, holder, staff) */
  side: "applicant" | "advisor";
};

/** The actor's roles on a dossier, or null when they may not see it. */
export async function dossierAccess(actor: Pick<Actor, "userId">, dossierId: string, client: Db | Tx = db()): Promise<DossierAccess | null> {
  const dossier = await client.dossier.findFirst({
    where: { id: dossierId, ...visibleDossiersWhere(actor) },
    select: {
      id: true,
      organizationId: true,
      seq: true,
      pausedAt: true,
      members: { where: { userId: actor.userId }, select: { role: true, holder: true } },
      organization: { select: { memberships: { where: { userId: actor.userId }, select: { role: true } } } },
    },
  });
  if (!dossier) return null;
  const roles = new Set<DossierRole>();
  for (const m of dossier.members) {
    if (m.role === "referent" || m.role === "applicant" || m.role === "advisor") roles.add(m.role);
    if (m.holder) roles.add("holder");
  }
  if (dossier.organization.memberships.some((m) => STAFF_ROLES.includes(m.role))) roles.add("staff");
  const list = [...roles];
  return {
    dossierId: dossier.id,
    organizationId: dossier.organizationId,
    seq: dossier.seq,
    pausedAt: dossier.pausedAt,
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

/**
 * A5, S3: what a partner may reach of a dossier, or null. Partners never go through
 * visibleDossiersWhere: they reach a dossier only through their own live solicitations (attached, not
 * revoked), and only while the dossier's workflow status is partner-visible.
 */
export type PartnerAccess = {
  dossierId: string;
  organizationId: string;
  seq: number;
  /** the status allows partners to edit (answer, supplement, on-behalf entry) */
  editable: boolean;
  /** the actor's own live solicitations on this dossier */
  solicitationIds: string[];
};

export async function partnerAccess(actor: Pick<Actor, "userId">, dossierId: string, client: Db | Tx = db()): Promise<PartnerAccess | null> {
  if (typeof actor.userId !== "string" || actor.userId.length === 0) throw new Error("partnerAccess needs an actor with a userId");
  const dossier = await client.dossier.findFirst({
    where: { id: dossierId, solicitations: { some: { partnerUserId: actor.userId, revokedAt: null } } },
    select: {
      id: true,
      organizationId: true,
      seq: true,
      workflowStatus: true,
      template: { select: { statuses: true } },
      solicitations: { where: { partnerUserId: actor.userId, revokedAt: null }, select: { id: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!dossier) return null;
  const status = partnerStatus(dossier.workflowStatus, dossier.template?.statuses);
  if (!status.visible) return null;
  return { dossierId: dossier.id, organizationId: dossier.organizationId, seq: dossier.seq, editable: status.editable, solicitationIds: dossier.solicitations.map((s) => s.id) };
}
