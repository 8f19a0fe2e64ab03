// Issue 17 item 2, issue 16 item 10: emails read in the recipient's language, dates included (never an
// ISO date), with the language's punctuation, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createSolicitation } from "../domain/solicitation/service";
import { actor, makeUser, makeWorld } from "../test/factories";
import { useTestDatabase } from "../test/db";
import { rendered } from "../test/mail";
import { renderEmail } from "./render";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => {
  await tdb.cleanup();
});

const NOW = new Date("2026-12-01T09:00:00Z");

async function ask(advisorId: string, dossierId: string, partnerEmail: string, external: boolean) {
  const res = await createSolicitation(
    await actor(advisorId),
    {
      dossierId,
      kind: "opinion",
      scope: "legal",
      external,
      partnerEmail,
      dueDate: "2026-12-10",
      instructions: "Vérifier le marché public.",
    },
    NOW,
  );
  if (!res.ok) throw new Error(res.error.message);
}

async function mailTo(email: string) {
  return rendered(await db().emailDelivery.findFirstOrThrow({ where: { toEmail: email } }));
}

describe("emails in the recipient's language", () => {
  it("I8: an English advisor's key email gives English dates and English punctuation", async () => {
    const w = await makeWorld();
    await db().user.update({ where: { id: w.advisor.id }, data: { locale: "en" } });
    await ask(w.advisor.id, w.dossier.id, "expert.en@cabinet.test", true);
    const mail = await mailTo("expert.en@cabinet.test");
    expect(mail.locale).toBe("en");
    expect(mail.text).toContain("Answer wanted by 10 Dec 2026.");
    expect(mail.text).toMatch(/The key expires on \d{1,2} (December 2026|January 2027)\./);
    expect(mail.html).toContain('<html lang="en">');
    for (const body of [mail.text, mail.html, mail.subject]) {
      expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(body).not.toMatch(/\S [:;!?](\s|$)/);
    }
  });

  it("I8: a French partner who is a member reads French dates, whatever the advisor's language", async () => {
    const w = await makeWorld();
    await db().user.update({ where: { id: w.advisor.id }, data: { locale: "en" } });
    const partner = await makeUser("Lea Martin", { organizationId: w.org.id, locale: "fr", email: "lea.fr@test.test" });
    await ask(w.advisor.id, w.dossier.id, partner.email, false);
    const mail = await mailTo(partner.email);
    expect(mail.locale).toBe("fr");
    expect(mail.text).toContain("Réponse souhaitée le 10 déc. 2026.");
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("I8: an English member partner asked by a French advisor reads English", async () => {
    const w = await makeWorld();
    const partner = await makeUser("Sam Hill", { organizationId: w.org.id, locale: "en", email: "sam.en@test.test" });
    await ask(w.advisor.id, w.dossier.id, partner.email, false);
    const mail = await mailTo(partner.email);
    expect(mail.subject).toMatch(/^Opinion requested on the dossier/);
    expect(mail.text).toContain("Answer wanted by 10 Dec 2026.");
  });

  it("I11: an email's unsubscribe link opens the page in the email's language (l=…), in every template that has one", () => {
    const target = { dossierId: "d1", userId: "u1" };
    const mails = (locale: "fr" | "en") => [
      renderEmail(locale, {
        template: "notification.message",
        params: { ...target, author: "Sam", title: "T", body: "b", question: "forApplicants" },
      }),
      renderEmail(locale, {
        template: "digest",
        params: {
          frequency: "daily",
          organization: "Agence Nord",
          sections: [{ dossierId: "d1", title: "T", url: "http://x/d1", items: [], more: 0 }],
          settingsUrl: "http://x/s",
          unsubscribeUrl: "http://x/unsubscribe?u=u1&s=sig",
        },
      }),
      renderEmail(locale, {
        template: "reminder.recommendations",
        params: {
          title: "T",
          organization: "O",
          recommendations: [],
          url: "http://x/r",
          weeks: 1,
          unsubscribeUrl: "http://x/unsubscribe?u=u1&s=sig",
        },
      }),
    ];
    for (const locale of ["fr", "en"] as const)
      for (const mail of mails(locale))
        expect(mail.text).toMatch(new RegExp(`/unsubscribe\\?u=u1&s=[^\\s]+&l=${locale}`));
    const [, digest, reminder] = mails("en");
    expect(digest.text).toContain("Here is what happened in your Agence Nord dossiers");
    expect(reminder.text).toContain("every week");
  });
});
