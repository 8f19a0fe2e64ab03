// The organization audit list's actions (T1, issue 13). No zod here: the browser imports this file.
export const AUDIT_ACTIONS = [
  "role.changed",
  "user.deactivated",
  "coordinator.granted",
  "coordinator.removed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ORG_ROLES = ["admin", "staff", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** T1: the words the admin confirms with before the coordinator flag changes. */
export const COORDINATOR_CONFIRMATION = "Oui, je veux continuer";
