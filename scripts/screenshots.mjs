#!/usr/bin/env node
// npm run screenshots: builds when stale, starts Relais on its own port with fresh demo data, and takes
// the README's screenshots with Playwright in Debian's Chromium (docs/screenshots/).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_FULL } from "./chromium.mjs";
import { ensureBuild, ensureDependencies, ensurePrismaClients, root, startDemoServer } from "./lib.mjs";

const port = process.env.SCREENSHOT_PORT ?? "3190";
const base = `http://localhost:${port}`;
const out = path.join(root, "docs", "screenshots");
fs.mkdirSync(out, { recursive: true });

ensureDependencies();
await ensurePrismaClients();
ensureBuild();
const { stop, ready: waitUp } = startDemoServer(port);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM_FULL,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  await waitUp();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: base, locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.screenshot({ path: path.join(out, "login.png") });
  await page.getByRole("button", { name: /Adèle Conseil/ }).click();
  await page.waitForURL("**/dashboard");
  await page.screenshot({ path: path.join(out, "dashboard.png") });
  await page
    .getByRole("link", { name: /Jules Ferry/ })
    .first()
    .click();
  await page.getByTestId("channel-status").and(page.locator('[data-status="live"]')).waitFor();
  await page.screenshot({ path: path.join(out, "dossier.png") });
  const dossierUrl = page.url();
  await page.getByRole("link", { name: "Recommandations" }).click();
  await page.screenshot({ path: path.join(out, "recommendations.png") });

  // A paused dossier, paused by its referent from Settings with a reason (P2, P9), seen by Adèle.
  const paul = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: base, locale: "fr-FR" });
  const paulPage = await paul.newPage();
  await paulPage.goto("/login");
  await paulPage.getByRole("button", { name: /Paul Demandeur/ }).click();
  await paulPage.waitForURL("**/dashboard");
  await paulPage.goto(`${dossierUrl}/settings`);
  await paulPage.getByLabel("Plus besoin d’accompagnement").check();
  await paulPage.getByLabel(/Commentaire/).fill("Les travaux sont terminés, merci pour votre aide !");
  await paulPage.getByRole("button", { name: "Mettre le dossier en pause" }).click();
  await page.goto(dossierUrl);
  await page.getByTestId("pause-banner").waitFor();
  await page.getByTestId("channel-status").and(page.locator('[data-status="live"]')).waitFor();
  await page.screenshot({ path: path.join(out, "paused.png") });
  // Staff's dashboard (D1, D2, P8, P11): every dossier of the organization, the paused one labelled.
  const sam = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: base, locale: "fr-FR" });
  const samPage = await sam.newPage();
  await samPage.goto("/login");
  await samPage.getByRole("button", { name: /Sam Staff/ }).click();
  await samPage.waitForURL("**/dashboard");
  await samPage.screenshot({ path: path.join(out, "dashboard-paused.png") });
  await sam.close();
  await paul.close();

  // Billing (K1, K2): the Parties panel of the multi-client demo dossier, its inactive client greyed, and a proforma.
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Succession Martin" }).first().click();
  await page.getByRole("link", { name: "Facturation" }).click();
  await page.getByTestId("billing-tab").waitFor();
  await page.getByRole("switch", { name: /SCI Les Tilleuls/ }).hover();
  await page.screenshot({ path: path.join(out, "billing-parties.png"), fullPage: true });
  await page
    .getByRole("link", { name: /Proforma ·/ })
    .first()
    .click();
  await page.getByTestId("totals-all").waitFor();
  await page.screenshot({ path: path.join(out, "proforma.png"), fullPage: true });

  // T2: the transfer dialog of a dossier, from its Settings tab (the holder, Adèle); nothing is sent.
  await page.goto(`${dossierUrl}/settings`);
  await page.getByRole("button", { name: "Transférer le dossier" }).click();
  await page.getByTestId("transfer-dialog").waitFor();
  await page.screenshot({ path: path.join(out, "transfer.png") });

  // T3, T5: the coordination page, as Carla (coordinator).
  const carla = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: base, locale: "fr-FR" });
  const carlaPage = await carla.newPage();
  await carlaPage.goto("/login");
  await carlaPage.getByRole("button", { name: /Carla Coord/ }).click();
  await carlaPage.waitForURL("**/dashboard");
  await carlaPage.goto("/coordination");
  await carlaPage.getByTestId("practitioners").waitFor();
  await carlaPage.screenshot({ path: path.join(out, "coordination.png") });
  await carla.close();

  // On a phone (390 px): Paul's paused dossier (the banner tells him emails are suspended, the composer
  // stays in reach), and Adèle's dashboard with the menu open.
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const paulPhone = await browser.newContext({ ...phone, baseURL: base, locale: "fr-FR" });
  const paulPhonePage = await paulPhone.newPage();
  await paulPhonePage.goto("/login");
  await paulPhonePage.getByRole("button", { name: /Paul Demandeur/ }).click();
  await paulPhonePage.waitForURL("**/dashboard");
  await paulPhonePage.goto(dossierUrl);
  await paulPhonePage.getByTestId("channel-status").and(paulPhonePage.locator('[data-status="live"]')).waitFor();
  await paulPhonePage.screenshot({ path: path.join(out, "phone-dossier.png") });
  await paulPhone.close();
  const adelePhone = await browser.newContext({ ...phone, baseURL: base, locale: "fr-FR" });
  const adelePhonePage = await adelePhone.newPage();
  await adelePhonePage.goto("/login");
  await adelePhonePage.getByRole("button", { name: /Adèle Conseil/ }).click();
  await adelePhonePage.waitForURL("**/dashboard");
  await adelePhonePage.getByTestId("menu-button").click();
  await adelePhonePage.screenshot({ path: path.join(out, "phone-menu.png") });
  await adelePhone.close();
  console.log(`screenshots written to ${path.relative(root, out)}/`);
} finally {
  await browser.close();
  stop();
}
