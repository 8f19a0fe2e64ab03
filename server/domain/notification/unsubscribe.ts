// N5: one-click unsubscribe without signing in. The link carries the user id and an HMAC of it (keyed
// with NEXTAUTH_SECRET and a purpose), so it cannot be forged for someone else nor reused for another
// purpose; a tampered link is refused and changes nothing.
import crypto from "node:crypto";
import { env } from "../../env";

const PURPOSE = "relais.unsubscribe.v1";

// Every notification of a send carries its recipient's signed links (N5), computed in the send's
// transaction: the HMAC was 3 % of a send's CPU. The same people are notified again and again, so
// signatures are kept per secret and user (bounded: emptied when full).
const SIGNATURES_KEPT = 10_000;
const signatures = new Map<string, string>();

export function unsubscribeSignature(userId: string): string {
  const secret = env().secret;
  const key = `${secret}\u0000${userId}`;
  let s = signatures.get(key);
  if (s === undefined) {
    s = crypto.createHmac("sha256", secret).update(`${PURPOSE}:${userId}`).digest("base64url");
    if (signatures.size >= SIGNATURES_KEPT) signatures.clear();
    signatures.set(key, s);
  }
  return s;
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

const listUnsubscribe = new Map<string, string>();

/** Headers of every non-transactional email (N5). Their link is kept per user and address, like the signature. */
export function unsubscribeHeaders(userId: string): Record<string, string> {
  const key = `${env().appUrl}\u0000${env().secret}\u0000${userId}`;
  let link = listUnsubscribe.get(key);
  if (link === undefined) {
    link = `<${oneClickUrl(userId)}>`;
    if (listUnsubscribe.size >= SIGNATURES_KEPT) listUnsubscribe.clear();
    listUnsubscribe.set(key, link);
  }
  return { "List-Unsubscribe": link, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
