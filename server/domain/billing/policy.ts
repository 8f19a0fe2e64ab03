// Who may see and change a dossier's billing (section 2, "mark client active/inactive, activities"):
// its advisors, its holder and the organization's staff. Anyone else, applicants, partners and
// coordinators included, gets null: the billing does not exist for them (A1: 404, never 403; A4).
import type { Actor } from "../../auth/actor";
import { db, type Db, type Prisma, type Tx } from "../../db";
import { hot } from "../../db";
import { sql, type HotQueries } from "../../db/hot";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";
import { DOSSIER_HOLDER, INVOICE_HOLDER, ORG_ROLE, PROFORMA_HOLDER } from "./queries";
import { STAFF_ROLES } from "../users/events";

export async function billingAccess(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  q?: HotQueries,
): Promise<DossierAccess | null> {
  const access = await dossierAccess(actor, dossierId, q);
  return allows(access, "billing.manage") ? access : null;
}

/** For changeDossier's authorize: the same answer, under the dossier's lock. */
export function authorizeBilling(actor: Pick<Actor, "userId">) {
  return (q: HotQueries, dossierId: string) => billingAccess(actor, dossierId, q);
}

/** Dossiers whose billing the actor may see: advisor-side member, or staff/admin of the organization. */
export function billableDossiersWhere(actor: Pick<Actor, "userId">): Prisma.DossierWhereInput {
  if (typeof actor.userId !== "string" || actor.userId.length === 0)
    throw new Error("billableDossiersWhere needs an actor with a userId");
  return {
    OR: [
      { members: { some: { userId: actor.userId, side: "advisor" } } },
      { organization: { memberships: { some: { userId: actor.userId, role: { in: [...STAFF_ROLES] } } } } },
    ],
  };
}

/** The organization's billing settings (VAT rate) are its admins'. */
export async function adminOf(actor: Pick<Actor, "userId">, organizationId: string): Promise<boolean> {
  const m = await db().membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { role: true },
  });
  return m?.role === "admin";
}

const DOSSIER_ORG = sql(
  "billing.dossierOrg",
  `SELECT "organizationId" AS "organizationId", "seq" AS "seq" FROM "Dossier" WHERE "id" = ?`,
);

/**
 * T4: proformas and invoices belong to the practitioner who held the dossier when they were made
 * (holderId) and never go along with a transfer. Who may see and act on one: staff of the organization;
 * its holder, while a member of the organization, even after giving the dossier away (with or without
 * a read-only copy); the dossier's billing people while that holder still holds the dossier (made
 * before holders were recorded: as before). Anyone else: null (404).
 */
export async function billingItemAccess(
  actor: Pick<Actor, "userId">,
  dossierId: string,
  holderId: string | null,
  client?: HotQueries,
): Promise<DossierAccess | null> {
  const access = await dossierAccess(actor, dossierId, client);
  const q = client ?? hot();
  if (allows(access, "billing.manage")) {
    if (access.roles.includes("staff") || holderId === null || holderId === actor.userId) return access;
    const holder = await q.get<{ userId: string }>(DOSSIER_HOLDER, [dossierId, true, false]);
    return holder?.userId === holderId ? access : null;
  }
  if (holderId !== actor.userId) return null;
  const d = await q.get<{ organizationId: string; seq: number | bigint }>(DOSSIER_ORG, [dossierId]);
  if (!d || !(await q.get(ORG_ROLE, [d.organizationId, actor.userId]))) return null;
  // The sender of a transfer, no longer (or read-only) on the dossier: their own invoices only.
  return {
    dossierId,
    userId: actor.userId,
    organizationId: d.organizationId,
    seq: Number(d.seq),
    pausedAt: null,
    roles: [],
    side: "advisor",
  };
}

/** For changeDossier's authorize on one proforma or invoice: billingItemAccess under the dossier's lock. */
export function authorizeBillingItem(actor: Pick<Actor, "userId">, kind: "proforma" | "invoice", id: string) {
  return async (q: HotQueries, dossierId: string) => {
    const row = await q.get<{ holderId: string | null }>(kind === "proforma" ? PROFORMA_HOLDER : INVOICE_HOLDER, [
      id,
      dossierId,
    ]);
    return row ? billingItemAccess(actor, dossierId, row.holderId, q) : null;
  };
}

/**
 * T4: whose invoices a viewer sees on a dossier: staff all; anyone else their own and those of the
 * dossier's current holder (and those made before holders were recorded).
 */
export async function billingHoldersVisibleTo(
  viewerId: string | null,
  dossierId: string,
  client: Db | Tx = db(),
): Promise<(holderId: string | null) => boolean> {
  const dossier = await client.dossier.findUnique({
    where: { id: dossierId },
    select: {
      organizationId: true,
      members: { where: { holder: true, readOnly: false }, select: { userId: true } },
    },
  });
  if (!dossier) return () => false;
  if (viewerId) {
    const m = await client.membership.findUnique({
      where: { organizationId_userId: { organizationId: dossier.organizationId, userId: viewerId } },
      select: { role: true },
    });
    if (m && (m.role === "staff" || m.role === "admin")) return () => true;
  }
  const holder = dossier.members[0]?.userId ?? null;
  return (holderId) => holderId === null || holderId === holder || (viewerId !== null && holderId === viewerId);
}
