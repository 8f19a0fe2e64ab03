// The signed-in actor for pages, server actions and route handlers.
import { cache } from "react";
import { cookies } from "next/headers";
import { env } from "../env";
import { LOCALE_COOKIE, isLocale, type Locale } from "../i18n";
import { sessionActor } from "../domain/session/service";
import type { Actor } from "./actor";
import { sessionFromCookies } from "./socket";

/**
 * Once per request: the root layout and the page both ask (G12). X1: the cookie names a session row,
 * read by primary key; a signed-out, ended, idle or expired session is no actor, whatever the cookie says.
 * The cookie is read here rather than through getServerSession, which would re-encrypt it on every call.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const claims = await sessionFromCookies(new Map(jar.getAll().map((c) => [c.name, c.value])), env().secret);
  if (!claims) return null;
  return sessionActor(claims.sessionId, claims.userId);
});

/** The interface language: the signed-in user's profile language, else the cookie, else French. */
export async function currentLocale(actor?: Actor | null): Promise<Locale> {
  if (actor) return actor.locale;
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : "fr";
}
