// S1, S12 (issue 16): whom the advisor side may pick when asking a partner. Internal: the organization's
// active members who do not already see the dossier (not its members, not staff or admins, who see every
// dossier). External: the approved directory, and free typing unless the organization restricts
// partners to it (S12). createSolicitation checks the same rules again: this list only offers them.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import type { DossierAccess } from "../dossier/policy";
import { canManageSolicitations } from "./policy";
import { STAFF_ROLES } from "../users/events";

export type PartnerCandidates = {
  /** name null when the person has none: the address is shown as an address, never as a name (X7) */
  members: { email: string; name: string | null; title: string | null }[];
  directory: { email: string; name: string | null }[];
  directoryOnly: boolean;
};

const LIMIT = 500;

export async function partnerCandidates(actor: Actor, access: DossierAccess | null): Promise<PartnerCandidates | null> {
  if (!canManageSolicitations(access)) return null;
  const [org, members, directory] = await Promise.all([
    db().organization.findUniqueOrThrow({
      where: { id: access.organizationId },
      select: { partnerDirectoryOnly: true },
    }),
    db().membership.findMany({
      where: {
        organizationId: access.organizationId,
        role: { notIn: [...STAFF_ROLES] },
        userId: { not: actor.userId },
        user: { deactivatedAt: null, dossierMemberships: { none: { dossierId: access.dossierId } } },
      },
      orderBy: { user: { email: "asc" } },
      take: LIMIT,
      select: { user: { select: { email: true, name: true, title: true } } },
    }),
    db().approvedPartner.findMany({
      where: { organizationId: access.organizationId },
      orderBy: { email: "asc" },
      take: LIMIT,
      select: { email: true, name: true },
    }),
  ]);
  return {
    members: members.map((m) => ({ email: m.user.email, name: m.user.name?.trim() || null, title: m.user.title })),
    directory: directory.map((d) => ({ email: d.email, name: d.name?.trim() || null })),
    directoryOnly: org.partnerDirectoryOnly,
  };
}
