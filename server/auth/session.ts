// The signed-in actor for pages, server actions and route handlers.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale, type Locale } from "../i18n";
import { actorById, type Actor } from "./actor";
import { authOptions } from "./options";

/** Once per request: the root layout and the page both ask (G12). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return actorById(userId);
});

/** The interface language: the signed-in user's profile language, else the cookie, else French. */
export async function currentLocale(actor?: Actor | null): Promise<Locale> {
  if (actor) return actor.locale;
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : "fr";
}
