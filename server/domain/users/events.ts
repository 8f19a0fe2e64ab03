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

/** A3: the organization roles that see every dossier of their organization ("staff" in the glossary). */
export const STAFF_ROLES = ["staff", "admin"] as const satisfies readonly OrgRole[];
/** Whether an organization role (as read from the database) is a staff role. */
export const isStaffRole = (role: string | null): boolean => STAFF_ROLES.some((r) => r === role);
/** The same, as an SQL list for hot statements: `"role" IN ${STAFF_ROLES_SQL}`. */
export const STAFF_ROLES_SQL = `(${STAFF_ROLES.map((r) => `'${r}'`).join(", ")})`;

/** T1: the words the admin confirms with before the coordinator flag changes. */
export const COORDINATOR_CONFIRMATION = "Oui, je veux continuer";
