#!/usr/bin/env node
// Takes the README's screenshots with Playwright in Debian's Chromium, against a running Relais with
// the demo data (npm start). Usage: node scripts/screenshots.mjs [baseUrl]
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { root } from "./db.mjs";

const base = process.argv[2] ?? process.env.BASE_URL ?? "http://localhost:3000";
const out = path.join(root, "docs", "screenshots");
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.screenshot({ path: path.join(out, "login.png") });
  await page.getByRole("button", { name: /Adèle Conseil/ }).click();
  await page.waitForURL("**/dashboard");
  await page.screenshot({ path: path.join(out, "dashboard.png") });
  await page.getByRole("link", { name: /Jules Ferry/ }).click();
  await page.getByTestId("channel-status").and(page.locator('[data-status="live"]')).waitFor();
  await page.screenshot({ path: path.join(out, "dossier.png") });
  console.log(`screenshots written to ${path.relative(root, out)}/`);
} finally {
  await browser.close();
}
