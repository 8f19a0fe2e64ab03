// N5: one-click unsubscribe without signing in. The link carries the user id and an HMAC of it (keyed
// with NEXTAUTH_SECRET and a purpose), so it cannot be forged for someone else nor reused for another
// purpose; a tampered link is refused and changes nothing.
import crypto from "node:crypto";
import { env } from "../../env";

const PURPOSE = "relais.unsubscribe.v1";

export function unsubscribeSignature(userId: string): string {
  return crypto.createHmac("sha256", env().secret).update(`${PURPOSE}:${userId}`).digest("base64url");
}

export function verifyUnsubscribe(userId: string, signature: string): boolean {
  const expected = Buffer.from(unsubscribeSignature(userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The page a person opens from the email (GET shows a confirmation). */
export function unsubscribeUrl(userId: string): string {
  const q = new URLSearchParams({ u: userId, s: unsubscribeSignature(userId) });
  return `${env().appUrl}/unsubscribe?${q}`;
}

/** The link in the language the email is written in (`l`: the page and its header read in it, proxy.ts). */
export function inLanguage(url: string, locale: string): string {
  try {
    const u = new URL(url);
    u.searchParams.set("l", locale);
    return u.toString();
  } catch {
    return url;
  }
}

/** The RFC 8058 one-click target: mail clients POST "List-Unsubscribe=One-Click" to it. */
export function oneClickUrl(userId: string): string {
  const q = new URLSearchParams({ u: userId, s: unsubscribeSignature(userId) });
  return `${env().appUrl}/unsubscribe/one-click?${q}`;
}

/** Headers of every non-transactional email (N5). */
export function unsubscribeHeaders(userId: string): Record<string, string> {
  return { "List-Unsubscribe": `<${oneClickUrl(userId)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
