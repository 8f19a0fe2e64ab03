import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import type { Locale } from "../../i18n";

/** The profile language: interface language and, by default, the emails' (N2). */
export async function setProfileLocale(actor: Actor, locale: Locale) {
  await db().user.update({ where: { id: actor.userId }, data: { locale } });
}

/** Local mode only (the login page shows them when DEMO_LOGIN=1): the users one click signs in. */
export async function demoUsers() {
  return db().user.findMany({ orderBy: { email: "asc" }, select: { email: true, name: true, title: true }, take: 50 });
}
