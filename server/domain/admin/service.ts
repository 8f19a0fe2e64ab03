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

export async function adminLinks(actor: Actor): Promise<NavLink[]> {
  // On every page (root layout): a prepared statement (G12).
  const roles = await hot().all<{ role: string }>(STAFF_ROLES_OF, [actor.userId]);
  if (roles.length === 0) return [];
  const admin = roles.some((r) => r.role === "admin");
  return [
    { href: "/admin/emails", label: "nav.adminEmails" },
    ...(admin
      ? ([
          { href: "/admin/templates", label: "nav.adminTemplates" },
          { href: "/admin/reminders", label: "nav.adminReminders" },
          { href: "/admin/billing", label: "nav.adminBilling" },
        ] as const)
      : []),
  ];
}
