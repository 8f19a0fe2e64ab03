// Which administration pages an actor may open, for the header's links (each page checks again).
import type { Actor } from "../../auth/actor";
import { hot } from "../../db";
import { sql } from "../../db/hot";
import type { MessageKey } from "../../i18n";

export type NavLink = { href: string; label: MessageKey };

const STAFF_ROLES_OF = sql(
  "admin.staffRoles",
  `SELECT "role" FROM "Membership" WHERE "userId" = ? AND "role" IN ('staff', 'admin')`,
);

// T3, T5: coordinators get the coordination page's link.
const COORDINATOR_OF = sql(
  "admin.coordinatorOf",
  `SELECT "organizationId" AS "organizationId" FROM "Membership" WHERE "userId" = ? AND "coordinator" = ?`,
);

export async function adminLinks(actor: Actor): Promise<NavLink[]> {
  // On every page (root layout): prepared statements (G12).
  const [roles, coordinates] = await Promise.all([
    hot().all<{ role: string }>(STAFF_ROLES_OF, [actor.userId]),
    hot().all<{ organizationId: string }>(COORDINATOR_OF, [actor.userId, true]),
  ]);
  const coordination: NavLink[] = coordinates.length ? [{ href: "/coordination", label: "nav.coordination" }] : [];
  if (roles.length === 0) return coordination;
  const admin = roles.some((r) => r.role === "admin");
  return [
    ...coordination,
    { href: "/admin/emails", label: "nav.adminEmails" },
    ...(admin
      ? ([
          { href: "/admin/users", label: "nav.adminUsers" },
          { href: "/admin/templates", label: "nav.adminTemplates" },
          { href: "/admin/reminders", label: "nav.adminReminders" },
          { href: "/admin/billing", label: "nav.adminBilling" },
        ] as const)
      : []),
  ];
}
