// Email transports: Resend when RESEND_API_KEY is set, the local mailbox (/dev/mailbox) otherwise.
// Both are idempotent by delivery id, so a retry after a crash never sends twice.
import { Resend } from "resend";
import { db } from "../db";
import { env } from "../env";

export type OutgoingEmail = {
  deliveryId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
};

export type SendResult = { ok: true; providerId: string } | { ok: false; error: string; retryable: boolean };

export interface Transport {
  name: string;
  /** N6: the provider's rate, shared by every process through the outbox throttle (none for the local mailbox) */
  minIntervalMs?: number;
  send(email: OutgoingEmail): Promise<SendResult>;
}

export function localMailbox(from: string): Transport {
  return {
    name: "local",
    async send(email) {
      const row = await db().localMail.upsert({
        where: { deliveryId: email.deliveryId },
        create: {
          deliveryId: email.deliveryId,
          fromEmail: from,
          toEmail: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: JSON.stringify(email.headers),
        },
        update: {},
        select: { id: true },
      });
      return { ok: true, providerId: row.id };
    },
  };
}

/** Resend allows 2 requests a second by default: stay under it. */
const RESEND_MIN_INTERVAL_MS = 550;

export function resendTransport(apiKey: string, from: string, baseUrl?: string): Transport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  let nextSlot = 0;
  return {
    name: "resend",
    minIntervalMs: RESEND_MIN_INTERVAL_MS,
    async send(email) {
      const wait = nextSlot - Date.now();
      nextSlot = Math.max(Date.now(), nextSlot) + RESEND_MIN_INTERVAL_MS;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const { data, error } = await client.emails.send(
        { from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers },
        { idempotencyKey: email.deliveryId },
      );
      if (error || !data) {
        const status = (error as { statusCode?: number } | null)?.statusCode ?? 0;
        // 4xx other than 429 (rate limit) and 409 (idempotency in progress) will not get better.
        const retryable = status === 0 || status === 429 || status === 409 || status >= 500;
        return { ok: false, error: `${status || "network"}: ${error?.message ?? "no data"}`, retryable };
      }
      return { ok: true, providerId: data.id };
    },
  };
}

export function transportFromEnv(): Transport {
  const e = env();
  return e.RESEND_API_KEY
    ? resendTransport(e.RESEND_API_KEY, e.EMAIL_FROM, e.RESEND_BASE_URL)
    : localMailbox(e.EMAIL_FROM);
}
