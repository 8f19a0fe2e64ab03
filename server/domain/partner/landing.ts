// Issue 16: where a signed-in partner lands. Someone who is only a partner (no organization, no dossier
// membership) and has been asked at least once (attached, or a key sent to their address) lands on "Mes
// sollicitations", not on an empty dashboard: from /login, from "Tous les dossiers" or from the header.
import type { Actor } from "../../auth/actor";
import { db } from "../../db";

export async function landsOnPartnerList(actor: Pick<Actor, "userId" | "email">): Promise<boolean> {
  if (!actor.userId) return false;
  const [orgs, dossiers] = await Promise.all([
    db().membership.count({ where: { userId: actor.userId } }),
    db().dossierMember.count({ where: { userId: actor.userId } }),
  ]);
  if (orgs > 0 || dossiers > 0) return false;
  const asked = await db().solicitation.count({
    where: {
      OR: [
        { partnerUserId: actor.userId },
        { partnerUserId: null, revokedAt: null, partnerEmail: actor.email.toLowerCase() },
      ],
    },
  });
  return asked > 0;
}
