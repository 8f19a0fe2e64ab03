// X2, S7, S3, S5, S9 in a real browser with an advisor and two partners at once (issue 15 item 2,
// issue 16 items 1, 2, 3, 5, 11): what one partner supplies never reaches the other, documents are
// shown to some partners or all, the advisor's lists follow live, a stage choice turns one partner's
// open page read-only and cuts the other's, without a reload; and the on-behalf flow end to end.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { createDossierAsAdvisor } from "../membership/helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

async function ask(page: Page, kind: string, email: string, instructions: string) {
  const form = page.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption(kind);
  await form.getByLabel("Périmètre", { exact: true }).selectOption("technical");
  await form.getByLabel("Interne (membre de l’organisation)").check();
  await form.getByLabel("Membre de l’organisation", { exact: true }).selectOption(email);
  await form.getByLabel("Consignes").fill(instructions);
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  await expect(page.getByTestId("solicitation").filter({ hasText: email })).toBeVisible();
}

const pdf = (text: string) => ({ mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${text}\n`) });
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);

async function contexts(browser: import("@playwright/test").Browser, emails: string[]) {
  const out: BrowserContext[] = [];
  for (const e of emails) {
    const ctx = await browser.newContext();
    await signInAs(ctx, e);
    out.push(ctx);
  }
  return out;
}

test("X2, S7, S5, S3 (issues 15, 16): an advisor and two partners at once: documents for some partners, supplements kept apart, lists live, a stage choice read-only then cut, no reload", async ({
  browser,
}) => {
  const [adeleCtx, arnaudCtx, carlaCtx] = await contexts(browser, [users.adele, users.arnaud, users.carla]);
  const adele = await adeleCtx.newPage();
  const title = `Dossier deux partenaires ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  await ask(adele, "supplement", users.arnaud, "Compléter l'étude thermique");
  await ask(adele, "opinion", users.carla, "Votre avis sur le calendrier");

  const arnaud = await arnaudCtx.newPage();
  const carla = await carlaCtx.newPage();
  for (const p of [arnaud, carla]) {
    await p.goto(`/partner/dossiers/${dossierId}`);
    await live(p);
    await mark(p);
  }
  await mark(adele);
  // The opinion partner has nothing to upload; the supplement partner does.
  await expect(carla.getByTestId("supplement-upload")).toHaveCount(0);
  await expect(arnaud.getByTestId("supplement-upload")).toBeVisible();

  // S7 (item 3): Adèle, in the Documents tab of another page, shows one upload to Arnaud only and one to all.
  const docs = await adeleCtx.newPage();
  await docs.goto(`/dossiers/${dossierId}/documents`);
  await expect(docs.getByTestId("document-upload")).toBeVisible();
  await docs.getByLabel("Fichier à déposer").setInputFiles({ name: "plan-arnaud.pdf", ...pdf("plan") });
  await docs.getByLabel("Visible partenaire").check();
  await docs.getByLabel("Certains partenaires").check();
  await docs.getByTestId("partner-chooser").getByLabel("Arnaud Conseil").check();
  await docs.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(docs.getByRole("status").filter({ hasText: "Document déposé." })).toBeVisible();
  await docs.getByLabel("Fichier à déposer").setInputFiles({ name: "plan-tous.pdf", ...pdf("tous") });
  await docs.getByLabel("Visible partenaire").check();
  await docs.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(docs.getByTestId("document-link").filter({ hasText: "plan-tous.pdf" })).toBeVisible();

  // Live on both partner pages: Arnaud sees both, Carla only the one for all.
  const arnaudDocs = arnaud.getByTestId("partner-documents");
  const carlaDocs = carla.getByTestId("partner-documents");
  await expect(arnaudDocs.getByRole("link", { name: "plan-arnaud.pdf" })).toBeVisible();
  await expect(arnaudDocs.getByRole("link", { name: "plan-tous.pdf" })).toBeVisible();
  await expect(carlaDocs.getByRole("link", { name: "plan-tous.pdf" })).toBeVisible();
  await expect(carlaDocs.getByRole("link", { name: "plan-arnaud.pdf" })).toHaveCount(0);
  // Adèle's Partners tab (item 11) shows them live with who sees them.
  const rows = adele.getByTestId("partner-visibility-row");
  await expect(rows.filter({ hasText: "plan-arnaud.pdf" }).getByLabel("Certains partenaires")).toBeChecked();
  await expect(rows.filter({ hasText: "plan-tous.pdf" }).getByLabel("Tous les partenaires du dossier")).toBeChecked();

  // X2 (issue 15) and item 11: Arnaud supplies a file; Adèle's lists show it live; Carla never does.
  await arnaud
    .getByTestId("supplement-upload")
    .getByLabel("Fichier à déposer")
    .setInputFiles({
      name: "etude-thermique.pdf",
      ...pdf("etude thermique"),
    });
  await arnaud.getByTestId("supplement-upload").getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(arnaudDocs.getByRole("link", { name: "etude-thermique.pdf" })).toBeVisible();
  const supplied = rows.filter({ hasText: "etude-thermique.pdf" });
  await expect(supplied.getByTestId("supplied-by")).toHaveText(
    "Fourni par Arnaud Conseil, visible par ce partenaire seulement",
  );
  // Item 5: on Arnaud's solicitation card too, with a working link for the advisor.
  const arnaudCard = adele.getByTestId("solicitation").filter({ hasText: users.arnaud });
  const link = arnaudCard.getByTestId("supplied-file").filter({ hasText: "etude-thermique.pdf" });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect((await adeleCtx.request.get(href)).status()).toBe(200);
  // Carla: not in her page, not by its address (HTTP, both routes).
  const documentId = href.split("/").pop()!;
  await expect(carlaDocs.getByRole("link", { name: "etude-thermique.pdf" })).toHaveCount(0);
  expect((await carlaCtx.request.get(`/partner/dossiers/${dossierId}/documents/${documentId}`)).status()).toBe(404);
  expect((await carlaCtx.request.get(href)).status()).toBe(404);
  expect((await arnaudCtx.request.get(`/partner/dossiers/${dossierId}/documents/${documentId}`)).status()).toBe(200);
  const carlaPage = await carlaCtx.request.get(`/partner/dossiers/${dossierId}`);
  expect(await carlaPage.text()).not.toContain("etude-thermique");

  // S3 (item 2): Adèle makes Arnaud's page read-only at this stage: it turns read-only live.
  await arnaudCard.getByTestId("solicitation-stages").getByRole("button").click();
  // The checkbox follows the server's answer (a refused change is never shown as done).
  await arnaudCard.getByLabel("Peut modifier à l’étape En cours").click();
  await expect(arnaudCard.getByLabel("Peut modifier à l’étape En cours")).not.toBeChecked();
  await expect(arnaud.getByTestId("supplement-upload")).toHaveCount(0);
  await expect(arnaudCard.getByTestId("solicitation-stages").getByRole("button").first()).toHaveText(
    "Étapes choisies pour ce partenaire (modifier)",
  );
  // ... and takes the dossier away from Carla at this stage: her open page is cut.
  const carlaCard = adele.getByTestId("solicitation").filter({ hasText: users.carla });
  await carlaCard.getByTestId("solicitation-stages").getByRole("button").click();
  await carlaCard.getByLabel("Voit le dossier à l’étape En cours").click();
  await expect(carla.getByTestId("dossier-revoked")).toBeVisible();
  await expect(arnaud.getByTestId("dossier-revoked")).toHaveCount(0);
  expect((await carlaCtx.request.get(`/partner/dossiers/${dossierId}`)).status()).toBe(404);

  // Nothing was reloaded.
  for (const p of [adele, arnaud]) expect(await marked(p)).toBe(42);
  for (const c of [adeleCtx, arnaudCtx, carlaCtx]) await c.close();
});

test("S9 (issue 16 item 1): on-behalf entry end to end: the partner names the person, the dossier says for whom and by whom, the person takes over as referent", async ({
  browser,
}) => {
  const [adeleCtx, arnaudCtx] = await contexts(browser, [users.adele, users.arnaud]);
  const adele = await adeleCtx.newPage();
  const title = `Dossier pour le compte de ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  await ask(adele, "on_behalf", users.arnaud, "Remplir la demande pour Mme Dupuis");

  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto(`/partner/dossiers/${dossierId}`);
  await live(arnaud);
  const person = `jeanne.dupuis.${Date.now()}@exemple.test`;
  const form = arnaud.getByTestId("on-behalf-form");
  await form.getByLabel("Nom de la personne").fill("Jeanne Dupuis");
  await form.getByLabel("Adresse e-mail de la personne").fill(person);
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(form.getByRole("status")).toHaveText("Enregistré.");

  // The advisor's card shows the person live; the Form tab says for whom and by whom.
  const card = adele.getByTestId("solicitation").filter({ hasText: users.arnaud });
  await expect(card.getByTestId("on-behalf-card")).toContainText(`Pour le compte de Jeanne Dupuis (${person})`);
  const formTab = await adeleCtx.newPage();
  await formTab.goto(`/dossiers/${dossierId}/form`);
  await expect(formTab.getByTestId("on-behalf")).toHaveText("Saisi pour le compte de Jeanne Dupuis par Arnaud Conseil");

  // Adèle invites Jeanne to take over as referent; Jeanne signs in and finds the dossier, as referent.
  await card.getByRole("button", { name: "Inviter Jeanne Dupuis à reprendre le dossier comme référent" }).click();
  await expect(card.getByRole("status")).toHaveText("Invitation envoyée : Jeanne Dupuis est référent du dossier.");
  const [jeanneCtx] = await contexts(browser, [person]);
  const jeanne = await jeanneCtx.newPage();
  await jeanne.goto(`/dossiers/${dossierId}/members`);
  await expect(jeanne.getByRole("heading", { name: title, exact: true })).toBeVisible();
  await expect(jeanne.getByTestId("member").filter({ hasText: person.split("@")[0] })).toContainText(/[Rr]éférent/);
  // Paul stays on the dossier as an applicant member.
  await expect(jeanne.getByTestId("member").filter({ hasText: "Paul" })).not.toContainText(/[Rr]éférent/);
  for (const c of [adeleCtx, arnaudCtx, jeanneCtx]) await c.close();
});
