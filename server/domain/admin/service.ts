// Which pages an actor may use, for the header's menu (each page checks again): each role sees only
// what it can use (issue 17).
import type { Actor } from "../../auth/actor";
import { hot } from "../../db";
import { sql } from "../../db/hot";
import type { MessageKey } from "../../i18n";
import { STAFF_ROLES_SQL } from "../users/events";

export type NavLink = { href: string; label: MessageKey };

const STAFF_ROLES_OF = sql(
  "admin.staffRoles",
  `SELECT "role" FROM "Membership" WHERE "userId" = ? AND "role" IN ${STAFF_ROLES_SQL}`,
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

const ORG_MEMBER = sql("nav.orgMember", `SELECT 1 AS "one" FROM "Membership" WHERE "userId" = ? LIMIT 1`);
const DOSSIER_MEMBER = sql("nav.dossierMember", `SELECT 1 AS "one" FROM "DossierMember" WHERE "userId" = ? LIMIT 1`);
const PARTNER = sql("nav.partner", `SELECT 1 AS "one" FROM "Solicitation" WHERE "partnerUserId" = ? LIMIT 1`);

export type HeaderNav = {
  /** the main menu: dossiers, solicitations, coordination, settings */
  links: NavLink[];
  /** staff and admin pages, grouped under "Administration" */
  admin: NavLink[];
  /** K3: the quick-add menu (advisors and staff bill) */
  quickAdd: boolean;
  /** C9: the header's search (people with dossiers) */
  search: boolean;
};

/**
 * The header by role: applicants get their dossiers and settings; partners their solicitations (and a
 * newcomer with nothing yet the page where a key is entered); advisors the quick-add menu and search;
 * coordinators, staff and admins their pages (adminLinks).
 */
export async function headerNav(actor: Actor): Promise<HeaderNav> {
  const [orgMember, dossierMember, partner, extra] = await Promise.all([
    hot().get(ORG_MEMBER, [actor.userId]),
    hot().get(DOSSIER_MEMBER, [actor.userId]),
    hot().get(PARTNER, [actor.userId]),
    adminLinks(actor),
  ]);
  const withDossiers = Boolean(orgMember || dossierMember);
  const links: NavLink[] = [
    ...(withDossiers || !partner ? ([{ href: "/dashboard", label: "nav.dossiers" }] as const) : []),
    ...(partner || !withDossiers ? ([{ href: "/partners", label: "partner.nav" }] as const) : []),
    // T4: a practitioner's invoices stay theirs after a transfer; this list is how they reach them.
    ...(orgMember ? ([{ href: "/invoices", label: "nav.invoices" }] as const) : []),
    ...extra.filter((l) => l.href === "/coordination"),
    { href: "/settings/conversations", label: "notify.nav.settings" },
  ];
  return {
    links,
    admin: extra.filter((l) => l.href !== "/coordination"),
    quickAdd: Boolean(orgMember),
    search: withDossiers,
  };
}
