"use server";
// Server actions of the membership area: thin, they read the actor and call the service.
import { currentActor } from "../../auth/session";
import { fail } from "../../errors";
import { createDossier, inviteMembers, leaveDossier, removeMember } from "./service";
import { splitEmails } from "./schema";

export async function createDossierAction(input: {
  organizationId: string;
  title: string;
  referentEmail: string;
  applicantEmails: string;
  advisorEmails: string;
}) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return createDossier(actor, {
    ...input,
    applicantEmails: splitEmails(String(input?.applicantEmails ?? "")),
    advisorEmails: splitEmails(String(input?.advisorEmails ?? "")),
  });
}

export async function inviteMembersAction(input: { dossierId: string; side: string; emails: string }) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return inviteMembers(actor, { ...input, emails: splitEmails(String(input?.emails ?? "")) });
}

export async function removeMemberAction(input: { dossierId: string; userId: string }) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return removeMember(actor, input);
}

export async function leaveDossierAction(input: { dossierId: string }) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return leaveDossier(actor, input);
}
