"use server";
// Server actions of the membership area: thin, through the one action builder.
import { action } from "../../auth/action";
import { createDossier, inviteMembers, leaveDossier, removeMember } from "./service";

export const createDossierAction = action("dossier.create", (actor, input: unknown) => createDossier(actor, input));
export const inviteMembersAction = action("members.invite", (actor, input: unknown) => inviteMembers(actor, input));
export const removeMemberAction = action("members.remove", (actor, input: unknown) => removeMember(actor, input));
export const leaveDossierAction = action("dossier.leave", (actor, input: unknown) => leaveDossier(actor, input));
