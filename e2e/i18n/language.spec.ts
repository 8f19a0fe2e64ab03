// Issue 17 items 2 and 3, issue 16 item 10 in a real browser: one language per page (the unsubscribe page
// from an English email, header included), due dates in words, ICU plurals, the timeline in sentences
// and by date.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";
import { unsubscribeSignature as signature, userIdByEmail as userId } from "../fixtures/unsubscribe";
import { createDossierAsAdvisor } from "../membership/helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

test("I11: the unsubscribe page opened from an English email is English throughout, header included, and stays so", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const u = userId(users.marie);
  await page.goto(`/unsubscribe?u=${u}&s=${signature(u)}&l=en`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Unsubscribe from Relais emails" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe me" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeAttached();
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/Désabonn|Langue|Aller au contenu|Connexion/);
  // The language stays for the next page (the locale cookie).
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  // A French email's link, same browser: French throughout.
  await page.goto(`/unsubscribe?u=${u}&s=${signature(u)}&l=fr`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("button", { name: "Me désabonner" })).toBeVisible();
  // A tampered link: the refusal, in the link's language.
  await page.goto(`/unsubscribe?u=${u}&s=${signature(u).slice(0, -3)}abc&l=en`);
  await expect(page.getByTestId("unsubscribe-invalid")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await ctx.close();

  // Signed in, the profile's language wins on every page, this one too; the cookie is left alone.
  const adeleCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  const adele = await adeleCtx.newPage();
  await adele.goto(`/unsubscribe?u=${u}&s=${signature(u)}&l=en`);
  await expect(adele.locator("html")).toHaveAttribute("lang", "fr");
  await expect(adele.getByRole("button", { name: "Me désabonner" })).toBeVisible();
  expect((await adeleCtx.cookies()).find((c) => c.name === "relais-locale")?.value).toBe("fr");
  await adeleCtx.close();
});

test("I8, I9, I4: the Partners tab gives the due day in words, the count as a plural, and the timeline tells what happened in sentences", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const adele = await ctx.newPage();
  const title = `Langues ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  const form = adele.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption("opinion");
  await form.getByLabel("Périmètre", { exact: true }).selectOption("legal");
  await form.getByLabel("Interne (membre de l’organisation)").check();
  await form.getByLabel("Membre de l’organisation", { exact: true }).selectOption(users.arnaud);
  const due = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Date de réponse souhaitée").fill(due);
  await form.getByLabel("Consignes").fill("Vérifier");
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  const card = adele.getByTestId("solicitation").filter({ hasText: users.arnaud });
  const dueText = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${due}T12:00:00Z`),
  );
  await expect(card).toContainText(`Réponse souhaitée le ${dueText}`);
  await expect(card).not.toContainText(due);
  await adele.getByRole("button", { name: "Notifier" }).click();
  await expect(adele.getByRole("status").filter({ hasText: "relance" })).toHaveText("1 relance envoyée.");

  await adele.goto(`/dossiers/${dossierId}/timeline`);
  const entries = adele.getByTestId("timeline-entry");
  await expect(entries.first()).toContainText("Adèle Conseil a relancé le partenaire");
  await expect(adele.getByTestId("timeline")).toContainText("Adèle Conseil a sollicité un partenaire");
  await expect(adele.getByTestId("timeline")).not.toContainText(" · ");
  // Newest first by date.
  const times = await entries.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(times).toEqual([...times].sort().reverse());
  await ctx.close();
});

test("I12: an English user's errors are English even before the session is read: signing in sets the language cookie from the profile", async ({
  browser,
}) => {
  const email = `english-${Date.now()}@exemple.test`;
  const db = e2eDatabase();
  try {
    db.prepare("INSERT INTO User (id, email, name, locale, createdAt) VALUES (?, ?, ?, 'en', ?)").run(
      `en${Date.now()}`,
      email,
      "Emma English",
      Date.now(),
    );
  } finally {
    db.close();
  }
  const ctx = await browser.newContext();
  await signInAs(ctx, email);
  expect((await ctx.cookies()).find((c) => c.name === "relais-locale")?.value).toBe("en");
  // X3's refusal is written before any session is read: it follows the cookie, now the profile's.
  const res = await ctx.request.post("/api/locale", { data: "x".repeat(2 * 1024 * 1024), maxRedirects: 0 });
  expect(res.status()).toBe(413);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe("This request is too large.");
  const page = await ctx.newPage();
  await page.goto("/dashboard");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await ctx.close();
});
