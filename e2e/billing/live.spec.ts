// K1, K2, K3, K7 in a real browser on the seeded "Succession Martin": two advisors on the Billing tab;
// Adèle makes clients inactive, Arnaud sees the grey rows, the "Inactif" label and the disabled buttons
// live; the portal client loses the dossier live; the proforma's PDF holds its totals.
import fs from "node:fs";
import zlib from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { pdfText } from "../../server/pdf/text";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase } from "../fixtures/db";

const MARTIN = "Succession Martin";
const SANTE = "Maison de santé de Saint-Omer";
const WARNING = "Attention : le dossier contient des activités non facturées liées à ce client";

function partyId(dossierId: string, name: string): string {
  const db = e2eDatabase();
  try {
    const row = db
      .prepare(
        `SELECT p.id AS id FROM Party p JOIN Contact c ON c.id = p.contactId WHERE p.dossierId = ? AND c.name = ?`,
      )
      .get(dossierId, name) as { id: string } | undefined;
    if (!row) throw new Error(`no party ${name}`);
    return row.id;
  } finally {
    db.close();
  }
}

async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
}

async function stillNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
}

/** The text of a PDF whose streams are Flate-compressed (pdfkit's default). */
function textOfPdf(bytes: Buffer): string {
  const source = bytes.toString("latin1");
  const parts: Buffer[] = [];
  for (const m of source.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = source.indexOf("endstream", start);
    try {
      parts.push(zlib.inflateSync(bytes.subarray(start, end)));
    } catch {
      // not a Flate stream (or not a content stream)
    }
  }
  return pdfText(Buffer.concat(parts));
}

test("K1, K2, K3: Adèle makes the clients inactive, Arnaud sees the grey rows and the disabled buttons live", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(MARTIN);
  const jeanne = partyId(dossierId, "Jeanne Martin");
  const luc = partyId(dossierId, "Luc Martin");
  const sci = partyId(dossierId, "SCI Les Tilleuls");
  const adeleCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(arnaudCtx, users.arnaud);
  const adele = await adeleCtx.newPage();
  const arnaud = await arnaudCtx.newPage();
  const url = `/dossiers/${dossierId}/billing`;
  await adele.goto(`/dossiers/${dossierId}`);
  await adele.getByRole("link", { name: "Facturation" }).click();
  await expect(adele).toHaveURL(new RegExp(`${url}$`));
  await arnaud.goto(url);

  // K2: the seeded SCI is inactive, greyed, labelled, and its switch warns on hover and on focus.
  const sciRow = arnaud.getByTestId(`party-row-${sci}`);
  await expect(sciRow).toHaveAttribute("data-active", "false");
  await expect(sciRow).toHaveClass(/text-slate-400/);
  await expect(sciRow.getByText("Inactif", { exact: true }).first()).toBeVisible();
  await arnaud.getByTestId(`party-switch-${sci}`).hover();
  await expect(sciRow.getByRole("tooltip")).toHaveText(WARNING);
  await arnaud.mouse.move(0, 0);
  await arnaud.getByTestId(`party-switch-${sci}`).focus();
  await expect(sciRow.getByRole("tooltip")).toBeVisible();
  await expect(arnaud.getByTestId(`party-switch-${sci}`)).toHaveAttribute("aria-describedby", /party-warning/);

  const newActivity = arnaud.getByRole("button", { name: "Nouvelle activité" });
  await expect(newActivity).toBeEnabled();
  await markNoReload(adele);
  await markNoReload(arnaud);

  // K1: Adèle makes Jeanne inactive: Arnaud sees her row grey, live; Luc is still active.
  await adele.getByTestId(`party-switch-${jeanne}`).click();
  await expect(arnaud.getByTestId(`party-row-${jeanne}`)).toHaveAttribute("data-active", "false");
  await expect(arnaud.getByTestId(`party-row-${jeanne}`).getByText("Inactif", { exact: true }).first()).toBeVisible();
  await expect(newActivity).toBeEnabled();

  // K3: and Luc: no active client left: the three buttons are disabled, with the explanation.
  await adele.getByTestId(`party-switch-${luc}`).click();
  await expect(arnaud.getByTestId(`party-row-${luc}`)).toHaveAttribute("data-active", "false");
  await expect(newActivity).toBeDisabled();
  await expect(arnaud.getByRole("button", { name: "Répartition clients" })).toBeDisabled();
  await expect(arnaud.getByRole("button", { name: "Proforma dossier" })).toBeDisabled();
  await expect(arnaud.getByTestId("no-active-client")).toContainText("Aucun client actif");
  await expect(newActivity).toHaveAttribute("aria-describedby", "billing-no-active-client");
  // K3: the quick-add menu leaves the dossier out (and the Maison de santé, whose client is inactive).
  await arnaud.getByRole("button", { name: "Ajout rapide" }).click();
  const menu = arnaud.getByTestId("quick-add-menu");
  await expect(menu).toContainText("Nouvelle activité");
  await expect(menu.getByRole("link", { name: "Rénovation de l'école Jules Ferry" })).toBeVisible();
  await expect(menu.getByRole("link", { name: MARTIN })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: SANTE })).toHaveCount(0);
  await arnaud.getByRole("button", { name: "Ajout rapide" }).click();

  // Jeanne active again: the buttons come back for Arnaud, live.
  await adele.getByTestId(`party-switch-${jeanne}`).click();
  await expect(arnaud.getByTestId(`party-row-${jeanne}`)).toHaveAttribute("data-active", "true");
  await expect(newActivity).toBeEnabled();
  await expect(arnaud.getByTestId("no-active-client")).toHaveCount(0);
  await stillNoReload(adele);
  await stillNoReload(arnaud);

  // K3, K6: the bulk move offers only dossiers with an active client: not the Maison de santé.
  const firstUnbilled = arnaud.getByTestId("activity-table").getByRole("checkbox", { disabled: false }).first();
  await firstUnbilled.check();
  const targets = arnaud.getByLabel("Choisir un dossier");
  await expect(targets).toBeVisible();
  expect(await targets.locator("option").allTextContents()).not.toContain(SANTE);

  // Back as seeded for the next spec.
  await adele.getByTestId(`party-switch-${luc}`).click();
  await expect(arnaud.getByTestId(`party-row-${luc}`)).toHaveAttribute("data-active", "true");
  await adeleCtx.close();
  await arnaudCtx.close();
});

test("K7: a client given the portal loses the dossier live when made inactive", async ({ browser }) => {
  const dossierId = dossierIdByTitle(MARTIN);
  const luc = partyId(dossierId, "Luc Martin");
  const adeleCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  const adele = await adeleCtx.newPage();
  await adele.goto(`/dossiers/${dossierId}/billing`);
  const row = adele.getByTestId(`party-row-${luc}`);
  await row.getByRole("button", { name: "Partager le portail" }).click();
  await expect(row.getByText("Portail client : Partagé")).toBeVisible();

  const lucCtx = await browser.newContext();
  await signInAs(lucCtx, "luc.martin@exemple.test");
  const client = await lucCtx.newPage();
  await client.goto(`/dossiers/${dossierId}`);
  await expect(client.getByRole("heading", { name: MARTIN })).toBeVisible();
  // Billing stays advisor-side: no tab, and its URL is a 404 for the client.
  await expect(client.getByRole("link", { name: "Facturation" })).toHaveCount(0);
  expect((await lucCtx.request.get(`/dossiers/${dossierId}/billing`)).status()).toBe(404);

  await adele.getByTestId(`party-switch-${luc}`).click();
  await expect(client.getByTestId("dossier-revoked")).toBeVisible();
  await expect(row.getByText("Portail client : Non partagé")).toBeVisible();
  expect((await lucCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);

  // Back as seeded (turning the portal on again is a separate, manual action).
  await adele.getByTestId(`party-switch-${luc}`).click();
  await expect(row).toHaveAttribute("data-active", "true");
  await expect(row.getByText("Portail client : Non partagé")).toBeVisible();
  await adeleCtx.close();
  await lucCtx.close();
});

test("the draft proforma prints as a page and downloads as a PDF whose text holds the totals", async ({ browser }) => {
  const db = e2eDatabase();
  const proforma = db
    .prepare(
      `SELECT p.id AS id, p.totalCents AS total FROM Proforma p JOIN Dossier d ON d.id = p.dossierId
              WHERE d.title = ? AND p.status = 'draft'`,
    )
    .get(MARTIN) as { id: string; total: number };
  db.close();
  const euros = (cents: number) =>
    new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" })
      .format(cents / 100)
      .replace(/[\u00a0\u202f]/g, " ");
  const ctx = await browser.newContext({ acceptDownloads: true });
  await signInAs(ctx, users.arnaud);
  const page = await ctx.newPage();
  await page.goto(`/proformas/${proforma.id}`);
  await expect(page.getByTestId("totals-all")).toContainText("Total TTC");
  const shown = (await page.getByTestId("totals-all").innerText()).replace(/[\u00a0\u202f]/g, " ");
  expect(shown).toContain(euros(proforma.total));

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger le PDF" }).click(),
  ]);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = textOfPdf(bytes);
  expect(text).toContain("Jeanne Martin");
  expect(text).toContain("Luc Martin");
  expect(text).toContain(euros(proforma.total));
  expect(text).toContain("Total TTC");
  // Another organization's staff gets a 404 for the same PDF (A1, A3).
  const sofia = await browser.newContext();
  await signInAs(sofia, users.sofia);
  expect((await sofia.request.get(`/proformas/${proforma.id}/pdf`)).status()).toBe(404);
  await sofia.close();
  await ctx.close();
});

test("K1: dossier creation's second step, « 2 – Parties », adds a client with its Actif/Inactif switch", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  const title = `Dossier parties ${Date.now()}`;
  await page.goto("/dossiers/new");
  await expect(page.getByText("1 – Dossier")).toBeVisible();
  await page.getByLabel("Titre du dossier").fill(title);
  await page.getByLabel("Email du ou de la référent·e").fill(users.paul);
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toHaveText("2 – Parties");
  const step = page.getByRole("region", { name: "Modifier les parties" });
  await step.getByLabel("Contact").selectOption({ label: "Nouveau contact…" });
  await step.getByLabel("Nom").fill("Mme Client Inactive");
  await step.getByLabel("Actif", { exact: true }).uncheck();
  await step.getByRole("button", { name: "Ajouter" }).click();
  const row = page
    .getByTestId(/^party-row-/)
    .filter({ hasText: "Mme Client Inactive" })
    .first();
  await expect(row).toHaveAttribute("data-active", "false");
  // K3: with its only client inactive, the dossier cannot be billed.
  await expect(page.getByRole("button", { name: "Nouvelle activité" })).toBeDisabled();
  await row.getByRole("switch").click();
  await expect(row).toHaveAttribute("data-active", "true");
  await expect(page.getByRole("button", { name: "Nouvelle activité" })).toBeEnabled();
  // A party without activities can be removed from the dialog.
  await step.getByRole("button", { name: "Retirer Mme Client Inactive des parties" }).click();
  await expect(page.getByTestId(/^party-row-/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nouvelle activité" })).toBeDisabled();
  await ctx.close();
});

test("K6: a bulk move takes an unbilled activity to another dossier, where its active client gets it", async ({
  browser,
}) => {
  const martin = dossierIdByTitle(MARTIN);
  const ecole = dossierIdByTitle("Rénovation de l'école Jules Ferry");
  const ctx = await browser.newContext();
  await signInAs(ctx, users.arnaud);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${martin}/billing`);
  await page.getByRole("checkbox", { name: "Évaluation des parts de la SCI" }).check();
  await expect(page.getByText("1 sélectionnée")).toBeVisible();
  await page.getByLabel("Choisir un dossier").selectOption({ label: "Rénovation de l'école Jules Ferry" });
  await page.getByRole("button", { name: "Transférer" }).click();
  await expect(page.getByRole("checkbox", { name: "Évaluation des parts de la SCI" })).toHaveCount(0);
  await page.goto(`/dossiers/${ecole}/billing`);
  const row = page.getByTestId("activity-table").getByRole("row").filter({ hasText: "Évaluation des parts de la SCI" });
  // The SCI is not a client of the école: the activity is shared among its active client(s).
  await expect(row).toContainText("Partagée");
  await expect(row).toContainText("360,00");
  await ctx.close();
});
