// Documents in a real browser: Marie uploads a file, Adèle sees it appear live and downloads the same
// bytes; a refused file gets a clear error; another organization gets 404 on the download.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE } from "../fixtures/db";

test("Marie uploads a PDF; Adèle sees it appear live and downloads the same bytes under its name", async ({ browser }) => {
  const marieCtx = await browser.newContext();
  const adeleCtx = await browser.newContext();
  await signInAs(marieCtx, users.marie);
  await signInAs(adeleCtx, users.adele);
  const marie = await marieCtx.newPage();
  const adele = await adeleCtx.newPage();
  const url = `/dossiers/${dossierIdByTitle(ECOLE)}/documents`;
  await marie.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  await marie.getByRole("link", { name: "Documents" }).click();
  await expect(marie).toHaveURL(new RegExp(`${url}$`));
  await adele.goto(url);
  await adele.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const name = `Plans école ${Date.now()}.pdf`;
  const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)), Buffer.from("\n%%EOF\n")]);
  await marie.getByLabel("Fichier à déposer").setInputFiles({ name, mimeType: "application/pdf", buffer: bytes });
  await marie.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(marie.getByRole("status").filter({ hasText: "Document déposé." })).toBeVisible();
  await expect(marie.getByTestId("document-link").filter({ hasText: name })).toBeVisible();

  const link = adele.getByRole("link", { name: `Télécharger ${name}` });
  await expect(link).toBeVisible();
  await expect(adele.getByTestId("document").filter({ hasText: name })).toContainText("Déposé par Marie Demandeur");
  expect(await adele.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  const [download] = await Promise.all([adele.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(name);
  const file = await download.path();
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);

  // Stored under a random name, the original kept in the database.
  const db = e2eDatabase();
  try {
    const row = db.prepare("SELECT storageKey, originalName, size FROM Document WHERE originalName = ?").get(name) as { storageKey: string; originalName: string; size: number };
    expect(row.storageKey).toMatch(/^[a-f0-9]{32}$/);
    expect(row.size).toBe(bytes.length);
  } finally {
    db.close();
  }
  await marieCtx.close();
  await adeleCtx.close();
});

test("a refused file (wrong type, spoofed extension) gets a clear error and nothing is listed", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.paul);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}/documents`);
  const before = await page.getByTestId("document").count();
  await page.getByLabel("Fichier à déposer").setInputFiles({ name: "outil.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ\x90\x00") });
  await page.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(page.getByTestId("document-error")).toHaveText("Ce type de fichier n'est pas accepté. Formats acceptés : PDF, images, documents bureautiques et texte.");
  // The browser cannot tell a spoofed PDF: the server reads its first bytes.
  await page.getByLabel("Fichier à déposer").setInputFiles({ name: "facture.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") });
  await page.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(page.getByTestId("document-error")).toHaveText("Le contenu du fichier ne correspond pas à son extension.");
  await page.reload();
  await expect(page.getByTestId("document")).toHaveCount(before);
  await ctx.close();
});

test("A3: Sofia (Cabinet Sud) gets 404 on a Nord document's download URL, and an upload to the Nord dossier is 404", async ({ browser }) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const adeleCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  const res = await adeleCtx.request.post(`/api/dossiers/${dossierId}/documents`, { multipart: { file: { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("Note d'Adèle") } } });
  expect(res.status()).toBe(201);
  const { document } = (await res.json()) as { document: { id: string } };
  const download = await adeleCtx.request.get(`/api/dossiers/${dossierId}/documents/${document.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toBe(`attachment; filename="note.txt"; filename*=UTF-8''note.txt`);

  const sofiaCtx = await browser.newContext();
  await signInAs(sofiaCtx, users.sofia);
  expect((await sofiaCtx.request.get(`/api/dossiers/${dossierId}/documents/${document.id}`)).status()).toBe(404);
  const upload = await sofiaCtx.request.post(`/api/dossiers/${dossierId}/documents`, { multipart: { file: { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("x") } } });
  expect(upload.status()).toBe(404);
  await adeleCtx.close();
  await sofiaCtx.close();
});
