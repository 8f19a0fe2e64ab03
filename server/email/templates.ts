// Email templates: subject, HTML and plain text in the recipient's language.
import type { EmailParams } from "../domain/outbox/templates";
import { t, type Locale, type MessageKey } from "../i18n";
import { formatDay } from "../i18n/format";

export type RenderedEmail = { subject: string; html: string; text: string };

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function layout(
  locale: Locale,
  title: string,
  paragraphs: string[],
  action?: { label: string; url: string },
  footer?: string,
) {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px;white-space:pre-line">${escapeHtml(p)}</p>`).join("");
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#555;word-break:break-all">${escapeHtml(action.url)}</p>`
    : "";
  const foot = footer ? `<p style="font-size:12px;color:#555;margin-top:32px">${escapeHtml(footer)}</p>` : "";
  return `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}${button}${foot}</body></html>`;
}

export function signInEmail(locale: Locale, url: string): RenderedEmail {
  const subject = t(locale, "email.signIn.subject");
  const text = [t(locale, "email.signIn.body"), "", url, "", t(locale, "email.signIn.ignore")].join("\n");
  const html = layout(
    locale,
    subject,
    [t(locale, "email.signIn.body")],
    { label: t(locale, "email.signIn.action"), url },
    t(locale, "email.signIn.ignore"),
  );
  return { subject, html, text };
}

/** Invitation to a dossier (transactional: always leaves, N8), in the invitee's language. */
export function invitationEmail(locale: Locale, p: EmailParams["invitation"]): RenderedEmail {
  const subject = t(locale, "email.invitation.subject", { title: p.title });
  const body = t(locale, "email.invitation.body", { inviter: p.inviter, title: p.title, organization: p.organization });
  const footer = t(locale, "email.invitation.footer");
  const text = [body, "", p.url, "", footer].join("\n");
  const html = layout(locale, subject, [body], { label: t(locale, "email.invitation.action"), url: p.url }, footer);
  return { subject, html, text };
}

const KINDS = ["opinion", "supplement", "both", "on_behalf"];
const knownKind = (kind: string | undefined) => (kind && KINDS.includes(kind) ? kind : null);

/** S1, issue 16: what is asked (by kind) and the asker's instructions, as paragraphs. */
function whatIsAsked(locale: Locale, p: { asker: string; kind?: string; instructions?: string }): string[] {
  const kind = knownKind(p.kind);
  const out = kind ? [t(locale, `email.partner.what.${kind}` as MessageKey)] : [];
  const instructions = p.instructions?.trim();
  if (instructions) out.push(`${t(locale, "email.partner.instructions", { asker: p.asker })}\n${instructions}`);
  return out;
}

/** S2: the one-time attach key of a solicitation (transactional: always leaves, N8). */
export function partnerKeyEmail(locale: Locale, p: EmailParams["partner-key"]): RenderedEmail {
  const kind = knownKind(p.kind);
  const subject = t(locale, kind ? (`email.partnerKey.subject.${kind}` as MessageKey) : "email.partnerKey.subject", {
    organization: p.organization,
  });
  const body = t(locale, "email.partnerKey.body", {
    asker: p.asker,
    organization: p.organization,
    title: p.title,
    scope: p.scope,
  });
  const keyLine = t(locale, "email.partnerKey.key", { key: p.key });
  const how = t(locale, "email.partnerKey.how");
  const due = p.dueDate ? t(locale, "email.partnerKey.due", { date: formatDay(locale, p.dueDate) }) : null;
  const footer = t(locale, "email.partnerKey.footer", { date: formatDay(locale, p.expiresOn, "longDate") });
  const paragraphs = [
    ...(p.renewed ? [t(locale, "email.partnerKey.renewed")] : []),
    body,
    ...whatIsAsked(locale, p),
    keyLine,
    how,
    ...(due ? [due] : []),
  ];
  const text = [...paragraphs, "", p.url, "", footer].join("\n");
  const html = layout(locale, subject, paragraphs, { label: t(locale, "email.partnerKey.action"), url: p.url }, footer);
  return { subject, html, text };
}

/** S1: an internal partner (member of the organization) is asked; they answer in the workspace. */
export function partnerRequestEmail(locale: Locale, p: EmailParams["partner-request"]): RenderedEmail {
  const kind = knownKind(p.kind);
  const subject = t(
    locale,
    kind ? (`email.partnerRequest.subject.${kind}` as MessageKey) : "email.partnerRequest.subject",
    { title: p.title },
  );
  const body = t(locale, "email.partnerRequest.body", { asker: p.asker, title: p.title, scope: p.scope });
  const paragraphs = [
    body,
    ...whatIsAsked(locale, p),
    ...(p.dueDate ? [t(locale, "email.partnerKey.due", { date: formatDay(locale, p.dueDate) })] : []),
  ];
  const text = [...paragraphs, "", p.url].join("\n");
  const html = layout(locale, subject, paragraphs, { label: t(locale, "email.partnerRequest.action"), url: p.url });
  return { subject, html, text };
}

/** S6: a reminder to a partner who has not answered yet. */
export function partnerReminderEmail(locale: Locale, p: EmailParams["partner-reminder"]): RenderedEmail {
  const subject = t(locale, "email.partnerReminder.subject", { title: p.title });
  const body = t(locale, "email.partnerReminder.body", {
    organization: p.organization,
    title: p.title,
    scope: p.scope,
  });
  const paragraphs = [
    body,
    ...(p.dueDate ? [t(locale, "email.partnerKey.due", { date: formatDay(locale, p.dueDate) })] : []),
    // Issue 16: not attached yet: a fresh key (the first one may be lost or expired), else the old hint.
    ...(p.key
      ? [
          t(locale, "email.partnerReminder.newKey", {
            key: p.key,
            date: p.expiresOn ? formatDay(locale, p.expiresOn, "longDate") : "",
          }),
          t(locale, "email.partnerKey.how"),
        ]
      : p.attached
        ? []
        : [t(locale, "email.partnerReminder.attach")]),
  ];
  // N5: a reminder is not transactional: it ends with the one-click unsubscribe link.
  const footer = t(locale, "email.partnerReminder.unsubscribe", { url: p.unsubscribeUrl });
  const text = [...paragraphs, "", p.url, "", "--", footer].join("\n");
  const html = layout(
    locale,
    subject,
    paragraphs,
    { label: t(locale, "email.partnerReminder.action"), url: p.url },
    footer,
  );
  return { subject, html, text };
}
