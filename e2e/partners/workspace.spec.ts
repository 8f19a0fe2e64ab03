// S1, S6, S10, S8 in a real browser: an internal partner answers in the workspace, Notify reminds at
// most once a day, a revocation cuts the partner's open page; an admin designs a template.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { createDossierAsAdvisor } from "../membership/helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

test("S1, S6, S10: Adèle asks Arnaud (internal); Notify reminds once a day; revoking cuts Arnaud's open page and leaves a 'withdrawn' line", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(arnaudCtx, users.arnaud);
  const adele = await adeleCtx.newPage();
  const title = `Dossier partenaire interne ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  const form = adele.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption("both");
  await form.getByLabel("Périmètre", { exact: true }).selectOption("technical");
  await form.getByLabel("Interne (membre de l’organisation)").check();
  await form.getByLabel("Membre de l’organisation", { exact: true }).selectOption(users.arnaud);
  await form.getByLabel("Consignes").fill("Regarder le chauffage");
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  const card = adele.getByTestId("solicitation").filter({ hasText: users.arnaud });
  // Internal: no key to wait for, pending at once.
  await expect(card.getByTestId("solicitation-state")).toHaveText("En attente de réponse");

  // S6: Notify reminds those who have not answered, and shows when; a second click the same day sends nothing.
  await adele.getByRole("button", { name: "Notifier" }).click();
  await expect(adele.getByRole("status").filter({ hasText: "relance" })).toHaveText("1 relance envoyée.");
  await expect(card.getByTestId("solicitation-reminders")).toContainText("Relances :");
  await expect(adele.getByRole("button", { name: "Notifier" })).toBeDisabled();

  // Arnaud finds it in his workspace list and opens the partner view.
  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto("/partners");
  await arnaud.getByTestId("partner-row").filter({ hasText: title }).getByRole("link").click();
  await expect(arnaud).toHaveURL(new RegExp(`/partner/dossiers/${dossierId}$`));
  await expect(arnaud.getByTestId("partner-instructions")).toHaveText("Regarder le chauffage");
  await live(arnaud);
  // The members' page stays closed to him (he is not on the dossier).
  expect((await arnaudCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);

  // S10: Adèle revokes; Arnaud's open page is cut at once.
  adele.once("dialog", (d) => void d.accept());
  await card.getByRole("button", { name: "Révoquer" }).click();
  await expect(card.getByTestId("solicitation-state")).toHaveText("Retirée");
  await expect(arnaud.getByTestId("dossier-revoked")).toBeVisible();
  expect((await arnaudCtx.request.get(`/partner/dossiers/${dossierId}`)).status()).toBe(404);
  await arnaud.goto("/partners");
  await expect(arnaud.getByTestId("partner-row").filter({ hasText: title })).toContainText("Sollicitation retirée");

  await adeleCtx.close();
  await arnaudCtx.close();
});

test("S8: Alice designs a template (partner field editable, a status hidden from partners); staff and advisors get 404 on the designer", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.alice);
  const page = await ctx.newPage();
  await page.goto("/admin/templates");
  await expect(page.getByRole("heading", { name: "Modèles de dossiers" })).toBeVisible();
  // The seeded template is there with its partner view.
  await expect(page.getByTestId("template-designer").first().getByLabel("Nom du modèle")).toHaveValue(
    "Rénovation de bâtiment public",
  );

  const name = `Modèle test ${Date.now()}`;
  await page.getByText("Nouveau modèle").click();
  const designer = page.getByTestId("template-designer").last();
  await designer.getByLabel("Nom du modèle").fill(name);
  await designer.getByRole("button", { name: "Ajouter un champ" }).click();
  const field = designer.getByTestId("template-field").last();
  await field.getByLabel("Libellé").fill("Avis du bureau d'études");
  await field.getByLabel("Vue", { exact: true }).selectOption("partner");
  await field.getByLabel("Vue partenaire").selectOption("edit");
  await designer.getByRole("button", { name: "Enregistrer le modèle" }).click();
  await expect(designer.getByRole("status")).toHaveText("Modèle enregistré.");
  await page.reload();
  const saved = page.getByTestId("template-designer").filter({ has: page.locator(`input[value="${name}"]`) });
  await expect(saved.getByTestId("template-field")).toHaveCount(1);
  await expect(saved.getByTestId("template-field").getByLabel("Vue partenaire")).toHaveValue("edit");
  await expect(saved.getByTestId("template-status")).toHaveCount(3);

  for (const who of [users.sam, users.adele, users.sofia, users.pierre]) {
    const other = await browser.newContext();
    await signInAs(other, who);
    expect((await other.request.get("/admin/templates")).status(), who).toBe(404);
    await other.close();
  }
  await ctx.close();
});

test("S7, S5: a document Adèle marks visible to partner appears live in Arnaud's partner view; Arnaud adds a supplement and hands over; Adèle sees 'Répondu' live", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(arnaudCtx, users.arnaud);
  const adele = await adeleCtx.newPage();
  const title = `Dossier complément ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/documents`);
  const docName = `plans-${Date.now()}.pdf`;
  await adele
    .getByLabel("Fichier à déposer")
    .setInputFiles({ name: docName, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 plans") });
  await adele.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(adele.getByRole("status").filter({ hasText: "Document déposé." })).toBeVisible();

  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  const form = adele.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption("supplement");
  await form.getByLabel("Interne (membre de l’organisation)").check();
  await form.getByLabel("Membre de l’organisation", { exact: true }).selectOption(users.arnaud);
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  const card = adele.getByTestId("solicitation").filter({ hasText: users.arnaud });
  await expect(card.getByTestId("solicitation-state")).toHaveText("En attente de réponse");

  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto(`/partner/dossiers/${dossierId}`);
  await live(arnaud);
  await expect(arnaud.getByText("Aucun document partagé avec vous.")).toBeVisible();
  // S7: shared from the Partners tab; Arnaud's open page shows it without a reload.
  await arnaud.evaluate(() => ((window as unknown as { marker: number }).marker = 9));
  await adele.getByLabel(`Visible partenaire : ${docName}`).check();
  await expect(arnaud.getByTestId("partner-documents").getByRole("link", { name: docName })).toBeVisible();
  // Issue 17: the checkbox stayed focusable while its change saved (busy, not disabled), so focus is still on it.
  await expect(adele.getByLabel(`Visible partenaire : ${docName}`)).toBeFocused();
  expect(await arnaud.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(9);
  const href = await arnaud.getByTestId("partner-documents").getByRole("link", { name: docName }).getAttribute("href");
  expect((await arnaudCtx.request.get(href!)).status()).toBe(200);

  // S5: Arnaud adds a supplement document, then hands over.
  await arnaud
    .getByTestId("supplement-upload")
    .getByLabel("Fichier à déposer")
    .setInputFiles({ name: "complement.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 complément") });
  await arnaud.getByTestId("supplement-upload").getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(arnaud.getByTestId("partner-documents").getByRole("link", { name: "complement.pdf" })).toBeVisible();
  await arnaud.getByLabel("Message aux conseillers").fill("Complément déposé : le devis de la chaudière.");
  await arnaud.getByRole("button", { name: "J’ai terminé : prévenir les conseillers" }).click();
  // S1, issue 16: a supplement is handed over, not "Votre avis a été transmis".
  await expect(arnaud.getByTestId("opinion-sent")).toContainText("Vous avez prévenu les conseillers le");
  await expect(arnaud.getByTestId("opinion-sent")).not.toContainText("avis");
  await expect(card.getByTestId("solicitation-state")).toHaveText("Répondu");
  await expect(card.getByTestId("solicitation-answer")).toContainText("le devis de la chaudière");

  // S7: unshared, the document is gone for the partner (and its address answers 404).
  await adele.getByLabel(`Visible partenaire : ${docName}`).uncheck();
  await expect(arnaud.getByTestId("partner-documents").getByRole("link", { name: docName })).toHaveCount(0);
  expect((await arnaudCtx.request.get(href!)).status()).toBe(404);

  await adeleCtx.close();
  await arnaudCtx.close();
});
