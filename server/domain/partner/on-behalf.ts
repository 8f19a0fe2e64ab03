// S9 (issue 16 item 1): on-behalf entry names the person it is made for. The partner of an on-behalf
// solicitation names them (name, email) while their stage lets them edit; the dossier then says
// "saisi pour le compte de … par …" on both sides.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, type Result } from "../../errors";
import { changeDossier } from "../dossier/change";
import { newId } from "../../db/hot";
import { env } from "../../env";
import { toLocale } from "../../i18n";
import { authorizeFor, partnerAccess } from "../dossier/policy";
import {
  DOSSIER_FOR_INVITATION,
  INSERT_MEMBER,
  INSERT_USER_IF_NEW,
  MEMBER,
  USER_BY_EMAIL,
} from "../membership/queries";
import { recordEmail } from "../outbox/queries";
import { displayName, lineText } from "../text";
import { MEMBER_ADDED, type MemberAddedPayload } from "../membership/events";
import { REFERENT_CHANGED, type ReferentChangedPayload } from "../transfer/events";
import { SET_MEMBER_ROLE } from "../transfer/queries";
import { ON_BEHALF_NAMED, type OnBehalfNamedPayload } from "./events";
import { CURRENT_REFERENT, ON_BEHALF_PERSON, SET_ON_BEHALF_PERSON } from "./queries";

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

export const takeOverSchema = z.object({ solicitationId: z.string().min(1).max(64) });

/**
 * S9 (issue 16 item 1): the advisor side invites the person an on-behalf entry was made for to take
 * over the dossier as its referent: they become the referent (added first when new), the previous
 * referent stays as an applicant member, and the person gets the invitation email. Under the lock.
 */
export async function inviteOnBehalfReferent(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ userId: string }>> {
  const parsed = takeOverSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const s = await db().solicitation.findUnique({
    where: { id: parsed.data.solicitationId },
    select: { id: true, dossierId: true },
  });
  if (!s) return fail("not_found", actor.locale);
  return changeDossier(
    { dossierId: s.dossierId, actor, now, authorize: authorizeFor(actor, "solicitation.create") },
    async (ctx) => {
      const person = await ctx.q.get<{ name: string | null; email: string | null }>(ON_BEHALF_PERSON, [s.id]);
      if (!person?.email || !person.name) return ctx.refuse("invalid", "onBehalf.error.noPerson");
      await ctx.q.write(INSERT_USER_IF_NEW, [newId(), person.email, actor.locale, now]);
      const user = (await ctx.q.get<{ id: string; name: string | null; email: string; locale: string }>(USER_BY_EMAIL, [
        person.email,
      ]))!;
      const member = await ctx.q.get<{ role: string }>(MEMBER, [ctx.dossierId, user.id]);
      if (member?.role === "referent") return ctx.refuse("conflict", "onBehalf.error.already");
      if (member?.role === "advisor") return ctx.refuse("invalid", "onBehalf.error.advisor");
      // Added as an applicant member first when new, then the referent role moves (the same event as a
      // referent's own handover, T8's timeline); the previous referent stays as an applicant member.
      const previous = await ctx.q.get<{ userId: string; name: string | null; email: string }>(CURRENT_REFERENT, [
        ctx.dossierId,
      ]);
      const name = displayName({ name: user.name ?? person.name, email: user.email });
      if (!member) {
        await ctx.q.write(INSERT_MEMBER, [newId(), ctx.dossierId, user.id, "applicant", "applicant", false, now]);
        const added: MemberAddedPayload = {
          userId: user.id,
          name,
          role: "applicant",
          holder: false,
          byUserId: actor.userId,
          byName: actor.name,
        };
        await ctx.emit(MEMBER_ADDED, added);
      }
      await ctx.q.run(SET_MEMBER_ROLE, ["referent", ctx.dossierId, user.id]);
      if (previous) await ctx.q.run(SET_MEMBER_ROLE, ["applicant", ctx.dossierId, previous.userId]);
      const payload: ReferentChangedPayload = {
        fromUserId: previous?.userId ?? "",
        fromName: previous ? displayName(previous) : "",
        toUserId: user.id,
        toName: name,
      };
      await ctx.emit(REFERENT_CHANGED, payload);
      const invitation = (await ctx.q.get<{ title: string; organizationName: string }>(DOSSIER_FOR_INVITATION, [
        ctx.dossierId,
      ]))!;
      await recordEmail(
        {
          kind: "transactional",
          template: "invitation",
          params: {
            inviter: actor.name,
            title: invitation.title,
            organization: invitation.organizationName,
            url: `${env().appUrl}/dossiers/${ctx.dossierId}`,
          },
          toEmail: user.email,
          locale: toLocale(user.locale),
          userId: user.id,
          dossierId: ctx.dossierId,
        },
        ctx.q,
        now,
      );
      ctx.emailed();
      return { userId: user.id };
    },
  );
}
