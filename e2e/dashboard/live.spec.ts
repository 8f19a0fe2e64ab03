// D1, N7 in a real browser: the dashboard updates live, moving a dossier up and counting unread messages.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";
import { createDossierAsAdvisor } from "../membership/helpers";

test("D1, N7: Paul posts; Adèle's dashboard moves the dossier to the top and shows an unread count without reload", async ({
  browser,
}) => {
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

test("P8, D1, P11: Sam pauses a selected dossier from the dashboard; Adèle's dashboard shows the label without reload", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const samCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(samCtx, users.sam);
  const adele = await adeleCtx.newPage();
  const title = `Tableau pause ${Date.now()}`;
  await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto("/dashboard");
  const adeleRow = adele.getByTestId("dashboard-row").filter({ hasText: title });
  await expect(adeleRow).toBeVisible();
  await expect(adeleRow.getByText("En pause")).toHaveCount(0);
  // Advisors have neither the bulk action nor the job status.
  await expect(adele.getByTestId("auto-pause-status")).toHaveCount(0);
  await expect(adele.getByRole("button", { name: /Mettre en pause la sélection/ })).toHaveCount(0);

  const sam = await samCtx.newPage();
  await sam.goto("/dashboard");
  await expect(sam.getByTestId("auto-pause-status")).toBeVisible();
  // P8: "select all" takes every visible row, and clears them all again.
  const rowCount = await sam.getByTestId("dashboard-row").count();
  const selectAll = sam.getByRole("checkbox", { name: "Tout sélectionner (dossiers affichés)" });
  await selectAll.check();
  await expect(sam.getByTestId("bulk-count")).toHaveAttribute("data-count", String(rowCount));
  await expect(sam.getByRole("button", { name: `Mettre en pause la sélection (${rowCount})` })).toBeEnabled();
  await selectAll.uncheck();
  await expect(sam.getByTestId("bulk-count")).toHaveAttribute("data-count", "0");
  await expect(sam.getByRole("button", { name: "Mettre en pause la sélection (0)" })).toBeDisabled();

  await sam.getByRole("checkbox", { name: `Sélectionner ${title}` }).check();
  await sam.getByLabel("Motif").selectOption("no_help_needed");
  await sam.getByRole("button", { name: "Mettre en pause la sélection (1)" }).click();
  // P8: a confirmation first; cancelling changes nothing.
  const confirm = sam.getByRole("dialog");
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("Motif : Plus besoin d’accompagnement");
  await confirm.getByRole("button", { name: "Annuler" }).click();
  await expect(confirm).toBeHidden();
  await expect(sam.getByTestId("dashboard-row").filter({ hasText: title }).getByText("En pause")).toHaveCount(0);
  await sam.getByRole("button", { name: "Mettre en pause la sélection (1)" }).click();
  await confirm.getByRole("button", { name: "Confirmer" }).click();
  await expect(sam.getByTestId("bulk-status")).toHaveAttribute("data-count", "1");
  await expect(sam.getByTestId("bulk-status")).not.toBeEmpty();
  await expect(sam.getByTestId("dashboard-row").filter({ hasText: title }).getByText("En pause")).toBeVisible();
  await expect(adeleRow.getByText("En pause")).toBeVisible();

  // D2: the paused filter keeps it; it is a bookmarkable URL.
  await adele.goto("/dashboard?f=1&recent=1&paused=1");
  await expect(adele.getByTestId("dashboard-row").filter({ hasText: title })).toBeVisible();
  await expect(adele.getByTestId("dashboard-row").filter({ hasText: "Rénovation de l'école Jules Ferry" })).toHaveCount(
    0,
  );

  // P8: bulk reactivation, confirmed; Adèle's label goes live.
  await adele.goto("/dashboard");
  await expect(adeleRow.getByText("En pause")).toBeVisible();
  await sam.getByRole("checkbox", { name: `Sélectionner ${title}` }).check();
  await sam.getByRole("button", { name: "Réactiver la sélection (1)" }).click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Confirmer" }).click();
  await expect(sam.getByTestId("bulk-status")).toHaveAttribute("data-count", "1");
  await expect(sam.getByTestId("dashboard-row").filter({ hasText: title }).getByText("En pause")).toHaveCount(0);
  await expect(adeleRow.getByText("En pause")).toHaveCount(0);
  await Promise.all([adeleCtx.close(), samCtx.close()]);
});

test("P8, I1: the bulk actions read right in English: select all, the confirmation with its count, the outcome, bulk reactivation", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const adeleCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  const adele = await adeleCtx.newPage();
  const stamp = Date.now();
  const titles = [`Bulk A ${stamp}`, `Bulk B ${stamp}`];
  for (const title of titles) await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adeleCtx.close();

  // Sam reads English (his profile's language), for this test only: the demo data is shared.
  const db = e2eDatabase();
  const before = (db.prepare("SELECT locale FROM User WHERE email = ?").get(users.sam) as { locale: string | null })
    .locale;
  db.prepare("UPDATE User SET locale = 'en' WHERE email = ?").run(users.sam);
  db.close();
  const samCtx = await browser.newContext();
  try {
    await signInAs(samCtx, users.sam);
    const sam = await samCtx.newPage();
    await sam.goto("/dashboard");
    await expect(sam.locator("html")).toHaveAttribute("lang", "en");
    const bulk = sam.getByRole("form", { name: "Actions on the selection" });
    await expect(bulk).toBeVisible();

    const rowCount = await sam.getByTestId("dashboard-row").count();
    const selectAll = bulk.getByRole("checkbox", { name: "Select all (dossiers shown)" });
    await selectAll.check();
    await expect(sam.getByTestId("bulk-count")).toHaveText(`${rowCount} dossiers selected`);
    await expect(bulk.getByRole("button", { name: `Pause the selection (${rowCount})` })).toBeEnabled();
    await expect(bulk.getByRole("button", { name: `Reactivate the selection (${rowCount})` })).toBeEnabled();
    await selectAll.uncheck();
    await expect(bulk.getByRole("button", { name: "Pause the selection (0)" })).toBeDisabled();

    for (const title of titles) await sam.getByRole("checkbox", { name: `Select ${title}` }).check();
    await expect(sam.getByTestId("bulk-count")).toHaveText("2 dossiers selected");
    // A pause without a reason is refused, in English.
    await bulk.getByRole("button", { name: "Pause the selection (2)" }).click();
    await expect(sam.getByTestId("bulk-error")).not.toBeEmpty();
    await expect(sam.getByTestId("bulk-error")).not.toHaveText(/[àéèù]|motif/i);
    await bulk.getByLabel("Reason").selectOption({ label: "No more help needed" });
    await bulk.getByRole("button", { name: "Pause the selection (2)" }).click();
    const confirm = sam.getByRole("dialog", { name: "Pause 2 dossiers?" });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText("Reason: No more help needed");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await bulk.getByRole("button", { name: "Pause the selection (2)" }).click();
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(sam.getByTestId("bulk-status")).toHaveText("2 dossiers paused.");
    for (const title of titles)
      await expect(sam.getByTestId("dashboard-row").filter({ hasText: title }).getByText("Paused")).toBeVisible();

    // Bulk reactivation: one dossier alone first (singular), then both (one was already active).
    await sam.getByRole("checkbox", { name: `Select ${titles[0]}` }).check();
    await bulk.getByRole("button", { name: "Reactivate the selection (1)" }).click();
    const reactivate1 = sam.getByRole("dialog", { name: "Reactivate 1 dossier?" });
    await expect(reactivate1).toBeVisible();
    await reactivate1.getByRole("button", { name: "Confirm" }).click();
    await expect(sam.getByTestId("bulk-status")).toHaveText("1 dossier reactivated.");
    for (const title of titles) {
      const box = sam.getByRole("checkbox", { name: `Select ${title}` });
      if (!(await box.isChecked())) await box.check();
    }
    await bulk.getByRole("button", { name: "Reactivate the selection (2)" }).click();
    await sam.getByRole("dialog", { name: "Reactivate 2 dossiers?" }).getByRole("button", { name: "Confirm" }).click();
    await expect(sam.getByTestId("bulk-status")).toHaveText(
      "1 dossier reactivated. 1 dossier was already in that state.",
    );
    for (const title of titles)
      await expect(sam.getByTestId("dashboard-row").filter({ hasText: title }).getByText("Paused")).toHaveCount(0);
    // Nothing French in the bulk area.
    expect(await bulk.innerText()).not.toMatch(/sélection|Motif|Réactiver|Mettre en pause|Tout /);
  } finally {
    const restore = e2eDatabase();
    restore.prepare("UPDATE User SET locale = ? WHERE email = ?").run(before, users.sam);
    restore.close();
    await samCtx.close();
  }
});
