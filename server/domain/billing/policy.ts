// Who may see and change a dossier's billing (section 2, "mark client active/inactive, activities"):
// its advisors, its holder and the organization's staff. Anyone else, applicants, partners and
// coordinators included, gets null: the billing does not exist for them (A1: 404, never 403; A4).
import type { Actor } from "../../auth/actor";
import { db, type Prisma } from "../../db";
import type { HotQueries } from "../../db/hot";
import { allows, dossierAccess, type DossierAccess } from "../dossier/policy";

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
      { organization: { memberships: { some: { userId: actor.userId, role: { in: ["staff", "admin"] } } } } },
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
