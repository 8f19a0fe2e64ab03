// Creating a dossier through the UI, so each spec works on its own data.
import { expect, type Page } from "@playwright/test";

export async function createDossierAsAdvisor(
  page: Page,
  title: string,
  opts: { referent: string; applicants?: string[] },
) {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Nouveau dossier" }).click();
  await expect(page.getByRole("heading", { name: "Créer un dossier" })).toBeVisible();
  await page.getByLabel("Titre du dossier").fill(title);
  await page.getByLabel("Email du ou de la référent·e").fill(opts.referent);
  if (opts.applicants) await page.getByLabel(/Emails des autres membres demandeurs/).fill(opts.applicants.join("\n"));
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  return page.url().split("/dossiers/")[1]!.split(/[/?#]/)[0]!;
}
