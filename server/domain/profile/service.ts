import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import type { Locale } from "../../i18n";

/** The profile language: interface language and, by default, the emails' (N2). */
export async function setProfileLocale(actor: Actor, locale: Locale) {
  await db().user.update({ where: { id: actor.userId }, data: { locale } });
}
