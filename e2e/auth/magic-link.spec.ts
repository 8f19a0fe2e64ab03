// Email sign-in: the link is requested, lands in the local mailbox through the outbox, signs in once,
// is refused the second time and once its 10 minutes are over. The token is stored hashed.
import crypto from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { E2E_SECRET as SECRET } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";

const EMAIL = "marie.demandeur@exemple.test";

async function requestLink(request: APIRequestContext) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/signin/email", {
    form: { csrfToken, email: EMAIL, callbackUrl: "/dashboard", json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

async function latestLink(browser: Browser, after: Set<string>): Promise<string> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let link = "";
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mailbox");
        const texts = await page
          .getByTestId("mail")
          .filter({ has: page.getByTestId("mail-to").getByText(EMAIL, { exact: true }) })
          .allTextContents();
        const links = texts
          .flatMap((t) => t.match(/http\S+\/api\/auth\/callback\/email\S+/g) ?? [])
          .filter((l) => !after.has(l));
        link = links[0] ?? "";
        return link;
      },
      { timeout: 10_000 },
    )
    .not.toBe("");
  await ctx.close();
  return link;
}

test("magic link: signs in once, refused the second time and after 10 minutes; token hashed at rest", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const asker = await playwright.request.newContext({ baseURL });
  await requestLink(asker);
  const link = await latestLink(browser, new Set());
  const token = new URL(link).searchParams.get("token")!;
  expect(token.length).toBeGreaterThanOrEqual(32);

  const db = e2eDatabase();
  const rows = db.prepare("SELECT token, expires FROM VerificationToken WHERE identifier = ?").all(EMAIL) as {
    token: string;
    expires: string;
  }[];
  expect(rows).toHaveLength(1);
  expect(rows[0].token).not.toBe(token);
  expect(rows[0].token).toBe(crypto.createHash("sha256").update(`${token}${SECRET}`).digest("hex"));
  const lifetime = new Date(rows[0].expires).getTime() - Date.now();
  expect(lifetime).toBeGreaterThan(9 * 60_000);
  expect(lifetime).toBeLessThanOrEqual(10 * 60_000);

  // First use: signed in, on the dashboard as Marie.
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/dashboard$/);
  // The header names who is signed in (the name itself is folded away at some widths).
  await expect(page.getByText("Connecté·e : Marie Demandeur")).toBeAttached();
  await first.close();

  // Second use: refused with a clear message, and no session.
  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(link);
  await expect(again).toHaveURL(/\/login\?error=Verification/);
  await expect(again.getByRole("alert").filter({ hasText: "n’est plus valable" })).toBeVisible();
  expect((await second.cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
  await second.close();

  // A new link whose 10 minutes are over: its expiry is moved to the past, as the clock would.
  await requestLink(asker);
  const late = await latestLink(browser, new Set([link]));
  const expired = new Date(Date.now() - 1000).toISOString();
  const updated = db
    .prepare("UPDATE VerificationToken SET expires = ? WHERE identifier = ?")
    .run(expired.replace("Z", "+00:00"), EMAIL);
  expect(updated.changes).toBe(1);
  db.close();
  const third = await browser.newContext();
  const tooLate = await third.newPage();
  await tooLate.goto(late);
  await expect(tooLate).toHaveURL(/\/login\?error=Verification/);
  expect((await third.cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
  await third.close();
  await asker.dispose();
});

test("an invalid email address gets a clear error and sends nothing", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Adresse email").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Saisissez une adresse email valide." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
