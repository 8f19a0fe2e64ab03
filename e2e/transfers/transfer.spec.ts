// T2, T6, T8 in a real browser: Adèle transfers a dossier to Arnaud, who sees the request live on his
// dashboard and accepts; Adèle's page loses the dossier live. The badge follows a confidential note live.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle } from "../fixtures/db";
import { createDossierAsAdvisor } from "../membership/helpers";

const MARCHE = "Aménagement de la place du marché";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

test("T6: the badge shows « Partiellement confidentiel » live when the holder writes a confidential note, « Confidentiel » when an existing note becomes one", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const dossierId = dossierIdByTitle(MARCHE);
  const header = await ctx.newPage();
  await header.goto(`/dossiers/${dossierId}`);
  await live(header);
  await expect(header.getByTestId("confidentiality-badge")).toHaveCount(0);
  const notes = await ctx.newPage();
  await notes.goto(`/dossiers/${dossierId}/notes`);
  await notes.getByLabel("Nouvelle note").fill("Note ordinaire de suivi");
  await notes.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(notes.getByTestId("note").filter({ hasText: "Note ordinaire de suivi" })).toBeVisible();
  await notes.getByLabel("Nouvelle note").fill("Le budget reste entre nous");
  await notes.getByLabel("Confidentielle").check();
  await notes.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(header.getByTestId("confidentiality-badge")).toHaveText("Partiellement confidentiel");
  // An existing note becomes confidential: every note is now, and the header and the list of dossiers
  // (the dashboard, open in another tab) say so live.
  const dashboard = await ctx.newPage();
  await dashboard.goto("/dashboard");
  const row = dashboard.getByTestId("dashboard-row").filter({ hasText: MARCHE });
  await expect(row.getByTestId("confidentiality-badge")).toHaveText("Partiellement confidentiel");
  await notes
    .getByTestId("note")
    .filter({ hasText: "Note ordinaire de suivi" })
    .getByRole("button", { name: "Marquer confidentielle" })
    .click();
  await expect(header.getByTestId("confidentiality-badge")).toHaveText("Confidentiel");
  await expect(row.getByTestId("confidentiality-badge")).toHaveText("Confidentiel");
  await ctx.close();
});

test("T2, T8: Adèle transfers a dossier to Arnaud, who sees the request live and accepts; Adèle's page loses the dossier live", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(arnaudCtx, users.arnaud);
  const dossierId = dossierIdByTitle(MARCHE);

  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto("/dashboard");
  await expect(arnaud.getByRole("heading", { name: "Dossiers", exact: true, level: 1 })).toBeVisible();
  // The seeded request (gymnase) is there already; the new one is not.
  await expect(arnaud.getByTestId("incoming-transfer").filter({ hasText: MARCHE })).toHaveCount(0);

  // Adèle keeps the conversation open in one tab and transfers from the Settings tab of another.
  const adele = await adeleCtx.newPage();
  await adele.goto(`/dossiers/${dossierId}`);
  await live(adele);
  const settings = await adeleCtx.newPage();
  await settings.goto(`/dossiers/${dossierId}/settings`);
  await settings.getByRole("button", { name: "Transférer le dossier" }).click();
  const dialog = settings.getByTestId("transfer-dialog");
  await dialog.getByLabel("Destinataire").selectOption({ label: "Arnaud Conseil (Conseiller énergie)" });
  await dialog.getByLabel("Transmettre les notes et documents confidentiels").check();
  await dialog.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(settings.getByTestId("transfer-pending")).toContainText("Arnaud Conseil");

  // Live on Arnaud's dashboard, without reload.
  const request = arnaud.getByTestId("incoming-transfer").filter({ hasText: MARCHE });
  await expect(request).toBeVisible();
  await request.getByRole("button", { name: "Accepter" }).click();

  // Adèle kept no read-only copy: her page is replaced by the notice, live.
  await expect(adele.getByTestId("dossier-revoked")).toBeVisible();
  await expect(request).toHaveCount(0);

  // Arnaud now holds it; the timeline says so (T8).
  await arnaud.goto(`/dossiers/${dossierId}/timeline`);
  await expect(arnaud.getByRole("heading", { name: MARCHE })).toBeVisible();
  const res = await adeleCtx.request.get(`/dossiers/${dossierId}`);
  expect(res.status()).toBe(404);
  await adeleCtx.close();
  await arnaudCtx.close();
});

test("A2, T5, T1: Carla opens the coordination page (practitioners, never a dossier); only admins open the users page", async ({
  browser,
}) => {
  const ecoleId = dossierIdByTitle("Rénovation de l'école Jules Ferry");
  const carlaCtx = await browser.newContext();
  await signInAs(carlaCtx, users.carla);
  const carla = await carlaCtx.newPage();
  await carla.goto("/coordination");
  const table = carla.getByTestId("practitioners");
  await expect(table.getByRole("row").filter({ hasText: "Adèle Conseil" })).toContainText("adele.conseil@nord.test");
  await expect(table).not.toContainText("Jules Ferry");
  for (const path of [`/dossiers/${ecoleId}`, `/dossiers/${ecoleId}/notes`, "/admin/users"])
    expect((await carlaCtx.request.get(path)).status(), path).toBe(404);
  for (const [who, status] of [
    [users.alice, 200],
    [users.sam, 404],
    [users.adele, 404],
  ] as const) {
    const ctx = await browser.newContext();
    await signInAs(ctx, who);
    expect((await ctx.request.get("/admin/users")).status(), who).toBe(status);
    expect((await ctx.request.get("/coordination")).status(), who).toBe(404);
    await ctx.close();
  }
  await carlaCtx.close();
});

test("T4: Arnaud transfers with a read-only copy; his open page turns read-only live; the copy still opens, its advisor-only tabs do not", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle("Maison de santé de Saint-Omer");
  const arnaudCtx = await browser.newContext();
  const adeleCtx = await browser.newContext();
  await signInAs(arnaudCtx, users.arnaud);
  await signInAs(adeleCtx, users.adele);
  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto(`/dossiers/${dossierId}`);
  await live(arnaud);
  await expect(arnaud.getByTestId("read-only-banner")).toHaveCount(0);
  const settings = await arnaudCtx.newPage();
  await settings.goto(`/dossiers/${dossierId}/settings`);
  await settings.getByRole("button", { name: "Transférer le dossier" }).click();
  const dialog = settings.getByTestId("transfer-dialog");
  await dialog.getByLabel("Destinataire").selectOption({ label: "Adèle Conseil (Conseillère en rénovation)" });
  await dialog.getByLabel("Garder une copie en lecture seule").check();
  await dialog.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(settings.getByTestId("transfer-pending")).toBeVisible();

  const adele = await adeleCtx.newPage();
  await adele.goto("/dashboard");
  const request = adele.getByTestId("incoming-transfer").filter({ hasText: "Saint-Omer" });
  await request.getByRole("button", { name: "Accepter" }).click();
  await expect(request).toHaveCount(0);

  await expect(arnaud.getByTestId("read-only-banner")).toBeVisible();
  await expect(arnaud.getByTestId("dossier-revoked")).toHaveCount(0);
  expect((await arnaudCtx.request.get(`/dossiers/${dossierId}/notes`)).status()).toBe(200);
  expect((await arnaudCtx.request.get(`/dossiers/${dossierId}/partners`)).status()).toBe(404);
  await arnaudCtx.close();
  await adeleCtx.close();
});

test("T4: the referent hands their role to another applicant-side member, then may leave (no dead end)", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const paulCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(paulCtx, users.paul);
  const title = `Dossier référent ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(await adeleCtx.newPage(), title, {
    referent: users.paul,
    applicants: [users.marie],
  });
  const paul = await paulCtx.newPage();
  await paul.goto(`/dossiers/${dossierId}/settings`);
  await expect(paul.getByRole("button", { name: "Quitter le dossier" })).toHaveCount(0);
  await paul.getByLabel("Nouveau ou nouvelle référent·e").selectOption({ label: "Marie Demandeur" });
  await paul.getByRole("button", { name: "Transmettre", exact: true }).click();
  await paul.getByRole("button", { name: "Quitter le dossier" }).click();
  await paul.getByRole("button", { name: "Confirmer : quitter le dossier" }).click();
  await expect(paul).toHaveURL(/\/dashboard$/);
  expect((await paulCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);
  const adele = await adeleCtx.newPage();
  await adele.goto(`/dossiers/${dossierId}/members`);
  await expect(adele.getByTestId("member").filter({ hasText: "Marie Demandeur" })).toContainText(/[Rr]éférent/);
  await expect(adele.getByTestId("member").filter({ hasText: "Paul Demandeur" })).toHaveCount(0);
  await Promise.all([adeleCtx.close(), paulCtx.close()]);
});

test("T3, A2: Carla transfers one of Adèle's dossiers to Arnaud from « Gestion des dossiers », without seeing it; Arnaud accepts", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const carlaCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(carlaCtx, users.carla);
  await signInAs(arnaudCtx, users.arnaud);
  const title = `Dossier coordonné ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(await adeleCtx.newPage(), title, { referent: users.paul });

  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto("/dashboard");
  const request = arnaud.getByTestId("incoming-transfer").filter({ hasText: title });
  await expect(request).toHaveCount(0);

  const carla = await carlaCtx.newPage();
  await carla.goto("/coordination");
  const table = carla.getByTestId("practitioners");
  await table
    .getByRole("row")
    .filter({ hasText: "Adèle Conseil" })
    .getByRole("button", { name: "Gestion des dossiers" })
    .click();
  await table.locator('select[name="dossierId"]').selectOption({ label: title });
  await table.locator('select[name="toUserId"]').selectOption({ label: "Arnaud Conseil" });
  await table.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(carla.getByRole("status")).toContainText("1");
  // A2: still no dossier for the coordinator.
  expect((await carlaCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);

  // Live on Arnaud's dashboard; he accepts and holds it; Adèle (no copy) loses it.
  await expect(request).toBeVisible();
  await request.getByRole("button", { name: "Accepter" }).click();
  await expect(request).toHaveCount(0);
  expect((await arnaudCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(200);
  expect((await adeleCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);
  await Promise.all([adeleCtx.close(), carlaCtx.close(), arnaudCtx.close()]);
});
