// Issue 17 (N5): the unsubscribe page opened from an email reads in the email's language, header
// included. Its link carries `l` (the language the email was written in); signed out, the interface
// language is the locale cookie, so the cookie is set for this request and kept for the next ones. A
// signed-in person keeps their profile language on every page, this one too.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "./server/auth/socket";
import { LOCALE_COOKIE, isLocale } from "./server/i18n";

export function proxy(request: NextRequest) {
  const l = request.nextUrl.searchParams.get("l");
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (signedIn || !isLocale(l) || request.cookies.get(LOCALE_COOKIE)?.value === l) return NextResponse.next();
  request.cookies.set(LOCALE_COOKIE, l);
  const res = NextResponse.next({ request: { headers: request.headers } });
  res.cookies.set(LOCALE_COOKIE, l, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  return res;
}

export const config = { matcher: ["/unsubscribe"] };
