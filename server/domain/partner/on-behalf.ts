// S9 (issue 16 item 1): on-behalf entry names the person it is made for. The partner of an on-behalf
// solicitation names them (name, email) while their stage lets them edit; the dossier then says
// "saisi pour le compte de … par …" on both sides.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, type Result } from "../../errors";
import { changeDossier } from "../dossier/change";
import { partnerAccess } from "../dossier/policy";
import { displayName, lineText } from "../text";
import { ON_BEHALF_NAMED, type OnBehalfNamedPayload } from "./events";
import { SET_ON_BEHALF_PERSON } from "./queries";

export type OnBehalfEntry = { solicitationId: string; personName: string; partnerName: string };

/** The dossier's latest on-behalf entry that names its person (not withdrawn), or null. */
export async function onBehalfEntry(dossierId: string): Promise<OnBehalfEntry | null> {
  const s = await db().solicitation.findFirst({
    where: { dossierId, kind: "on_behalf", onBehalfName: { not: null }, partnerUserId: { not: null }, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, onBehalfName: true, partnerUser: { select: { name: true, email: true } } },
  });
  if (!s || !s.partnerUser) return null;
  return { solicitationId: s.id, personName: s.onBehalfName!, partnerName: displayName(s.partnerUser) };
}

export const nameOnBehalfSchema = z.object({
  solicitationId: z.string().min(1).max(64),
  dossierId: z.string().min(1).max(64),
  name: lineText(120),
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
});

/** S9: the partner names the person they enter the dossier for. */
export async function nameOnBehalfPerson(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = nameOnBehalfSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, solicitationId, name, email } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: (q, id) => partnerAccess(actor, id, q) }, async (ctx) => {
    const own = ctx.access.solicitations.find((s) => s.id === solicitationId);
    if (!own || own.kind !== "on_behalf") return ctx.refuse("not_found");
    if (!own.editable) return ctx.refuse("conflict", "partner.readOnly");
    if ((await ctx.q.run(SET_ON_BEHALF_PERSON, [name, email, solicitationId, actor.userId])) !== 1)
      return ctx.refuse("not_found");
    const payload: OnBehalfNamedPayload = { solicitationId, personName: name, byName: actor.name };
    // The name is shown on the dossier to both sides; the email stays with the advisor side.
    await ctx.emit(ON_BEHALF_NAMED, payload);
    return { solicitationId };
  });
}
