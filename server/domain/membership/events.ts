// Membership events (A3, A4): payloads carry names and roles, never email addresses, because every
// member of the dossier (applicant side included) receives them.
export const DOSSIER_CREATED = "dossier.created";
export const MEMBER_ADDED = "member.added";
export const MEMBER_REMOVED = "member.removed";
export const MEMBER_LEFT = "member.left";

export type MemberRole = "referent" | "applicant" | "advisor";

export type DossierCreatedPayload = { title: string; byUserId: string; byName: string };
export type MemberAddedPayload = {
  userId: string;
  name: string;
  role: MemberRole;
  holder: boolean;
  byUserId: string;
  byName: string;
};
export type MemberRemovedPayload = { userId: string; name: string; byUserId: string; byName: string };
export type MemberLeftPayload = { userId: string; name: string };
