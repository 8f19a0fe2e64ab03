// Documents in a real browser: Marie uploads a file, Adèle sees it appear live and downloads the same
// bytes; a refused file gets a clear error; another organization gets 404 on the download.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE } from "../fixtures/db";

test("Marie uploads a PDF; Adèle sees it appear live and downloads the same bytes under its name", async ({
  browser,
}) => {
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
  const bytes = Buffer.concat([
    Buffer.from("%PDF-1.4\n"),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
    Buffer.from("\n%%EOF\n"),
  ]);
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
    const row = db.prepare("SELECT storageKey, originalName, size FROM Document WHERE originalName = ?").get(name) as {
      storageKey: string;
      originalName: string;
      size: number;
    };
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
  await page
    .getByLabel("Fichier à déposer")
    .setInputFiles({ name: "outil.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ\x90\x00") });
  await page.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(page.getByTestId("document-error")).toHaveText(
    "Ce type de fichier n’est pas accepté. Formats acceptés : PDF, images, documents bureautiques et texte.",
  );
  // The browser cannot tell a spoofed PDF: the server reads its first bytes.
  await page
    .getByLabel("Fichier à déposer")
    .setInputFiles({ name: "facture.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") });
  await page.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(page.getByTestId("document-error")).toHaveText(
    "Le contenu du fichier ne correspond pas à son extension.",
  );
  await page.reload();
  await expect(page.getByTestId("document")).toHaveCount(before);
  await ctx.close();
});

test("A3: Sofia (Cabinet Sud) gets 404 on a Nord document's download URL, and an upload to the Nord dossier is 404", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const adeleCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  const res = await adeleCtx.request.post(`/api/dossiers/${dossierId}/documents`, {
    multipart: { file: { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("Note d'Adèle") } },
  });
  expect(res.status()).toBe(201);
  const { document } = (await res.json()) as { document: { id: string } };
  const download = await adeleCtx.request.get(`/api/dossiers/${dossierId}/documents/${document.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toBe(`attachment; filename="note.txt"; filename*=UTF-8''note.txt`);

  const sofiaCtx = await browser.newContext();
  await signInAs(sofiaCtx, users.sofia);
  expect((await sofiaCtx.request.get(`/api/dossiers/${dossierId}/documents/${document.id}`)).status()).toBe(404);
  const upload = await sofiaCtx.request.post(`/api/dossiers/${dossierId}/documents`, {
    multipart: { file: { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("x") } },
  });
  expect(upload.status()).toBe(404);
  await adeleCtx.close();
  await sofiaCtx.close();
});

test("the 10 MB limit over HTTP: a 9 MB PDF is accepted, an 11 MB one is refused with a clear message and not listed", async ({
  browser,
}) => {
  const dossierId = dossierIdByTitle(ECOLE);
  const ctx = await browser.newContext();
  await signInAs(ctx, users.marie);
  const pdf = (mb: number) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(mb * 1024 * 1024, 0x20)]);
  const big = await ctx.request.post(`/api/dossiers/${dossierId}/documents`, {
    multipart: { file: { name: "trop-gros.pdf", mimeType: "application/pdf", buffer: pdf(11) } },
  });
  expect(big.status()).toBe(413);
  expect(await big.json()).toEqual({
    ok: false,
    error: { code: "invalid", message: "Le fichier dépasse la taille maximale de 10 Mo." },
  });
  const fine = await ctx.request.post(`/api/dossiers/${dossierId}/documents`, {
    multipart: { file: { name: "gros-mais-ok.pdf", mimeType: "application/pdf", buffer: pdf(9) } },
  });
  expect(fine.status()).toBe(201);
  const empty = await ctx.request.post(`/api/dossiers/${dossierId}/documents`, {
    multipart: { file: { name: "vide.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) } },
  });
  expect(await empty.json()).toMatchObject({ ok: false, error: { message: "Le fichier est vide." } });
  const missing = await ctx.request.post(`/api/dossiers/${dossierId}/documents`, { multipart: { other: "x" } });
  expect(await missing.json()).toMatchObject({ ok: false, error: { message: "Choisissez un fichier à déposer." } });
  const db = e2eDatabase();
  try {
    expect(
      db.prepare("SELECT count(*) AS n FROM Document WHERE originalName IN ('trop-gros.pdf', 'vide.pdf')").get(),
    ).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  await ctx.close();
});
