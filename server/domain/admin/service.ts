// Which administration pages an actor may open, for the header's links (each page checks again).
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import type { MessageKey } from "../../i18n";

export type NavLink = { href: string; label: MessageKey };

export async function adminLinks(actor: Actor): Promise<NavLink[]> {
  const roles = await db().membership.findMany({ where: { userId: actor.userId, role: { in: ["staff", "admin"] } }, select: { role: true } });
  if (roles.length === 0) return [];
  const admin = roles.some((r) => r.role === "admin");
  return [
    { href: "/admin/emails", label: "nav.adminEmails" },
    ...(admin ? ([{ href: "/admin/templates", label: "nav.adminTemplates" }, { href: "/admin/reminders", label: "nav.adminReminders" }] as const) : []),
  ];
}
