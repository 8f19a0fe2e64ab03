// Contacts of an organization (issue 12, item 1) and the contact card (K5): the dossiers where the
// contact is a party, with the client's status on each, limited to dossiers whose billing the actor sees.
import type { Confidentiality } from "../note/events";
import { confidentialityByDossier } from "../note/service";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import type { MessageKey } from "../../i18n";
import { billableDossiersWhere } from "../billing/policy";
import { memberOf } from "./policy";
import { contactSelect } from "./queries";
import { createContactSchema } from "./schema";

export type ContactView = {
  id: string;
  organizationId: string;
  kind: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
};

export async function createContact(actor: Actor, raw: unknown, now = new Date()): Promise<Result<ContactView>> {
  const parsed = createContactSchema.safeParse(raw);
  if (!parsed.success) {
    const key = parsed.error.issues.find((i) => i.message.startsWith("billing."))?.message as MessageKey | undefined;
    return fail("invalid", actor.locale, key ?? "error.invalid");
  }
  const input = parsed.data;
  if (!(await memberOf(actor, input.organizationId))) return fail("not_found", actor.locale);
  const contact = await db().contact.create({ data: { ...input, createdAt: now }, select: contactSelect });
  return ok(contact);
}

/** The organization's contacts, for the parties dialog; empty for a non-member. */
export async function listContacts(actor: Actor, organizationId: string): Promise<ContactView[]> {
  if (!(await memberOf(actor, organizationId))) return [];
  return db().contact.findMany({
    where: { organizationId },
    select: contactSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 1000,
  });
}

export type ContactCard = ContactView & {
  dossiers: {
    partyId: string;
    dossierId: string;
    title: string;
    role: string;
    active: boolean;
    /** K3, K5: an activity may be added for this client here */
    canAddActivity: boolean;
    /** T6: the badge, in this list of dossiers too */
    confidentiality: Confidentiality;
  }[];
};

/** The contact card, or null (404) for anyone outside the contact's organization. */
export async function getContactCard(actor: Actor, contactId: string): Promise<ContactCard | null> {
  const contact = await db().contact.findUnique({ where: { id: contactId }, select: contactSelect });
  if (!contact || !(await memberOf(actor, contact.organizationId))) return null;
  const parties = await db().party.findMany({
    where: { contactId, dossier: billableDossiersWhere(actor) },
    select: { id: true, role: true, active: true, dossier: { select: { id: true, title: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const badges = await confidentialityByDossier([...new Set(parties.map((p) => p.dossier.id))]);
  return {
    ...contact,
    dossiers: parties.map((p) => ({
      confidentiality: badges.get(p.dossier.id) ?? "none",
      partyId: p.id,
      dossierId: p.dossier.id,
      title: p.dossier.title,
      role: p.role,
      active: p.active,
      canAddActivity: p.role === "client" && p.active,
    })),
  };
}

/** The contacts page: the contacts of every organization the actor is a member of (none for others). */
export async function contactsByOrganization(
  actor: Actor,
): Promise<{ organization: { id: string; name: string }; contacts: ContactView[] }[]> {
  const memberships = await db().membership.findMany({
    where: { userId: actor.userId },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return Promise.all(
    memberships.map(async (m) => ({
      organization: m.organization,
      contacts: await listContacts(actor, m.organization.id),
    })),
  );
}
