// Issue 17, measured: a keyboard-only walk. Paul (referent) signs in, opens a dossier, sends a message,
// changes a recommendation's status (focus stays on the select), pauses and reactivates the dossier;
// after each navigation focus lands on the page's main heading. No mouse, no clicks.
import { expect, test, type Locator, type Page, type Route } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE, setDossierActive } from "../fixtures/db";
import { unsubscribePath } from "../fixtures/unsubscribe";

/** Presses Tab until the target has focus (fails after `max` presses: it is not reachable by keyboard). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with ${max} Tabs`);
}

/** Holds the replies of the page's server actions (POSTs with a Next-Action header) 1.5 s, as a slow network would. */
async function delayActionReplies(route: Route) {
  if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
  const response = await route.fetch();
  await new Promise((r) => setTimeout(r, 1500));
  await route.fulfill({ response });
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
  // The pause action's reply is held back, so its own live event flips the state first (what a slow
  // network does): the Reactivate button is then still busy when Tab reaches it.
  await page.route(`**/dossiers/${dossierId}/settings`, delayActionReplies);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pause-banner")).toContainText("Plus besoin d’accompagnement");
  await expect(page.getByTestId("pause-state")).toBeFocused();
  await expect(page.getByTestId("pause-settings").getByRole("button")).toHaveAttribute("aria-busy", "true");
  // The pause's own event can flip the state before its action settles: the button is then busy
  // (aria-disabled) but still takes focus, instead of Tab skipping a disabled button.
  await page.keyboard.press("Tab");
  const reactivateButton = page.getByRole("button", { name: "Réactiver le dossier" });
  await expect(reactivateButton).toBeFocused();
  await expect(reactivateButton).toBeEnabled();
  await page.unroute(`**/dossiers/${dossierId}/settings`, delayActionReplies);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pause-banner")).toHaveCount(0);
  await expect(page.getByTestId("pause-state")).toBeFocused();
  await expect(page.getByTestId("pause-state")).toHaveText("Le dossier est actif.");
});

test("after navigation focus lands on the main heading on every kind of page, not only a dossier's", async ({
  browser,
}) => {
  const walks: [string, string[]][] = [
    [users.adele, ["/dashboard", "/settings/conversations", "/invoices"]],
    [users.alice, ["/admin/users", "/admin/templates"]],
    [users.carla, ["/coordination"]],
    [users.pierre, ["/partners", `/partner/dossiers/${dossierIdByTitle(ECOLE)}`]],
    // Signed out, from an email: the unsubscribe page.
    ["", [unsubscribePath(users.paul)]],
  ];
  for (const [email, pages] of walks) {
    const ctx = await browser.newContext();
    if (email) await signInAs(ctx, email);
    const page = await ctx.newPage();
    for (const path of pages) {
      await page.goto(path);
      const heading = page.locator("main h1");
      await expect(heading, `${email} ${path}`).toHaveCount(1);
      await expect(heading, `${email} ${path}`).toBeFocused();
    }
    await ctx.close();
  }
});

test("Escape closes the header's Administration dropdown and the phone Menu, and gives focus back to their button", async ({
  browser,
}) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInAs(ctx, users.alice);
  const page = await ctx.newPage();
  await page.goto("/admin/users");
  const admin = page.getByRole("button", { name: "Administration" });
  await tabTo(page, admin);
  await page.keyboard.press("Enter");
  await expect(admin).toHaveAttribute("aria-expanded", "true");
  const firstAdminLink = page.locator("#admin-menu a").first();
  await expect(firstAdminLink).toBeVisible();
  // Into the dropdown, then Escape: closed, and focus back on its button.
  await page.keyboard.press("Tab");
  await expect(firstAdminLink).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(admin).toHaveAttribute("aria-expanded", "false");
  await expect(firstAdminLink).toBeHidden();
  await expect(admin).toBeFocused();

  // On a phone: the Menu button opens the panel; Escape from a link inside closes it, focus on Menu.
  await page.setViewportSize({ width: 390, height: 844 });
  const menu = page.getByTestId("menu-button");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const panelLink = page.locator("#site-menu nav a").first();
  await expect(panelLink).toBeVisible();
  await tabTo(page, panelLink);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(panelLink).toBeHidden();
  await expect(menu).toBeFocused();
  await ctx.close();
});

test("a checkbox whose action is running keeps keyboard focus (busy, not disabled): a task ticked with Space", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  const dossierId = dossierIdByTitle(ECOLE);
  await page.goto(`/dossiers/${dossierId}/notes`);
  const title = `Rappeler la mairie ${Date.now()}`;
  await page.getByLabel("Nouvelle tâche").fill(title);
  await page.getByLabel("Nouvelle tâche").press("Enter");
  const box = page.getByRole("checkbox", { name: title });
  await expect(box).not.toBeChecked();
  // The action's reply is held: while it runs the checkbox says it is busy and keeps focus; a disabled
  // one would drop focus to the page body and the next Tab would start from the top.
  await page.route(`**/dossiers/${dossierId}/notes`, delayActionReplies);
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toHaveAttribute("aria-busy", "true");
  await expect(box).toBeFocused();
  await expect(box).not.toHaveAttribute("aria-busy");
  await expect(box).toBeChecked();
  await expect(box).toBeFocused();
  await page.unroute(`**/dossiers/${dossierId}/notes`, delayActionReplies);
  await ctx.close();
});
