// S2: one-time attach keys. 160 bits from the system's CSPRNG, written in Crockford base32 (no I, L, O,
// U: easy to read and type) in groups of four; stored only as an HMAC-SHA256 with the server secret, so
// a copy of the database gives no usable key. Keys expire after KEY_TTL_DAYS.
import crypto from "node:crypto";
import { env } from "../../env";

export const KEY_TTL_DAYS = 30;

/** When a key made at `now` stops working. */
export function keyExpiresAt(now: Date): Date {
  return new Date(now.getTime() + KEY_TTL_DAYS * 86_400_000);
}
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const KEY_BYTES = 20;

export function newAttachKey(): string {
  const bytes = crypto.randomBytes(KEY_BYTES);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)!.join("-");
}

/** What a person typed, as the key's canonical form: case, spaces and dashes do not matter; O→0, I/L→1. */
export function normalizeKey(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export function hashKey(typed: string): string {
  return crypto
    .createHmac("sha256", env().secret)
    .update(`attach-key:${normalizeKey(typed)}`)
    .digest("hex");
}
