// D1, N7 in a real browser: the dashboard updates live, moving a dossier up and counting unread messages.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { createDossierAsAdvisor } from "../membership/helpers";

test("D1, N7: Paul posts; Adèle's dashboard moves the dossier to the top and shows an unread count without reload", async ({ browser }) => {
  const adeleCtx = await browser.newContext();
  const paulCtx = await browser.newContext();
  const sofiaCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(paulCtx, users.paul);
  await signInAs(sofiaCtx, users.sofia);
  const adele = await adeleCtx.newPage();
  const stamp = Date.now();
  const first = `Tableau A ${stamp}`;
  const second = `Tableau B ${stamp}`;
  const firstId = await createDossierAsAdvisor(adele, first, { referent: users.paul });
  await createDossierAsAdvisor(adele, second, { referent: users.paul });

  await adele.goto("/dashboard");
  const rows = adele.getByTestId("dashboard-row");
  await expect(rows.first()).toContainText(second);
  const firstRow = rows.filter({ hasText: first });
  await expect(firstRow.getByTestId("unread")).toHaveCount(0);
  await adele.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

  const sofia = await sofiaCtx.newPage();
  await sofia.goto("/dashboard");




  const paul = await paulCtx.newPage();
  await paul.goto(`/dossiers/${firstId}`);
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await paul.getByLabel("Votre message").fill(`Bonjour Adèle ${stamp}`);
  await paul.getByLabel("Votre message").press("Enter");
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);

  await expect(rows.first()).toContainText(first);
  await expect(rows.first().getByTestId("unread")).toHaveAttribute("data-count", "1");
  await paul.getByLabel("Votre message").fill(`Encore une question ${stamp}`);
  await paul.getByLabel("Votre message").press("Enter");
  await expect(rows.first().getByTestId("unread")).toHaveAttribute("data-count", "2");
  expect(await adele.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

  // Reading the conversation clears the count (C7).
  const reader = await adeleCtx.newPage();
  await reader.goto(`/dossiers/${firstId}`);
  await expect(reader.getByTestId("message-body").filter({ hasText: `Encore une question ${stamp}` })).toBeVisible();
  await expect(rows.first().getByTestId("unread")).toHaveCount(0);

  // A3: nothing of this reached Sofia's dashboard.
  await expect(sofia.getByText(first)).toHaveCount(0);

  await Promise.all([adeleCtx.close(), paulCtx.close(), sofiaCtx.close()]);
});
