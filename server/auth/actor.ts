// Who acts: every service takes it first.
import { db } from "../db";
import { toLocale, type Locale } from "../i18n";

export type Actor = { userId: string; name: string; email: string; locale: Locale };

export async function actorById(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, locale: true } });
  if (!user) return null;
  return { userId: user.id, name: user.name ?? user.email, email: user.email, locale: toLocale(user.locale) };
}
