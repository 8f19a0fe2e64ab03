// Issue 17, measured: a keyboard-only walk. Paul (referent) signs in, opens a dossier, sends a message,
// changes a recommendation's status (focus stays on the select), pauses and reactivates the dossier;
// after each navigation focus lands on the page's main heading. No mouse, no clicks.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { dossierIdByTitle, ECOLE, setDossierActive } from "../fixtures/db";

/** Presses Tab until the target has focus (fails after `max` presses: it is not reachable by keyboard). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with ${max} Tabs`);
}

test("keyboard only: sign in, open a dossier, message, recommendation status, pause and reactivate", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const dossierId = dossierIdByTitle(ECOLE);
  setDossierActive(dossierId);
  await page.goto("/login");
  await tabTo(page, page.getByRole("button", { name: /Paul Demandeur/ }));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/dashboard");

  // Opening a dossier: focus is on its title, not at the top of the document.
  await tabTo(page, page.getByRole("link", { name: new RegExp(ECOLE) }).first());
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/dossiers/${dossierId}`);
  await expect(page.getByRole("heading", { level: 1, name: ECOLE })).toBeFocused();
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");

  // The message list takes focus (it scrolls), then the composer; Enter sends.
  await tabTo(page, page.getByTestId("messages"));
  await tabTo(page, page.getByLabel("Votre message"));
  const message = `Au clavier ${Date.now()}`;
  await page.keyboard.type(message);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("message-body").filter({ hasText: message })).toBeVisible();
  await expect(page.getByLabel("Votre message")).toBeFocused();
  await expect(page.getByLabel("Votre message")).toHaveValue("");

  // A tab: focus on the heading again.
  await tabTo(page, page.getByRole("link", { name: "Recommandations" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/dossiers/${dossierId}/recommendations`);
  await expect(page.getByRole("heading", { level: 1, name: ECOLE })).toBeFocused();

  // R2: the status changes from the keyboard, and focus stays on the select while and after it saves.
  const card = page.getByTestId("recommendation").filter({ hasText: "Faire réaliser un audit énergétique" });
  const select = card.getByTestId("recommendation-status-select");
  await tabTo(page, select);
  const before = await select.inputValue();
  await page.keyboard.press(before === "blocked" ? "ArrowUp" : "ArrowDown");
  await expect(card.getByTestId("recommendation-status-saving")).toHaveText("Statut enregistré.");
  await expect(select).not.toHaveValue(before);
  await expect(card).toHaveAttribute("data-status", await select.inputValue());
  await expect(select).toBeFocused();
  // P2: pause from Settings, then reactivate; focus follows the state instead of falling to the body.
  await tabTo(page, page.getByRole("link", { name: "Paramètres" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/dossiers/${dossierId}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: ECOLE })).toBeFocused();
  await tabTo(page, page.getByRole("radio").first(), 80);
  // Arrow keys move within the radio group; the second reason is "no more help needed".
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Plus besoin d’accompagnement")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Mettre le dossier en pause" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pause-banner")).toContainText("Plus besoin d’accompagnement");
  await expect(page.getByTestId("pause-state")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Réactiver le dossier" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pause-banner")).toHaveCount(0);
  await expect(page.getByTestId("pause-state")).toBeFocused();
  await expect(page.getByTestId("pause-state")).toHaveText("Le dossier est actif.");
});
