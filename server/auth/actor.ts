// Who acts: every service takes it first.
import { hot } from "../db";
import { sql } from "../db/hot";
import { toLocale, type Locale } from "../i18n";
import { displayName } from "../domain/text";

export type Actor = { userId: string; name: string; email: string; locale: Locale };

// Read on every socket handshake and every page (G7, G12): a prepared statement, not a Prisma query.
const ACTOR = sql("user.actor", `SELECT "id", "name", "email", "locale" FROM "User" WHERE "id" = ?`);

export async function actorById(userId: string): Promise<Actor | null> {
  const user = await hot().get<{ id: string; name: string | null; email: string; locale: string }>(ACTOR, [userId]);
  if (!user) return null;
  return { userId: user.id, name: displayName(user), email: user.email, locale: toLocale(user.locale) };
}
