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
    `${action} : ${links.dossierUrl}`,
    "",
    "--",
    why,
    `${settings} : ${links.settingsUrl}`,
    `${unsubscribe} : ${links.unsubscribeUrl}`,
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

/** C2, C3: a new message, to its recipients. */
export function messageEmail(
  locale: Locale,
  p: { author: string; title: string; body: string; question: "forAdvisors" | "forApplicants" },
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, "notify.email.message.subject", { title: p.title });
  const lead = t(
    locale,
    p.question === "forAdvisors" ? "notify.email.message.forAdvisors" : "notify.email.message.forApplicants",
    { author: p.author, title: p.title },
  );
  return render(locale, subject, [lead], links, excerpt(p.body));
}

/** R1: a new recommendation. */
export function recommendationCreatedEmail(
  locale: Locale,
  p: { author: string; title: string; recommendation: string },
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, "notify.email.reco.subject", { title: p.title });
  return render(
    locale,
    subject,
    [t(locale, "notify.email.reco.body", { author: p.author, recommendation: p.recommendation, title: p.title })],
    links,
  );
}

/** R2: a recommendation's status changed. */
export function recommendationStatusEmail(
  locale: Locale,
  p: { by: string; title: string; recommendation: string; status: string },
  links: NotificationLinks,
): RenderedEmail {
  const status = t(locale, `reco.status.${p.status}` as MessageKey);
  const subject = t(locale, "notify.email.recoStatus.subject", {
    recommendation: p.recommendation,
    status,
    title: p.title,
  });
  return render(
    locale,
    subject,
    [t(locale, "notify.email.recoStatus.body", { by: p.by, recommendation: p.recommendation, status, title: p.title })],
    links,
  );
}

/** P1, P7: a dossier was paused (by hand with a reason, or for inactivity). */
export function pausedEmail(
  locale: Locale,
  p: { title: string; by: string | null; reason: string | null; delayDays?: number },
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, "notify.email.paused.subject", { title: p.title });
  const lead = p.by
    ? t(locale, "notify.email.paused.manual", { by: p.by, title: p.title })
    : t(locale, "notify.email.paused.inactivity", { title: p.title, days: p.delayDays ?? 365 });
  const reason = p.reason
    ? [t(locale, "pause.reasonLine", { reason: t(locale, `pause.reason.${p.reason}` as MessageKey) })]
    : [];
  return render(locale, subject, [lead, ...reason], links);
}

/** P2: a dossier was reactivated by hand. */
export function reactivatedEmail(
  locale: Locale,
  p: { title: string; by: string },
  links: NotificationLinks,
): RenderedEmail {
  const subject = t(locale, "notify.email.reactivated.subject", { title: p.title });
  return render(locale, subject, [t(locale, "notify.email.reactivated.body", { by: p.by, title: p.title })], links);
}

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
