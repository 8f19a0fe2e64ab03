// N9: an email is rendered when it leaves, from the template name and parameters its delivery stores
// (the contract is the domain's: server/domain/outbox/templates.ts), in the language given then.
import type { EmailContent, EmailParams, EmailTemplate, NotificationContent } from "../domain/outbox/templates";
import { inLanguage, unsubscribeUrl } from "../domain/notification/unsubscribe";
import { env } from "../env";
import { toLocale, type Locale } from "../i18n";
import { digestEmail } from "./digest";
import {
  batchEmail,
  messageEmail,
  messageParts,
  pausedEmail,
  pausedParts,
  reactivatedEmail,
  reactivatedParts,
  transferEmail,
  recommendationCreatedEmail,
  recommendationCreatedParts,
  recommendationStatusEmail,
  recommendationStatusParts,
  type NotificationLinks,
  type NotificationParts,
} from "./notification-templates";
import { reminderEmail } from "./reminder";
import {
  invitationEmail,
  partnerKeyEmail,
  partnerReminderEmail,
  partnerRequestEmail,
  signInEmail,
  type RenderedEmail,
} from "./templates";

function links(locale: Locale, p: { dossierId: string; userId: string; tab?: string }): NotificationLinks {
  const base = env().appUrl;
  return {
    dossierUrl: `${base}/dossiers/${p.dossierId}${p.tab ? `/${p.tab}` : ""}`,
    settingsUrl: `${base}/settings/conversations`,
    unsubscribeUrl: inLanguage(unsubscribeUrl(p.userId), locale),
  };
}

/** T8: a transfer is answered from the dashboard (the sender may no longer see the dossier). */
function transferLinks(locale: Locale, userId: string): NotificationLinks {
  const base = env().appUrl;
  return {
    dossierUrl: `${base}/dashboard`,
    settingsUrl: `${base}/settings/conversations`,
    unsubscribeUrl: inLanguage(unsubscribeUrl(userId), locale),
  };
}

const renderers: { [K in EmailTemplate]: (locale: Locale, p: EmailParams[K]) => RenderedEmail } = {
  "sign-in": (locale, p) => signInEmail(locale, p.url),
  invitation: invitationEmail,
  "partner-key": partnerKeyEmail,
  "partner-request": partnerRequestEmail,
  // Issue 17: the unsubscribe page opens in the language the email is written in (`l`, proxy.ts).
  "partner-reminder": (locale, p) =>
    partnerReminderEmail(locale, { ...p, unsubscribeUrl: inLanguage(p.unsubscribeUrl, locale) }),
  "notification.message": (locale, p) => messageEmail(locale, p, links(locale, p)),
  "notification.reco.created": (locale, p) => recommendationCreatedEmail(locale, p, links(locale, p)),
  "notification.reco.status": (locale, p) => recommendationStatusEmail(locale, p, links(locale, p)),
  "notification.paused": (locale, p) => pausedEmail(locale, p, links(locale, p)),
  "notification.reactivated": (locale, p) => reactivatedEmail(locale, p, links(locale, p)),
  "notification.batch": (locale, p) =>
    batchEmail(
      locale,
      p,
      p.items.map((i) => notificationParts(locale, i)),
      links(locale, p),
    ),
  transfer: (locale, p) => transferEmail(locale, p, transferLinks(locale, p.userId)),
  digest: (locale, p) =>
    digestEmail(locale, {
      ...p,
      unsubscribeUrl: p.unsubscribeUrl ? inLanguage(p.unsubscribeUrl, locale) : p.unsubscribeUrl,
    }),
  "reminder.recommendations": (locale, p) =>
    reminderEmail(locale, { ...p, unsubscribeUrl: inLanguage(p.unsubscribeUrl, locale) }),
};

/** What one notification of a batch says (N10). */
function notificationParts(locale: Locale, c: NotificationContent): NotificationParts {
  switch (c.template) {
    case "notification.message":
      return messageParts(locale, c.params);
    case "notification.reco.created":
      return recommendationCreatedParts(locale, c.params);
    case "notification.reco.status":
      return recommendationStatusParts(locale, c.params);
    case "notification.paused":
      return pausedParts(locale, c.params);
    case "notification.reactivated":
      return reactivatedParts(locale, c.params);
  }
}

export function renderEmail(locale: Locale, c: EmailContent): RenderedEmail {
  const render = renderers[c.template] as (locale: Locale, p: EmailContent["params"]) => RenderedEmail;
  return render(locale, c.params);
}

/** A stored delivery's content, or null when its template is unknown or its parameters unreadable. */
export function storedContent(template: string, params: string): EmailContent | null {
  if (!Object.hasOwn(renderers, template)) return null;
  try {
    return { template, params: JSON.parse(params) } as EmailContent;
  } catch {
    return null;
  }
}

/** The subject a delivery has, or will have when it leaves (the staff page lists emails not yet rendered). */
export function deliverySubject(d: { subject: string; template: string; params: string; locale: string }): string {
  if (d.subject) return d.subject;
  const content = storedContent(d.template, d.params);
  return content ? renderEmail(toLocale(d.locale), content).subject : d.template;
}
