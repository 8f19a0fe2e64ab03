// Recording an email in the durable outbox (N6), inside the caller's transaction when there is one.
import { db, type Db, type Tx } from "../db";
import type { RenderedEmail } from "../email/templates";

export type EmailKind = "transactional" | "notification" | "digest" | "reminder";

export type NewDelivery = RenderedEmail & {
  kind: EmailKind;
  template: string;
  toEmail: string;
  locale: string;
  userId?: string | null;
  dossierId?: string | null;
  /** N6: staff of this organization see the delivery if it fails (dossier deliveries are found by dossier too) */
  organizationId?: string | null;
  headers?: Record<string, string>;
};

const KICK = Symbol.for("relais.outbox.kick");
type Holder = { [KICK]?: () => void };

export async function recordEmail(d: NewDelivery, client: Db | Tx = db()) {
  const row = await client.emailDelivery.create({
    data: {
      kind: d.kind,
      template: d.template,
      toEmail: d.toEmail,
      locale: d.locale,
      userId: d.userId ?? null,
      dossierId: d.dossierId ?? null,
      organizationId: d.organizationId ?? null,
      subject: d.subject,
      html: d.html,
      text: d.text,
      headers: JSON.stringify(d.headers ?? {}),
    },
    select: { id: true },
  });
  return row.id;
}

/** Wakes the worker of this process so that a recorded email leaves now rather than at the next poll. */
export function kickOutbox() {
  (globalThis as Holder)[KICK]?.();
}

export function setOutboxKick(fn: (() => void) | undefined) {
  (globalThis as Holder)[KICK] = fn;
}
