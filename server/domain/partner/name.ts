// X7 (issue 16): a partner who signed in by email link has no name, and would show as the start of their
// address. On their first visit the partner pages ask for one; the advisors then see that name.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { lineText } from "../text";

export const PARTNER_NAME_MAX = 100;

// X7: one clean line, something visible, and not an email address (never shown as a name).
const nameSchema = z.object({
  name: lineText(PARTNER_NAME_MAX, "partner.name.invalid").refine((s) => !s.includes("@"), {
    message: "partner.name.invalid",
  }),
});

/** True when the person has not given a name yet. */
export async function needsName(actor: Pick<Actor, "userId">): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  return !user?.name?.trim();
}

/** The signed-in person gives their own name (nobody else's). */
export async function setOwnName(actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  const parsed = nameSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale, "partner.name.invalid");
  await db().user.update({ where: { id: actor.userId }, data: { name: parsed.data.name } });
  return ok({ name: parsed.data.name });
}
