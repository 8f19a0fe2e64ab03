// P1, P2, P6, P9 in a real browser: Paul (referent) pauses the demo dossier from the Settings tab while
// Adèle reads the conversation; she sees the banner and the system line with the reason without
// reload. Then Marie writes in the paused dossier and the banner goes for both, live.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE, setDossierActive } from "../fixtures/db";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
}

async function notReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
}

test("P2, P9, P1, P6: a pause from Settings shows live with its reason; an applicant's message lifts it live", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  // Start from an active dossier whatever ran before (this spec owns no other data).
  setDossierActive(dossierId);
  const [paulCtx, adeleCtx, marieCtx] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  await signInAs(paulCtx, users.paul);
  await signInAs(adeleCtx, users.adele);
  await signInAs(marieCtx, users.marie);
  const [paul, adele, marie] = await Promise.all([paulCtx.newPage(), adeleCtx.newPage(), marieCtx.newPage()]);

  await adele.goto(`/dossiers/${dossierId}`);
  await live(adele);
  await paul.goto(`/dossiers/${dossierId}`);
  await paul.getByRole("link", { name: "Paramètres" }).click();
  await expect(paul).toHaveURL(new RegExp(`/dossiers/${dossierId}/settings$`));
  await expect(paul.getByRole("heading", { name: "Mise en pause du dossier" })).toBeVisible();
  // Paul's settings page has joined the dossier: Adèle sees him viewing.
  await expect(adele.getByTestId("presence").getByTitle("Paul Demandeur")).toBeVisible();
  await expect(adele.getByTestId("pause-banner")).toHaveCount(0);
  await Promise.all([mark(paul), mark(adele)]);

  // P9: no reason chosen → a clear error, nothing paused.
  await paul.getByRole("button", { name: "Mettre le dossier en pause" }).click();
  await expect(paul.getByTestId("pause-error")).toHaveText("Choisissez un motif de mise en pause.");
  await expect(adele.getByTestId("pause-banner")).toHaveCount(0);

  const comment = `Plus de relances svp ${Date.now()}`;
  await paul.getByLabel("Trop de relances par email").check();
  await paul.getByLabel(/Commentaire/).fill(comment);
  await paul.getByRole("button", { name: "Mettre le dossier en pause" }).click();

  // P1: the banner appears for Adèle and Paul without reload; P9: the system line carries the reason.
  // P1: the banner says who paused, why and since when; "Réactiver" only for those allowed (P2);
  // applicants are told their emails are suspended (P4).
  for (const viewer of [adele, paul]) {
    const banner = viewer.getByTestId("pause-banner");
    await expect(banner).toContainText("Dossier en pause");
    await expect(banner.getByTestId("pause-banner-detail")).toContainText(
      /En pause depuis le \d{1,2} \S+ \d{4}, par Paul Demandeur\. Motif : Trop de relances par email/,
    );
    await expect(banner).toContainText(comment);
  }
  await expect(paul.getByTestId("pause-banner").getByRole("button", { name: "Réactiver" })).toBeVisible();
  await expect(paul.getByTestId("pause-banner-emails")).toBeVisible();
  await expect(adele.getByTestId("pause-banner").getByRole("button")).toHaveCount(0);
  await expect(adele.getByTestId("pause-banner-emails")).toHaveCount(0);
  const pausedLine = adele.getByTestId("system-line").filter({ hasText: comment });
  await expect(pausedLine).toContainText("Paul Demandeur a mis le dossier en pause");
  await expect(pausedLine).toContainText("Motif : Trop de relances par email");
  await expect(paul.getByRole("button", { name: "Réactiver le dossier" })).toBeVisible();

  // P6: Marie (applicant side) writes in the paused dossier; the banner goes for everyone, live.
  await marie.goto(`/dossiers/${dossierId}`);
  await live(marie);
  await expect(marie.getByTestId("pause-banner")).toBeVisible();
  await expect(marie.getByTestId("pause-banner-emails")).toContainText("ne reçoivent plus d’emails");
  await expect(marie.getByTestId("pause-banner").getByRole("button")).toHaveCount(0);
  const message = `Nous reprenons le projet ${Date.now()}`;
  await marie.getByLabel("Votre message").fill(message);
  await marie.getByRole("button", { name: "Envoyer" }).click();
  await expect(adele.getByTestId("message-body").filter({ hasText: message })).toBeVisible();
  await expect(adele.getByTestId("pause-banner")).toHaveCount(0);
  await expect(paul.getByTestId("pause-banner")).toHaveCount(0);
  await expect(marie.getByTestId("pause-banner")).toHaveCount(0);
  await expect(adele.getByTestId("system-line").last()).toContainText(
    "Dossier réactivé : Marie Demandeur a écrit un message",
  );
  await expect(paul.getByRole("button", { name: "Mettre le dossier en pause" })).toBeVisible();
  await Promise.all([notReloaded(paul), notReloaded(adele)]);

  // P7: the timeline shows both, newest first, with the cause and who.
  await adele.goto(`/dossiers/${dossierId}/timeline`);
  const entries = adele.getByTestId("timeline-entry");
  await expect(entries.first()).toContainText("Dossier réactivé : Marie Demandeur a écrit un message");
  const pausedEntry = entries.filter({ hasText: comment });
  await expect(pausedEntry).toContainText("Paul Demandeur a mis le dossier en pause");
  await expect(pausedEntry).toContainText("Motif : Trop de relances par email");

  // P2: Marie may not pause; she is shown how to leave instead.
  await marie.goto(`/dossiers/${dossierId}/settings`);
  await expect(marie.getByTestId("pause-others")).toBeVisible();
  await expect(marie.getByRole("button", { name: "Mettre le dossier en pause" })).toHaveCount(0);

  await Promise.all([paulCtx.close(), adeleCtx.close(), marieCtx.close()]);
});

test("P1, P2: the referent reactivates from the banner; everyone sees it go live", async ({ browser }) => {
  const dossierId = dossierIdByTitle(ECOLE);
  setDossierActive(dossierId);
  const [paulCtx, adeleCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
  await signInAs(paulCtx, users.paul);
  await signInAs(adeleCtx, users.adele);
  const [paul, adele] = await Promise.all([paulCtx.newPage(), adeleCtx.newPage()]);
  await adele.goto(`/dossiers/${dossierId}`);
  await live(adele);
  await paul.goto(`/dossiers/${dossierId}/settings`);
  await paul.getByLabel("Projet arrêté ou abandonné").check();
  await paul.getByRole("button", { name: "Mettre le dossier en pause" }).click();
  await expect(adele.getByTestId("pause-banner")).toContainText("Motif : Projet arrêté ou abandonné");
  await paul.goto(`/dossiers/${dossierId}`);
  await paul.getByTestId("pause-banner").getByRole("button", { name: "Réactiver" }).click();
  await expect(paul.getByTestId("pause-banner")).toHaveCount(0);
  // Issue 17: the button went with the banner; focus is on the dossier's title, not lost to the body.
  await expect(paul.locator("main h1")).toBeFocused();
  await expect(adele.getByTestId("pause-banner")).toHaveCount(0);
  await expect(adele.getByTestId("system-line").last()).toContainText("Paul Demandeur a réactivé le dossier");
  await Promise.all([paulCtx.close(), adeleCtx.close()]);
});
