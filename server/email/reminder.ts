// R3: the reminder about a dossier's open recommendations, in the recipient's language (N2), HTML and
// plain text, with a link to the Recommendations tab and the one-click unsubscribe (N5).
import type { EmailParams } from "../domain/outbox/templates";
import type { RenderedEmail } from "./templates";
import { t, type Locale, type MessageKey } from "../i18n";

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type ReminderEmailInput = EmailParams["reminder.recommendations"];

export function reminderEmail(locale: Locale, p: ReminderEmailInput): RenderedEmail {
  const subject = t(locale, "reminder.subject", { title: p.title });
  const intro = t(locale, "reminder.body", { title: p.title, organization: p.organization });
  const items = p.recommendations.map((r) =>
    t(locale, "reminder.item", { title: r.title, status: t(locale, `reco.status.${r.status}` as MessageKey) }),
  );
  const action = t(locale, "reminder.action");
  const footer = t(locale, "reminder.footer", { weeks: p.weeks });
  const unsubscribe = t(locale, "digest.unsubscribeLine", { url: p.unsubscribeUrl });
  const text = [
    intro,
    "",
    ...items.map((i) => `- ${i}`),
    "",
    t(locale, "reminder.actionLine", { url: p.url }),
    "",
    footer,
    unsubscribe,
  ].join("\n");
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px">` +
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1><p style="margin:0 0 16px">${escapeHtml(intro)}</p>` +
    `<ul style="margin:0 0 16px;padding-left:20px">${items.map((i) => `<li style="margin:0 0 6px">${escapeHtml(i)}</li>`).join("")}</ul>` +
    `<p style="margin:24px 0"><a href="${escapeHtml(p.url)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p>` +
    `<p style="font-size:12px;color:#555;margin-top:32px">${escapeHtml(footer)}</p>` +
    `<p style="font-size:12px;color:#555"><a href="${escapeHtml(p.unsubscribeUrl)}">${escapeHtml(t(locale, "digest.unsubscribe"))}</a></p></body></html>`;
  return { subject, html, text };
}
