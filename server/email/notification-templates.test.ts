// Notification templates (N2, N5): both languages, HTML and plain text, links to the dossier, the
// settings and the unsubscribe page, and user text escaped in HTML.
import { describe, expect, it } from "vitest";
import {
  messageEmail,
  pausedEmail,
  reactivatedEmail,
  recommendationCreatedEmail,
  recommendationStatusEmail,
} from "./notification-templates";

const links = {
  dossierUrl: "https://relais.test/dossiers/d1",
  settingsUrl: "https://relais.test/settings/conversations",
  unsubscribeUrl: "https://relais.test/unsubscribe?u=u1&s=sig",
};

describe("notification templates", () => {
  const all = (locale: "fr" | "en") => [
    messageEmail(
      locale,
      { author: "Paul", title: "École", body: "Bonjour <b>vous</b>", question: "forAdvisors" },
      links,
    ),
    messageEmail(locale, { author: "Adèle", title: "École", body: "Réponse", question: "forApplicants" }, links),
    recommendationCreatedEmail(locale, { author: "Adèle", title: "École", recommendation: "Isoler" }, links),
    recommendationStatusEmail(locale, { by: "Paul", title: "École", recommendation: "Isoler", status: "done" }, links),
    pausedEmail(locale, { title: "École", by: "Paul", reason: "too_many_emails" }, links),
    pausedEmail(locale, { title: "École", by: null, reason: null, delayDays: 365 }, links),
    reactivatedEmail(locale, { title: "École", by: "Sam" }, links),
  ];

  for (const locale of ["fr", "en"] as const) {
    it(`N2, N5: every ${locale} notification has the dossier link, the settings link and the unsubscribe link, in HTML and text`, () => {
      for (const mail of all(locale)) {
        expect(mail.html).toContain(`lang="${locale}"`);
        for (const url of [links.dossierUrl, links.settingsUrl]) {
          expect(mail.text).toContain(url);
          expect(mail.html).toContain(`href="${url}"`);
        }
        expect(mail.text).toContain(links.unsubscribeUrl);
        expect(mail.html).toContain('href="https://relais.test/unsubscribe?u=u1&amp;s=sig"');
        expect(mail.subject).toContain("École");
      }
    });
  }

  it("N2: the same email reads in French or English", () => {
    const [fr] = all("fr");
    const [en] = all("en");
    expect(fr.subject).toBe("Nouveau message dans « École »");
    expect(en.subject).toBe("New message in “École”");
    expect(
      recommendationStatusEmail("en", { by: "Paul", title: "École", recommendation: "Isoler", status: "done" }, links)
        .subject,
    ).toBe("“Isoler”: Done (École)");
    expect(pausedEmail("fr", { title: "École", by: "Paul", reason: "too_many_emails" }, links).text).toContain(
      "Motif : Trop de relances par email",
    );
  });

  it("I5: English notifications have no French space before a colon; French ones keep it", () => {
    for (const mail of all("en")) expect(mail.text).not.toMatch(/\S [:;!?](\s|$)/m);
    const [en] = all("en");
    expect(en.text).toContain(`Open the dossier: ${links.dossierUrl}`);
    const [fr] = all("fr");
    expect(fr.text).toContain(`Ouvrir le dossier : ${links.dossierUrl}`);
  });

  it("the message body is quoted in text and escaped in HTML", () => {
    const [mail] = all("fr");
    expect(mail.text).toContain("> Bonjour <b>vous</b>");
    expect(mail.html).toContain("Bonjour &lt;b&gt;vous&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>vous</b>");
    const long = messageEmail(
      "fr",
      { author: "P", title: "T", body: "x".repeat(2000), question: "forAdvisors" },
      links,
    );
    expect(long.text.length).toBeLessThan(1500);
  });
});
