// The coordination page (T3, T5, A2): practitioners with name, email, title, number of active dossiers
// and pending transfers; and, to pick one for a transfer, the titles of the dossiers a practitioner
// holds. Never any dossier content (A2). Transfers themselves are in server/domain/transfer.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { activeDossierCounts, pendingTransferCounts } from "../users/queries";
import { coordinatedOrganizationIds } from "./policy";

export type PractitionerView = {
  id: string;
  name: string;
  email: string;
  title: string | null;
  activeDossiers: number;
  pendingTransfers: number;
  /** "Gestion des dossiers": what may be transferred (titles only) */
  dossiers: { id: string; title: string }[];
};

export type CoordinationPage = { organizations: { id: string; name: string; practitioners: PractitionerView[] }[] };

/** T5: null (404) for anyone who coordinates no organization. */
export async function coordinationPage(actor: Actor): Promise<CoordinationPage | null> {
  const orgIds = await coordinatedOrganizationIds(actor);
  if (orgIds.length === 0) return null;
  const organizations = [];
  for (const org of await db().organization.findMany({
    where: { id: { in: orgIds } },
    select: { id: true, name: true },
  })) {
    const members = await db().membership.findMany({
      where: { organizationId: org.id, user: { deactivatedAt: null } },
      select: { user: { select: { id: true, name: true, email: true, title: true } } },
      orderBy: { createdAt: "asc" },
    });
    const ids = members.map((m) => m.user.id);
    const [active, pending, held] = await Promise.all([
      activeDossierCounts(org.id, ids),
      pendingTransferCounts(org.id, ids),
      db().dossierMember.findMany({
        where: {
          userId: { in: ids },
          holder: true,
          readOnly: false,
          dossier: { organizationId: org.id, pausedAt: null },
        },
        select: { userId: true, dossier: { select: { id: true, title: true } } },
        take: 2000,
      }),
    ]);
    organizations.push({
      id: org.id,
      name: org.name,
      practitioners: members.map((m) => ({
        id: m.user.id,
        name: m.user.name ?? m.user.email,
        email: m.user.email,
        title: m.user.title,
        activeDossiers: active.get(m.user.id) ?? 0,
        pendingTransfers: pending.get(m.user.id) ?? 0,
        dossiers: held.filter((h) => h.userId === m.user.id).map((h) => h.dossier),
      })),
    });
  }
  return { organizations };
}
