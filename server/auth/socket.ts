// Reads the next-auth session cookie: from a socket's upgrade request, and from pages, actions and
// routes (auth/session.ts). getToken() cannot be used on a socket: it reads req.cookies, which a raw
// upgrade request does not have. Both cookie names are accepted: the __Secure- one is what next-auth
// sets when NEXTAUTH_URL is https. X1: the token names a session row (`sid`), which the caller must
// still find alive (domain/session/service.ts sessionActor): a valid signature is not a session.
import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtDecrypt } from "jose";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // a malformed value is ignored, as browsers would
    }
  }
  return out;
}

/** Large sessions are split into name.0, name.1, …: join them back. */
function sessionToken(cookies: Map<string, string>, name: string): string | undefined {
  if (cookies.has(name)) return cookies.get(name);
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join("") : undefined;
}

// next-auth's session JWE key (getDerivedEncryptionKey in next-auth/jwt: HKDF of the secret, empty
// salt), derived once per secret: next-auth's decode derives it on every call, which cost as much CPU
// as the decryption itself, on every socket handshake (G7).
const keys = new Map<string, KeyObject>();
function encryptionKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)));
    keys.set(secret, key);
  }
  return key;
}

export type SessionClaims = { userId: string; sessionId: string };

/** The user and session ids of a valid, unexpired session token in these cookies, or null. */
export async function sessionFromCookies(cookies: Map<string, string>, secret: string): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIES) {
    const token = sessionToken(cookies, name);
    if (!token) continue;
    try {
      // What next-auth encodes (alg dir, A256GCM) and nothing else; its decode's clock tolerance.
      const { payload: jwt } = await jwtDecrypt(token, encryptionKey(secret), {
        clockTolerance: 15,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
      });
      const expired = typeof jwt.exp === "number" && jwt.exp * 1000 <= Date.now();
      // X1: a token without a session id (made before sessions were rows) is no session.
      if (typeof jwt.sub === "string" && jwt.sub && typeof jwt.sid === "string" && jwt.sid && !expired)
        return { userId: jwt.sub, sessionId: jwt.sid };
    } catch {
      // tampered or from another secret: not a session
    }
  }
  return null;
}

/** The same, from a Cookie header (the socket handshake). */
export function sessionFromCookieHeader(header: string | undefined, secret: string): Promise<SessionClaims | null> {
  return sessionFromCookies(parseCookies(header), secret);
}
