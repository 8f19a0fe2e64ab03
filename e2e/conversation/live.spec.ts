// The walking skeleton's slice in a real browser: two people on one dossier see each other's messages
// live (C1), bad input gets a clear error (C5), and another organization gets 404 (A1, A3).
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE } from "../fixtures/db";

async function send(page: Page, text: string) {
  await page.getByLabel("Votre message").fill(text);
  await page.getByRole("button", { name: "Envoyer" }).click();
}

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

test("C1: Paul posts and Adèle sees it without reload; Adèle answers and Paul sees it", async ({ browser }) => {
  const paulCtx = await browser.newContext();
  const adeleCtx = await browser.newContext();
  await signInAs(paulCtx, users.paul);
  await signInAs(adeleCtx, users.adele);
  const paul = await paulCtx.newPage();
  const adele = await adeleCtx.newPage();

  await paul.goto("/dashboard");
  await paul.getByRole("link", { name: new RegExp(ECOLE) }).click();
  await expect(paul.getByRole("heading", { name: ECOLE })).toBeVisible();
  await adele.goto(paul.url());
  await Promise.all([live(paul), live(adele)]);
  // A marker that a reload would erase.
  await adele.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await paul.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const question = `Question de Paul ${Date.now()}`;
  await send(paul, question);
  await expect(adele.getByTestId("message-body").filter({ hasText: question })).toBeVisible();
  await expect(paul.getByTestId("message-body").filter({ hasText: question })).toBeVisible();
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);

  const answer = `Réponse d'Adèle ${Date.now()}`;
  await adele.getByLabel("Votre message").fill(answer);
  await adele.getByLabel("Votre message").press("Enter");
  await expect(paul.getByTestId("message-body").filter({ hasText: answer })).toBeVisible();

  expect(await adele.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(await paul.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  // Same order for both (C1): the last two messages are the question then the answer.
  for (const page of [paul, adele]) {
    const bodies = await page.getByTestId("message-body").allTextContents();
    expect(bodies.slice(-2)).toEqual([question, answer]);
  }
  // Presence: each sees the other viewing (C6).
  await expect(paul.getByTestId("presence").getByTitle("Adèle Conseil")).toBeVisible();
  await paulCtx.close();
  await adeleCtx.close();
});

test("C5: an empty or too long message gets a clear error next to the composer and is not sent", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.marie);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  await live(page);
  const before = await page.getByTestId("message").count();
  await send(page, "   ");
  await expect(page.getByTestId("composer-error")).toHaveText("Le message est vide.");
  await page.getByLabel("Votre message").fill("x".repeat(10_001));
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByTestId("composer-error")).toHaveText("Le message dépasse 10 000 caractères.");
  await page.reload();
  await live(page);
  await expect(page.getByTestId("message")).toHaveCount(before);
  await ctx.close();
});

test("A3: Sofia (Cabinet Sud) gets 404 on the Nord dossier, and it is not in her list", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.sofia);
  const page = await ctx.newPage();
  const res = await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(page.getByText(ECOLE)).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: /médiathèque/ })).toBeVisible();
  await expect(page.getByText(ECOLE)).toHaveCount(0);
  await ctx.close();
});

test("A1: a signed-out visitor is sent to the login page, and an unknown dossier is 404", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signInAs(ctx, users.adele);
  const res = await page.goto("/dossiers/does-not-exist");
  expect(res?.status()).toBe(404);
  await ctx.close();
});
