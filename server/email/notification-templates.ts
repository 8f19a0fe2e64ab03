// Notification emails (N2, N5): subject, HTML and plain text in the recipient's notification language,
// each with a link to the dossier, a link to the conversation settings and the unsubscribe link.
import { t, type Locale, type MessageKey } from "../i18n";
import type { RenderedEmail } from "./templates";

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type NotificationLinks = { dossierUrl: string; settingsUrl: string; unsubscribeUrl: string };

/** A quoted message body is cut so that an email stays short; the whole text is in the app. */
const EXCERPT = 600;
function excerpt(s: string) {
  return s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s;
}

function render(
  locale: Locale,
  subject: string,
  paragraphs: string[],
  links: NotificationLinks,
  quote?: string,
): RenderedEmail {
  const action = t(locale, "notify.email.open");
  const why = t(locale, "notify.email.why");
  const settings = t(locale, "notify.email.settings");
  const unsubscribe = t(locale, "notify.email.unsubscribe");
  const text = [
    ...paragraphs,
    ...(quote ? ["", ...quote.split("\n").map((l) => `> ${l}`)] : []),
    "",
    t(locale, "notify.email.line", { label: action, url: links.dossierUrl }),
    "",
    "--",
    why,
    t(locale, "notify.email.line", { label: settings, url: links.settingsUrl }),
    t(locale, "notify.email.line", { label: unsubscribe, url: links.unsubscribeUrl }),
  ].join("\n");
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  const q = quote
    ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd5e1;color:#334155;white-space:pre-wrap">${escapeHtml(quote)}</blockquote>`
    : "";
  const button = `<p style="margin:24px 0"><a href="${escapeHtml(links.dossierUrl)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p>`;
  const foot = `<p style="font-size:12px;color:#555;margin-top:32px">${escapeHtml(why)} <a href="${escapeHtml(links.settingsUrl)}">${escapeHtml(settings)}</a> · <a href="${escapeHtml(links.unsubscribeUrl)}">${escapeHtml(unsubscribe)}</a></p>`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:20px">${escapeHtml(subject)}</h1>${body}${q}${button}${foot}</body></html>`;
  return { subject, html, text };
}

/** What one notification says: its subject, its paragraphs and an optional quote. */
export type NotificationParts = { subject: string; paragraphs: string[]; quote?: string };

/** C2, C3: a new message, to its recipients. */
export function messageParts(
  locale: Locale,
  p: { author: string; title: string; body: string; question: "forAdvisors" | "forApplicants" },
): NotificationParts {
  const lead = t(
    locale,
    p.question === "forAdvisors" ? "notify.email.message.forAdvisors" : "notify.email.message.forApplicants",
    { author: p.author, title: p.title },
  );
  return {
    subject: t(locale, "notify.email.message.subject", { title: p.title }),
    paragraphs: [lead],
    quote: excerpt(p.body),
  };
}

/** R1: a new recommendation. */
export function recommendationCreatedParts(
  locale: Locale,
  p: { author: string; title: string; recommendation: string },
): NotificationParts {
  return {
    subject: t(locale, "notify.email.reco.subject", { title: p.title }),
    paragraphs: [
      t(locale, "notify.email.reco.body", { author: p.author, recommendation: p.recommendation, title: p.title }),
    ],
  };
}

/** R2: a recommendation's status changed. */
export function recommendationStatusParts(
  locale: Locale,
  p: { by: string; title: string; recommendation: string; status: string },
): NotificationParts {
  const status = t(locale, `reco.status.${p.status}` as MessageKey);
  return {
    subject: t(locale, "notify.email.recoStatus.subject", { recommendation: p.recommendation, status, title: p.title }),
    paragraphs: [
      t(locale, "notify.email.recoStatus.body", { by: p.by, recommendation: p.recommendation, status, title: p.title }),
    ],
  };
}

/** P1, P7: a dossier was paused (by hand with a reason, or for inactivity). */
export function pausedParts(
  locale: Locale,
  p: { title: string; by: string | null; reason: string | null; delayDays?: number },
): NotificationParts {
  const lead = p.by
    ? t(locale, "notify.email.paused.manual", { by: p.by, title: p.title })
    : t(locale, "notify.email.paused.inactivity", { title: p.title, days: p.delayDays ?? 365 });
  const reason = p.reason
    ? [t(locale, "pause.reasonLine", { reason: t(locale, `pause.reason.${p.reason}` as MessageKey) })]
    : [];
  return { subject: t(locale, "notify.email.paused.subject", { title: p.title }), paragraphs: [lead, ...reason] };
}

/** P2: a dossier was reactivated by hand. */
export function reactivatedParts(locale: Locale, p: { title: string; by: string }): NotificationParts {
  return {
    subject: t(locale, "notify.email.reactivated.subject", { title: p.title }),
    paragraphs: [t(locale, "notify.email.reactivated.body", { by: p.by, title: p.title })],
  };
}

/** One notification as an email. */
export function notificationEmail(locale: Locale, parts: NotificationParts, links: NotificationLinks): RenderedEmail {
  return render(locale, parts.subject, parts.paragraphs, links, parts.quote);
}

/**
 * N10: several notifications about one dossier for one recipient, within the waiting window, as one
 * email that lists them in order (each with its own heading, paragraphs and quote).
 */
export function batchEmail(
  locale: Locale,
  p: { title: string },
  items: NotificationParts[],
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, "notify.email.batch.subject", { count: items.length, title: p.title });
  const lead = t(locale, "notify.email.batch.lead", { count: items.length, title: p.title });
  const textItems = items.flatMap((i) => [
    "",
    `• ${i.subject}`,
    ...i.paragraphs,
    ...(i.quote ? i.quote.split("\n").map((l) => `> ${l}`) : []),
  ]);
  const htmlItems = items
    .map(
      (i) =>
        `<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(i.subject)}</h2>` +
        i.paragraphs.map((x) => `<p style="margin:0 0 12px">${escapeHtml(x)}</p>`).join("") +
        (i.quote
          ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd5e1;color:#334155;white-space:pre-wrap">${escapeHtml(i.quote)}</blockquote>`
          : ""),
    )
    .join("");
  const single = render(locale, subject, [lead], links);
  const text = single.text.replace(lead, [lead, ...textItems].join("\n"));
  const html = single.html.replace(
    `<p style="margin:0 0 16px">${escapeHtml(lead)}</p>`,
    `<p style="margin:0 0 16px">${escapeHtml(lead)}</p>${htmlItems}`,
  );
  return { subject, html, text };
}

export const messageEmail = (locale: Locale, p: Parameters<typeof messageParts>[1], links: NotificationLinks) =>
  notificationEmail(locale, messageParts(locale, p), links);
export const recommendationCreatedEmail = (
  locale: Locale,
  p: Parameters<typeof recommendationCreatedParts>[1],
  links: NotificationLinks,
) => notificationEmail(locale, recommendationCreatedParts(locale, p), links);
export const recommendationStatusEmail = (
  locale: Locale,
  p: Parameters<typeof recommendationStatusParts>[1],
  links: NotificationLinks,
) => notificationEmail(locale, recommendationStatusParts(locale, p), links);
export const pausedEmail = (locale: Locale, p: Parameters<typeof pausedParts>[1], links: NotificationLinks) =>
  notificationEmail(locale, pausedParts(locale, p), links);
export const reactivatedEmail = (locale: Locale, p: Parameters<typeof reactivatedParts>[1], links: NotificationLinks) =>
  notificationEmail(locale, reactivatedParts(locale, p), links);

/** T2, T8: a transfer's request, acceptance, refusal, expiry or cancellation (names only, never content: T7). */
export function transferEmail(
  locale: Locale,
  p: {
    event: "requested" | "accepted" | "refused" | "expired" | "cancelled";
    title: string;
    from: string;
    to: string;
    by: string | null;
  },
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, `transfer.email.${p.event}.subject` as MessageKey, { title: p.title });
  const body = t(locale, `transfer.email.${p.event}.body` as MessageKey, {
    title: p.title,
    from: p.from,
    to: p.to,
    by: p.by ?? "",
  });
  return render(locale, subject, [body], links);
}
