// next-auth configuration: email magic link (10 minutes, single use, token stored hashed by next-auth)
// and, when DEMO_LOGIN=1, a one-click demo sign-in per seeded user. Sessions are JWTs in a cookie,
// which the socket handshake reads too (auth/socket.ts). X1: each sign-in starts a session row whose id
// the JWT carries (`sid`); pages, actions, routes and sockets accept the cookie only while that row lives
// (domain/session), and sign-out deletes it.
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import type { EmailConfig } from "next-auth/providers/email";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "../i18n";
import { logger } from "../logger";
import { safeReturnPath } from "../http/redirect";
import { consume } from "../ratelimit";
import { recordEmail } from "../domain/outbox/queries";
import { kickOutbox } from "../domain/ports";
import { sessionLimits } from "../domain/session/policy";
import { endSession, sessionActor, startSession } from "../domain/session/service";

export const MAGIC_LINK_MAX_AGE_S = 10 * 60;

const emailSchema = z.string().trim().toLowerCase().email().max(254);

/** A sign-in link is transactional: it always leaves (N8), through the outbox (N6). */
async function sendSignInLink({ identifier, url }: { identifier: string; url: string }) {
  // X4: sign-in emails per address (per client address: server/index.ts); next-auth shows its error page.
  if (!(await consume("signin.email", identifier.toLowerCase()))) throw new Error("rate_limited");
  const user = await db().user.findUnique({ where: { email: identifier }, select: { id: true, locale: true } });
  const locale = toLocale(user?.locale);
  await recordEmail({
    kind: "transactional",
    template: "sign-in",
    params: { url },
    toEmail: identifier,
    userId: user?.id,
    locale,
  });
  kickOutbox();
}

const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  server: "",
  from: "",
  maxAge: MAGIC_LINK_MAX_AGE_S,
  options: {},
  sendVerificationRequest: sendSignInLink,
  normalizeIdentifier: (identifier) => {
    const parsed = emailSchema.safeParse(identifier);
    if (!parsed.success) throw new Error("invalid email");
    return parsed.data;
  },
};

function demoProvider() {
  return CredentialsProvider({
    id: "demo",
    name: "Demo",
    credentials: { email: { label: "Email", type: "email" } },
    async authorize(credentials) {
      const email = emailSchema.safeParse(credentials?.email);
      if (!email.success) return null;
      const user = await db().user.findUnique({
        where: { email: email.data },
        select: { id: true, email: true, name: true, deactivatedAt: true },
      });
      // X1, issue 13: a deactivated account does not sign in.
      return user && user.deactivatedAt === null ? { id: user.id, email: user.email, name: user.name } : null;
    },
  });
}

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    // The adapter's types name the stock @prisma/client; ours is the prisma-client generator's.
    adapter: PrismaAdapter(db() as never) as Adapter,
    secret: e.secret,
    // X1: the cookie lives no longer than the session's absolute lifetime; the row decides before that.
    session: { strategy: "jwt", maxAge: Math.floor(sessionLimits().lifetimeMs / 1000) },
    pages: { signIn: "/login", verifyRequest: "/login?sent=1", error: "/login" },
    providers: [emailProvider, ...(e.DEMO_LOGIN ? [demoProvider()] : [])],
    callbacks: {
      // X1, issue 13: a deactivated account gets no session, whatever the provider (actorById refuses it too).
      async signIn({ user }) {
        if (!user?.id) return true;
        const found = await db().user.findUnique({ where: { id: user.id }, select: { deactivatedAt: true } });
        return !found?.deactivatedAt;
      },
      // X5: after sign-in, only a path of this app (next-auth's default also accepts same-origin URLs).
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeReturnPath(path)}`;
      },
      async jwt({ token, user }) {
        // X1: a sign-in (magic link or demo) starts a session row; the token carries its id.
        if (user) return { ...token, sub: user.id, sid: await startSession(user.id) };
        // next-auth's own /api/auth/session: an ended session is none (throwing makes next-auth clear the cookie).
        if (!token.sub || typeof token.sid !== "string" || !(await sessionActor(token.sid, token.sub)))
          throw new Error("session ended");
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Issue 17: what answers before a session is read (the body limit's 413, a sign-in form after the
      // session ends) speaks the locale cookie; signing in aligns it with the person's profile language.
      async signIn({ user }) {
        if (!user?.id) return;
        const found = await db().user.findUnique({ where: { id: user.id }, select: { locale: true } });
        if (!found) return;
        try {
          (await cookies()).set(LOCALE_COOKIE, toLocale(found.locale), {
            path: "/",
            sameSite: "lax",
            maxAge: 365 * 24 * 3600,
          });
        } catch {
          // outside a request (tests, scripts): nothing to align
        }
      },
      // X1: sign-out ends this session on the server (its row, then its open sockets), not only the cookie.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
    logger: {
      error: (code, metadata) => {
        const detail = metadata instanceof Error ? metadata.message : undefined;
        // X1: an ended session asking /api/auth/session is expected, not an error.
        if (code === "JWT_SESSION_ERROR") logger.info("next-auth", { code, detail });
        else logger.error("next-auth", { code, detail });
      },
      warn: () => {},
      debug: () => {},
    },
  };
}
