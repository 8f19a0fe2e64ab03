// French first, English available: the switch works signed out (cookie) and signed in (profile).
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";

test("the login page switches to English and back, staying on the page", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fdashboard");
  await expect(page.getByRole("heading", { name: "Connexion", exact: true })).toBeVisible();
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: /Français/ }).click();
  await expect(page.getByRole("heading", { name: "Connexion", exact: true })).toBeVisible();
});

test("a signed-in user's choice is saved in their profile", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.carla);
  const page = await ctx.newPage();
  await page.goto("/dashboard");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { name: "Dossiers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const db = e2eDatabase();
  try {
    expect((db.prepare("SELECT locale FROM User WHERE email = ?").get(users.carla) as { locale: string }).locale).toBe(
      "en",
    );
  } finally {
    db.close();
  }
  // A new session (another browser) starts in English too.
  const other = await browser.newContext();
  await signInAs(other, users.carla);
  const again = await other.newPage();
  await again.goto("/dashboard");
  await expect(again.getByRole("button", { name: "Sign out" })).toBeVisible();
  await again.getByRole("button", { name: /Français/ }).click();
  await expect(again.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await ctx.close();
  await other.close();
});

test("a bad language value is refused and changes nothing", async ({ request }) => {
  const res = await request.post("/api/locale", { form: { locale: "de", back: "/login" }, maxRedirects: 0 });
  expect(res.status()).toBe(400);
  const open = await request.post("/api/locale", {
    form: { locale: "en", back: "https://evil.test/" },
    maxRedirects: 0,
  });
  expect(open.status()).toBe(400);
});
