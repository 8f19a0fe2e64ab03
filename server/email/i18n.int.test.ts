// Issue 17 item 2, issue 16 item 10: emails read in the recipient's language, dates included (never an
// ISO date), with the language's punctuation, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createSolicitation } from "../domain/solicitation/service";
import { actor, makeUser, makeWorld } from "../test/factories";
import { useTestDatabase } from "../test/db";
import { rendered } from "../test/mail";

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
    expect(mail.subject).toMatch(/^Solicitation on the dossier/);
    expect(mail.text).toContain("Answer wanted by 10 Dec 2026.");
  });
});
