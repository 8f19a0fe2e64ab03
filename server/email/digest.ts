// N4: the digest email, in the recipient's language (N2), HTML and plain text, one section per dossier
// with a link to it.
import type { EmailParams } from "../domain/outbox/templates";
import type { RenderedEmail } from "./templates";
import { t, type Locale } from "../i18n";

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type DigestEmailInput = EmailParams["digest"];

export function digestEmail(locale: Locale, p: DigestEmailInput): RenderedEmail {
  const subject = t(locale, p.frequency === "weekly" ? "digest.subject.weekly" : "digest.subject.daily", {
    organization: p.organization,
  });
  const intro = t(locale, p.frequency === "weekly" ? "digest.intro.weekly" : "digest.intro.daily", {
    organization: p.organization,
  });
  const open = t(locale, "digest.open");
  const why = t(locale, "digest.footer");
  const settings = t(locale, "digest.settings");
  const unsubscribe = t(locale, "digest.unsubscribe");

  const text: string[] = [intro, ""];
  const html: string[] = [`<p style="margin:0 0 16px">${escapeHtml(intro)}</p>`];
  for (const s of p.sections) {
    text.push(`## ${s.title}`);
    html.push(
      `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(s.title)}</h2><ul style="margin:0 0 8px;padding-left:20px">`,
    );
    for (const item of s.items) {
      text.push(`- ${item.text}`);
      if (item.detail) text.push(`  ${item.detail}`);
      html.push(
        `<li style="margin:0 0 6px">${escapeHtml(item.text)}${item.detail ? `<br><span style="color:#475569">${escapeHtml(item.detail)}</span>` : ""}</li>`,
      );
    }
    if (s.more > 0) {
      const more = t(locale, "digest.more", { count: s.more });
      text.push(`- ${more}`);
      html.push(`<li style="margin:0 0 6px;color:#475569">${escapeHtml(more)}</li>`);
    }
    html.push(
      `</ul><p style="margin:0 0 16px"><a href="${escapeHtml(s.url)}" style="color:#1d4ed8">${escapeHtml(open)}</a></p>`,
    );
    text.push(t(locale, "digest.openLine", { url: s.url }), "");
  }
  text.push("", why, t(locale, "digest.settingsLine", { url: p.settingsUrl }));
  if (p.unsubscribeUrl) text.push(t(locale, "digest.unsubscribeLine", { url: p.unsubscribeUrl }));
  const foot = [
    `<p style="font-size:12px;color:#555;margin-top:32px">${escapeHtml(why)}</p>`,
    `<p style="font-size:12px;color:#555"><a href="${escapeHtml(p.settingsUrl)}">${escapeHtml(settings)}</a>${p.unsubscribeUrl ? ` · <a href="${escapeHtml(p.unsubscribeUrl)}">${escapeHtml(unsubscribe)}</a>` : ""}</p>`,
  ].join("");
  const body = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:20px">${escapeHtml(subject)}</h1>${html.join("")}${foot}</body></html>`;
  return { subject, html: body, text: text.join("\n") };
}
