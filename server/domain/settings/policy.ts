// Whose participation a user may set (N3, A1): their own, on dossiers they can see and are an advisor of.
// Anything else is "not found", like every dossier a user may not see.
import type { Actor } from "../../auth/actor";
import { db, type Db, type Prisma, type Tx } from "../../db";
import { visibleDossiersWhere } from "../dossier/policy";

/** Dossiers where the actor takes part in the conversation as an advisor. */
export async function participationDossiersWhere(
  actor: Pick<Actor, "userId">,
  client: Db | Tx = db(),
): Promise<Prisma.DossierWhereInput> {
  return {
    AND: [await visibleDossiersWhere(actor, client), { members: { some: { userId: actor.userId, side: "advisor" } } }],
  };
}

export async function canSetParticipation(actor: Pick<Actor, "userId">, dossierId: string, client: Db | Tx = db()) {
  const d = await client.dossier.findFirst({
    where: { id: dossierId, ...(await participationDossiersWhere(actor, client)) },
    select: { id: true },
  });
  return d !== null;
}
