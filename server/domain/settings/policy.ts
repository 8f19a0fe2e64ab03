// Whose participation a user may set (N3, A1): their own, on dossiers they can see and are an advisor of.
// Anything else is "not found", like every dossier a user may not see.
import type { Actor } from "../../auth/actor";
import { db, type Db, type Prisma, type Tx } from "../../db";
import { actorUserId } from "../dossier/policy";

/**
 * Dossiers where the actor takes part in the conversation as an advisor. A member sees each of them
 * (visibleDossiersWhere's first half), so no visibility lookup is added.
 */
export function participationDossiersWhere(actor: Pick<Actor, "userId">): Prisma.DossierWhereInput {
  return { members: { some: { userId: actorUserId(actor), side: "advisor" } } };
}

export async function canSetParticipation(actor: Pick<Actor, "userId">, dossierId: string, client: Db | Tx = db()) {
  const d = await client.dossier.findFirst({
    where: { id: dossierId, ...participationDossiersWhere(actor) },
    select: { id: true },
  });
  return d !== null;
}
