// A3 in a real browser: a member removed while viewing loses the page and the live events at once.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";
import { createDossierAsAdvisor } from "./helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

test("A3: Adèle removes Marie while Marie views the conversation; Marie sees the revocation notice and no further message", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const marieCtx = await browser.newContext();
  const paulCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(marieCtx, users.marie);
  await signInAs(paulCtx, users.paul);
  const adele = await adeleCtx.newPage();
  const title = `Dossier retrait ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul, applicants: [users.marie] });

  // The invitations are in the outbox (N6), one per invitee.
  const db = e2eDatabase();
  try {
    const rows = db
      .prepare("SELECT toEmail, template, kind FROM EmailDelivery WHERE dossierId = ? ORDER BY toEmail")
      .all(dossierId);
    expect(rows).toEqual([
      { toEmail: users.marie, template: "invitation", kind: "transactional" },
      { toEmail: users.paul, template: "invitation", kind: "transactional" },
    ]);
  } finally {
    db.close();
  }

  const marie = await marieCtx.newPage();
  await marie.goto(`/dossiers/${dossierId}`);
  await live(marie);
  const paul = await paulCtx.newPage();
  await paul.goto(`/dossiers/${dossierId}`);
  await live(paul);
  const before = `Avant le retrait ${Date.now()}`;
  await paul.getByLabel("Votre message").fill(before);
  await paul.getByLabel("Votre message").press("Enter");
  await expect(marie.getByTestId("message-body").filter({ hasText: before })).toBeVisible();
  await marie.evaluate(() => ((window as unknown as { marker: number }).marker = 7));

  const paulsMembers = paul.getByRole("complementary", { name: "Membres" });
  await expect(paulsMembers.getByText("Marie Demandeur")).toBeVisible();
  await adele.goto(`/dossiers/${dossierId}/members`);
  const row = adele.getByTestId("member").filter({ hasText: "Marie Demandeur" });
  await row.getByRole("button", { name: "Retirer Marie Demandeur" }).click();
  await row.getByRole("button", { name: "Retirer", exact: true }).click();
  await expect(adele.getByTestId("member").filter({ hasText: "Marie Demandeur" })).toHaveCount(0);

  // Paul's member list beside the conversation follows, without reload.
  await expect(paulsMembers.getByText("Marie Demandeur")).toHaveCount(0);
  // Without reload, Marie's whole page is replaced by the notice.
  await expect(marie.getByTestId("dossier-revoked")).toHaveText(/Vous n’avez plus accès à ce dossier/);
  await expect(marie.getByRole("heading", { name: title })).toHaveCount(0);
  expect(await marie.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);

  const after = `Après le retrait ${Date.now()}`;
  await paul.getByLabel("Votre message").fill(after);
  await paul.getByLabel("Votre message").press("Enter");
  await expect(paul.getByTestId("message-body").filter({ hasText: after })).toBeVisible();
  await marie.waitForTimeout(500);
  await expect(marie.getByText(after)).toHaveCount(0);

  // A later page load is 404, and the dossier is gone from her list.
  const res = await marie.goto(`/dossiers/${dossierId}`);
  expect(res?.status()).toBe(404);
  await marie.goto("/dashboard");
  await expect(marie.getByText(title)).toHaveCount(0);
  await Promise.all([adeleCtx.close(), marieCtx.close(), paulCtx.close()]);
});

test("the referent sees why they cannot leave; an applicant member leaves from the Settings tab", async ({
  browser,
}) => {
  const adeleCtx = await browser.newContext();
  const marieCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(marieCtx, users.marie);
  const adele = await adeleCtx.newPage();
  const title = `Dossier départ ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul, applicants: [users.marie] });
  // The referent is told why they cannot leave, and has no leave button.
  const paulCtx = await browser.newContext();
  await signInAs(paulCtx, users.paul);
  const paul = await paulCtx.newPage();
  await paul.goto(`/dossiers/${dossierId}/members`);
  await expect(paul.getByTestId("leave-explanation")).toContainText(
    "En tant que référent·e, vous ne pouvez pas quitter ce dossier",
  );
  await expect(paul.getByRole("button", { name: "Quitter le dossier" })).toHaveCount(0);
  // Nor can the referent be removed: no remove button on their row for the holder.
  await adele.goto(`/dossiers/${dossierId}/members`);
  await expect(adele.getByTestId("member").filter({ hasText: "Paul Demandeur" }).getByRole("button")).toHaveCount(0);
  await paulCtx.close();

  const marie = await marieCtx.newPage();
  await marie.goto(`/dossiers/${dossierId}/settings`);
  await marie.getByRole("button", { name: "Quitter le dossier" }).click();
  await marie.getByRole("button", { name: "Confirmer : quitter le dossier" }).click();
  await expect(marie).toHaveURL(/\/dashboard$/);
  await expect(marie.getByText(title)).toHaveCount(0);
  await adele.goto(`/dossiers/${dossierId}/members`);
  await expect(adele.getByTestId("member").filter({ hasText: "Marie Demandeur" })).toHaveCount(0);
  await Promise.all([adeleCtx.close(), marieCtx.close()]);
});

test("invalid emails are refused with a clear error and nothing is created", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  const title = `Dossier invalide ${Date.now()}`;
  await page.goto("/dossiers/new");
  await page.getByLabel("Titre du dossier").fill(title);
  await page.getByLabel("Email du ou de la référent·e").fill("pas-un-email");
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Adresse email" })).toHaveText(
    "Adresse email non valide : pas-un-email",
  );
  const db = e2eDatabase();
  try {
    expect(db.prepare("SELECT COUNT(*) AS n FROM Dossier WHERE title = ?").get(title)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  // An applicant cannot reach the creation page.
  const marieCtx = await browser.newContext();
  await signInAs(marieCtx, users.marie);
  const res = await (await marieCtx.newPage()).goto("/dossiers/new");
  expect(res?.status()).toBe(404);
  await Promise.all([ctx.close(), marieCtx.close()]);
});
