// R1, R2 in a real browser: Adèle proposes a recommendation, Paul sees it appear live and moves its
// status, Adèle sees the new status live; nobody reloads.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE } from "../fixtures/db";

async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
}

async function stillNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
}

test("R1, R2: Adèle creates a recommendation, Paul sees it live and sets it to « En cours », Adèle sees the change live", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const paulCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(paulCtx, users.paul);
  const adele = await adeleCtx.newPage();
  const paul = await paulCtx.newPage();
  const url = `/dossiers/${dossierIdByTitle(ECOLE)}/recommendations`;

  await paul.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  await paul.getByRole("link", { name: "Recommandations" }).click();
  await expect(paul).toHaveURL(new RegExp(`${url}$`));
  await adele.goto(url);
  // Seeded recommendations are there; Paul (applicant side) has no creation form.
  await expect(paul.getByTestId("recommendation").first()).toBeVisible();
  await expect(paul.getByTestId("recommendation-form-create")).toHaveCount(0);
  await expect(paul.getByRole("button", { name: "Modifier" })).toHaveCount(0);
  // No need to wait for the sockets: an event committed before a page joins arrives by catch-up (seq).
  await markNoReload(adele);
  await markNoReload(paul);

  const title = `Isoler les combles ${Date.now()}`;
  const form = adele.getByTestId("recommendation-form-create");
  await form.getByLabel("Titre").fill(title);
  await form.getByLabel("Description").fill("30 cm de laine minérale, avec pare-vapeur.");
  await form.getByLabel("Lien (facultatif)").fill("https://exemple.test/combles");
  await form.getByRole("button", { name: "Ajouter la recommandation" }).click();

  const onAdele = adele.getByTestId("recommendation").filter({ hasText: title });
  const onPaul = paul.getByTestId("recommendation").filter({ hasText: title });
  await expect(onAdele).toHaveAttribute("data-status", "proposed");
  await expect(onPaul).toBeVisible();
  await expect(onPaul.getByTestId("recommendation-status")).toHaveText("Proposée");
  await expect(onPaul.getByRole("link", { name: /exemple\.test\/combles/ })).toHaveAttribute(
    "href",
    "https://exemple.test/combles",
  );
  await expect(form.getByLabel("Titre")).toHaveValue("");

  await onPaul.getByLabel("Statut").selectOption({ label: "En cours" });
  await expect(onAdele).toHaveAttribute("data-status", "in_progress");
  await expect(onAdele.getByTestId("recommendation-status")).toHaveText("En cours");
  await expect(onAdele).toContainText("Statut changé par Paul Demandeur");
  await expect(onPaul).toHaveAttribute("data-status", "in_progress");

  // Adèle edits the title: Paul sees the new title live.
  await onAdele.getByRole("button", { name: "Modifier" }).click();
  const edit = adele.getByTestId("recommendation-form-edit");
  await edit.getByLabel("Titre").fill(`${title} (R+1)`);
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(paul.getByTestId("recommendation-title").filter({ hasText: `${title} (R+1)` })).toBeVisible();

  await stillNoReload(adele);
  await stillNoReload(paul);
  // The change is durable: after a reload Paul still sees « En cours ».
  await paul.reload();
  await expect(paul.getByTestId("recommendation").filter({ hasText: title })).toHaveAttribute(
    "data-status",
    "in_progress",
  );
  await adeleCtx.close();
  await paulCtx.close();
});

test("R1: an empty title gets a clear error and nothing is created", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}/recommendations`);
  const before = await page.getByTestId("recommendation").count();
  const form = page.getByTestId("recommendation-form-create");
  await form.getByLabel("Titre").fill("   ");
  await form.getByRole("button", { name: "Ajouter la recommandation" }).click();
  await expect(form.getByRole("alert")).toHaveText("Le titre est obligatoire.");
  await form.getByLabel("Titre").fill("Lien piégé");
  await form.getByLabel("Lien (facultatif)").fill("javascript:alert(1)");
  await form.getByRole("button", { name: "Ajouter la recommandation" }).click();
  await expect(form.getByRole("alert")).toHaveText("Le lien doit être une adresse web complète (https://…).");
  await page.reload();
  await expect(page.getByTestId("recommendation")).toHaveCount(before);
  await ctx.close();
});

test("A3: Sofia (Cabinet Sud) gets 404 on the Nord dossier's Recommendations and Documents tabs", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.sofia);
  const page = await ctx.newPage();
  for (const tab of ["recommendations", "documents"]) {
    const res = await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}/${tab}`);
    expect(res?.status()).toBe(404);
  }
  await ctx.close();
});

test("P6, R2: Marie's status change in a paused dossier reactivates it; Adèle sees the banner go and the new status, live", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const setPaused = (paused: boolean) => {
    const db = e2eDatabase();
    try {
      if (paused)
        db.prepare("UPDATE Dossier SET pausedAt = ?, pauseCause = 'inactivity' WHERE id = ?").run(
          new Date().toISOString(),
          dossierId,
        );
      else
        db.prepare(
          "UPDATE Dossier SET pausedAt = NULL, pauseCause = NULL, pauseReason = NULL, pausedById = NULL WHERE id = ?",
        ).run(dossierId);
    } finally {
      db.close();
    }
  };
  const [adeleCtx, marieCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
  await signInAs(adeleCtx, users.adele);
  await signInAs(marieCtx, users.marie);
  const [adele, marie] = await Promise.all([adeleCtx.newPage(), marieCtx.newPage()]);
  // A recommendation of its own, so that no other test's changes matter.
  await adele.goto(`/dossiers/${dossierId}/recommendations`);
  const title = `Changer les radiateurs ${Date.now()}`;
  const form = adele.getByTestId("recommendation-form-create");
  await form.getByLabel("Titre").fill(title);
  await form.getByRole("button", { name: "Ajouter la recommandation" }).click();
  await expect(adele.getByTestId("recommendation").filter({ hasText: title })).toBeVisible();
  setPaused(true);
  try {
    await adele.reload();
    await marie.goto(`/dossiers/${dossierId}/recommendations`);
    await expect(adele.getByTestId("pause-banner")).toBeVisible();
    await expect(marie.getByTestId("pause-banner")).toBeVisible();
    await markNoReload(adele);
    await marie
      .getByTestId("recommendation")
      .filter({ hasText: title })
      .getByLabel("Statut")
      .selectOption({ label: "Déjà faite" });
    await expect(adele.getByTestId("pause-banner")).toHaveCount(0);
    await expect(marie.getByTestId("pause-banner")).toHaveCount(0);
    await expect(adele.getByTestId("recommendation").filter({ hasText: title })).toHaveAttribute(
      "data-status",
      "already_done",
    );
    await stillNoReload(adele);
  } finally {
    setPaused(false);
  }
  await adeleCtx.close();
  await marieCtx.close();
});

test("R1: Adèle attaches a new file to a recommendation; it joins the Documents tab and Paul downloads it from the recommendation", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const [adeleCtx, paulCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
  await signInAs(adeleCtx, users.adele);
  await signInAs(paulCtx, users.paul);
  const [adele, paul] = await Promise.all([adeleCtx.newPage(), paulCtx.newPage()]);
  await Promise.all([
    adele.goto(`/dossiers/${dossierId}/recommendations`),
    paul.goto(`/dossiers/${dossierId}/recommendations`),
  ]);
  const title = `Lire le guide des aides ${Date.now()}`;
  const fileName = `guide-aides-${Date.now()}.txt`;
  const bytes = Buffer.from("Guide des aides à la rénovation\nMaPrimeRénov', CEE, DSIL.\n", "utf8");
  const form = adele.getByTestId("recommendation-form-create");
  await form.getByLabel("Titre").fill(title);
  await form
    .getByLabel(/Ou joindre un nouveau fichier/)
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: bytes });
  await form.getByRole("button", { name: "Ajouter la recommandation" }).click();
  const card = paul.getByTestId("recommendation").filter({ hasText: title });
  const link = card.getByRole("link", { name: `Télécharger ${fileName}` });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([paul.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  expect(fs.readFileSync(await download.path()).equals(bytes)).toBe(true);
  await paul.goto(`/dossiers/${dossierId}/documents`);
  await expect(paul.getByTestId("document-link").filter({ hasText: fileName })).toBeVisible();
  await adeleCtx.close();
  await paulCtx.close();
});
