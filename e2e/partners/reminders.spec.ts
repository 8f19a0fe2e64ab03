// Issue 16 in a real browser, an advisor and two partners at once: S6 one once-a-day limit for a single
// partner's reminder and Notify, seen live on a second advisor tab (no reload); S2 an expired key and
// "Renvoyer une clé", reminders carry a fresh key and the old one is dead; S1 the picker (internal member,
// free typing for external); the partner lands on "Mes sollicitations" and gives a name (X7).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";
import { createDossierAsAdvisor } from "../membership/helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

/** Every key mailed to an address, oldest first, read on /dev/mailbox (newest first there). */
async function keysMailedTo(page: Page, to: string, atLeast: number): Promise<string[]> {
  let keys: string[] = [];
  await expect(async () => {
    await page.goto("/dev/mailbox");
    const mails = page.getByTestId("mail").filter({ has: page.getByTestId("mail-to").getByText(to, { exact: true }) });
    const texts = await mails.allTextContents();
    keys = texts
      .map((x) => x.match(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}/)?.[0])
      .filter((k): k is string => Boolean(k))
      .reverse();
    expect(keys.length).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 15_000 });
  return keys;
}

test("S6, S2, S1, X7: one reminder a day per partner, seen live; an expired key is renewed; reminders carry a fresh key; the partner lands on her list and gives her name", async ({
  browser,
}) => {
  // Three people, two advisor tabs and a dozen live steps: longer than the default 30 s on a shared machine.
  test.setTimeout(120_000);
  const adeleCtx = await browser.newContext();
  const arnaudCtx = await browser.newContext();
  const leaCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(arnaudCtx, users.arnaud);
  const adele = await adeleCtx.newPage();
  const stamp = Date.now();
  const lea = `lea.martin.${stamp}@partenaire.test`;
  const title = `Dossier relances ${stamp}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });
  await adele.goto(`/dossiers/${dossierId}/partners`);
  await live(adele);
  // A second tab of the advisor side: everything below reaches it live, without a reload.
  const watcher = await adeleCtx.newPage();
  await watcher.goto(`/dossiers/${dossierId}/partners`);
  await live(watcher);
  await watcher.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  // S1: an external partner by free typing, an internal one picked among the organization's members.
  const form = adele.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption("supplement");
  await form.getByLabel("Externe (portail, avec une clé sécurisée)").check();
  await form.getByLabel("Adresse e-mail du partenaire").fill(lea);
  await form
    .getByLabel("Date de réponse souhaitée")
    .fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  await expect(form.getByRole("status")).toHaveText("Sollicitation envoyée.");
  await form.getByLabel("Type de sollicitation").selectOption("opinion");
  await form.getByLabel("Interne (membre de l’organisation)").check();
  const member = form.getByLabel("Membre de l’organisation", { exact: true });
  await member.focus();
  await member.selectOption(users.arnaud);
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  // The send is over when its card is listed and the button enabled again; the button's colour then fades
  // back to blue (150 ms), and axe would read white on the grey of "disabled" midway: scan once the fades
  // have ended.
  await expect(adele.getByTestId("solicitation").filter({ hasText: users.arnaud })).toBeVisible();
  await expect(form.getByRole("button", { name: "Envoyer la sollicitation" })).toBeEnabled();
  const settled = () => adele.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  // The picker is labelled and reachable by keyboard: no axe violation in either mode.
  for (const mode of ["Interne (membre de l’organisation)", "Externe (portail, avec une clé sécurisée)"]) {
    await form.getByLabel(mode).check();
    await settled();
    const scan = await new AxeBuilder({ page: adele }).include('[data-testid="solicitation-form"]').analyze();
    expect(scan.violations.map((v) => v.id)).toEqual([]);
  }
  await form.getByLabel("Interne (membre de l’organisation)").check();
  await adele.keyboard.press("Tab");
  await expect(form.getByLabel("Membre de l’organisation", { exact: true })).toBeFocused();
  await form.getByLabel("Externe (portail, avec une clé sécurisée)").check();
  await adele.keyboard.press("Tab");
  await expect(form.getByLabel("Adresse e-mail du partenaire")).toBeFocused();

  const cardOf = (page: Page, who: string) => page.getByTestId("solicitation").filter({ hasText: who });
  await expect(cardOf(watcher, lea).getByTestId("solicitation-state")).toHaveText("En attente de rattachement");
  await expect(cardOf(watcher, users.arnaud).getByTestId("solicitation-state")).toHaveText("En attente de réponse");

  // S6: remind Léa alone; the watcher's card says "manual, by Adèle" and stops offering it today.
  await cardOf(adele, lea).getByRole("button", { name: "Relancer ce partenaire" }).click();
  await expect(cardOf(adele, lea).getByRole("status")).toHaveText("Relance envoyée.");
  const leaLog = cardOf(watcher, lea).getByTestId("reminder");
  await expect(leaLog).toHaveCount(1);
  await expect(leaLog).toHaveAttribute("data-by", "manual");
  await expect(leaLog).toContainText("manuelle, par");
  await expect(cardOf(watcher, lea).getByRole("button", { name: "Relancer ce partenaire" })).toBeDisabled();
  await expect(cardOf(watcher, lea).getByTestId("solicitation-next-reminder")).toContainText(
    "Prochaine relance automatique",
  );
  await expect(cardOf(watcher, users.arnaud).getByRole("button", { name: "Relancer ce partenaire" })).toBeEnabled();

  // Notify from the watcher reminds Arnaud only (Léa already had hers today); the first tab sees it live.
  await watcher.getByRole("button", { name: "Notifier" }).click();
  await expect(cardOf(adele, users.arnaud).getByTestId("reminder")).toHaveCount(1);
  await expect(cardOf(adele, lea).getByTestId("reminder")).toHaveCount(1);
  await expect(adele.getByRole("button", { name: "Notifier" })).toBeDisabled();
  expect(await watcher.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // S2: the reminder carried a fresh key: the first one is dead.
  const mailbox = await leaCtx.newPage();
  const [firstKey, reminderKey] = await keysMailedTo(mailbox, lea, 2);
  expect(reminderKey).not.toBe(firstKey);

  // The key expires before Léa attaches: the card says so, and "Renvoyer une clé" sends a new one.
  const db = e2eDatabase();
  try {
    db.prepare("UPDATE Solicitation SET keyExpiresAt = ? WHERE dossierId = ? AND partnerEmail = ?").run(
      new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00"),
      dossierId,
      lea,
    );
  } finally {
    db.close();
  }
  await adele.reload();
  await live(adele);
  await expect(cardOf(adele, lea).getByTestId("solicitation-state")).toHaveText("Clé expirée");
  await cardOf(adele, lea).getByRole("button", { name: "Renvoyer une clé" }).click();
  await expect(cardOf(adele, lea).getByRole("status")).toHaveText(
    "Nouvelle clé envoyée : l’ancienne ne fonctionne plus.",
  );
  await expect(cardOf(watcher, lea).getByTestId("reminder").filter({ hasText: "nouvelle clé" })).toHaveCount(1);
  const keys = await keysMailedTo(mailbox, lea, 3);
  const renewedKey = keys.at(-1)!;

  // Léa (her account came with the reminder) signs in: she lands on her list and gives her name.
  await signInAs(leaCtx, lea);
  const page = await leaCtx.newPage();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/partners$/);
  await expect(page.getByRole("heading", { name: "Mes sollicitations" })).toBeVisible();
  const nameForm = page.getByTestId("partner-name-form");
  await nameForm.getByLabel("Votre nom").fill("lea@example.test");
  await nameForm.getByRole("button", { name: "Enregistrer mon nom" }).click();
  await expect(nameForm.getByRole("alert")).toContainText("sans adresse e-mail");
  await nameForm.getByLabel("Votre nom").fill("Léa Martin");
  await nameForm.getByRole("button", { name: "Enregistrer mon nom" }).click();
  await expect(nameForm).toHaveCount(0);

  // Old keys are dead; the renewed one attaches, and both advisor tabs see it live.
  for (const dead of [firstKey, reminderKey]) {
    await page.goto("/partners/attach");
    await page.getByLabel("Clé sécurisée").fill(dead);
    await page.getByRole("button", { name: "Rattacher" }).click();
    await expect(page.getByTestId("attach-form").getByRole("alert")).toBeVisible();
  }
  await page.goto("/partners/attach");
  await page.getByLabel("Clé sécurisée").fill(renewedKey);
  await page.getByRole("button", { name: "Rattacher" }).click();
  await expect(page).toHaveURL(new RegExp(`/partner/dossiers/${dossierId}$`));
  await expect(cardOf(watcher, lea).getByTestId("solicitation-state")).toHaveText("En attente de réponse");
  await expect(cardOf(watcher, lea)).toContainText("Léa Martin");
  expect(await watcher.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // Arnaud, asked from his own organization, finds it on his list too.
  const arnaud = await arnaudCtx.newPage();
  await arnaud.goto("/partners");
  await expect(arnaud.getByTestId("partner-row").filter({ hasText: title })).toBeVisible();

  await adeleCtx.close();
  await arnaudCtx.close();
  await leaCtx.close();
});
