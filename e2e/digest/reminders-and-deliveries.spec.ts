// P10, R3 and N6 in a real browser: the Settings tab shows the next planned reminder, none while the
// dossier is paused (live, without reload), and the date re-armed from the reactivation; staff see
// their organization's failed deliveries with the error on /admin/emails, others get a 404.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE, setDossierActive } from "../fixtures/db";

const DAY_MS = 24 * 60 * 60 * 1000;

test("P10, R3: the next planned reminder, none while paused, re-armed from the reactivation's date", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  setDossierActive(dossierId);
  const ctx = await browser.newContext();
  await signInAs(ctx, users.paul);
  const paul = await ctx.newPage();
  await paul.goto(`/dossiers/${dossierId}/settings`);
  const next = paul.getByTestId("next-reminder");
  // The demo dossier has recommendations proposed and in progress: a reminder is planned.
  await expect(next).toContainText("Prochain rappel prévu le");
  await expect(next).toContainText("Les rappels vont au·à la référent·e du dossier, toutes les 6 semaines.");

  await paul.getByLabel("Trop de relances par email").check();
  await paul.getByRole("button", { name: "Mettre le dossier en pause" }).click();
  await expect(next).toHaveAttribute("data-paused", "true");
  await expect(next).toContainText("Aucun rappel tant que le dossier est en pause.");
  await expect(next).not.toContainText("Prochain rappel");

  const reactivatedAt = Date.now();
  await paul.getByRole("button", { name: "Réactiver le dossier" }).click();
  await expect(next).toHaveAttribute("data-paused", "false");
  const expected = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" }).format(
    new Date(reactivatedAt + 42 * DAY_MS),
  );
  await expect(next).toContainText(`Prochain rappel prévu le ${expected}.`);
  // The server agrees after a reload (P10: re-armed from the reactivation).
  await paul.reload();
  await expect(paul.getByTestId("next-reminder")).toContainText(`Prochain rappel prévu le ${expected}.`);
  await ctx.close();
});

test("N6: staff see their organization's failed deliveries with the error; others do not", async ({ browser }) => {
  const marker = `boom-${Date.now()}`;
  const db = e2eDatabase();
  try {
    const org = db
      .prepare(
        "SELECT o.id AS id, d.createdAt AS at FROM Organization o JOIN Dossier d ON d.organizationId = o.id WHERE d.title = ?",
      )
      .get(ECOLE) as { id: string; at: unknown };
    db.prepare(
      "INSERT INTO EmailDelivery (id, kind, template, toEmail, locale, subject, html, text, headers, status, attempts, nextAttemptAt, lastError, organizationId, createdAt) VALUES (?, 'digest', 'digest.daily', 'paul.demandeur@exemple.test', 'fr', ?, '<p>x</p>', 'x', '{}', 'failed', 6, ?, ?, ?, ?)",
    ).run(`e2e-${marker}`, `Résumé ${marker}`, org.at, `500: ${marker}`, org.id, org.at);
  } finally {
    db.close();
  }
  const [samCtx, sofiaCtx, paulCtx] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  await signInAs(samCtx, users.sam);
  await signInAs(sofiaCtx, users.sofia);
  await signInAs(paulCtx, users.paul);

  const sam = await samCtx.newPage();
  await sam.goto("/admin/emails");
  await expect(sam.getByRole("heading", { name: "Envois d’emails" })).toBeVisible();
  const row = sam
    .getByTestId("deliveries-failed")
    .getByTestId("delivery")
    .filter({ hasText: `Résumé ${marker}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("delivery-error")).toHaveText(`500: ${marker}`);

  // A3: another organization's staff do not see it.
  const sofia = await sofiaCtx.newPage();
  await sofia.goto("/admin/emails");
  await expect(sofia.getByRole("heading", { name: "Envois d’emails" })).toBeVisible();
  await expect(sofia.getByText(marker)).toHaveCount(0);

  // A1: not staff, not found.
  const paul = await paulCtx.newPage();
  const res = await paul.goto("/admin/emails");
  expect(res?.status()).toBe(404);
  await Promise.all([samCtx.close(), sofiaCtx.close(), paulCtx.close()]);
});

test("R3: an admin sets the organization's reminder delay and recipients; the dossier's Settings follow", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const [aliceCtx, paulCtx, samCtx] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  await signInAs(aliceCtx, users.alice);
  await signInAs(paulCtx, users.paul);
  await signInAs(samCtx, users.sam);
  try {
    const alice = await aliceCtx.newPage();
    await alice.goto("/admin/reminders");
    const form = alice.getByRole("region", { name: "Agence Nord" });
    const delay = form.getByLabel("Délai entre les rappels (en jours)");
    await delay.fill("3");
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(form.getByRole("alert")).toHaveText("Le délai doit être un nombre entier de jours entre 7 et 365.");
    await delay.fill("21");
    await form.getByLabel(/Envoyer les rappels à tous les membres côté demandeur/).check();
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(form.getByRole("status")).toHaveText("Réglages enregistrés.");

    const paul = await paulCtx.newPage();
    await paul.goto(`/dossiers/${dossierId}/settings`);
    await expect(paul.getByTestId("next-reminder")).toContainText(
      "Les rappels vont à tous les membres côté demandeur, toutes les 3 semaines.",
    );

    // Organization settings are the admins': staff get a 404.
    const sam = await samCtx.newPage();
    expect((await sam.goto("/admin/reminders"))?.status()).toBe(404);
  } finally {
    const db = e2eDatabase();
    try {
      db.prepare(
        "UPDATE Organization SET reminderDelayDays = 42, remindersToAllApplicants = 0 WHERE id = (SELECT organizationId FROM Dossier WHERE id = ?)",
      ).run(dossierId);
    } finally {
      db.close();
    }
    await Promise.all([aliceCtx.close(), paulCtx.close(), samCtx.close()]);
  }
});
