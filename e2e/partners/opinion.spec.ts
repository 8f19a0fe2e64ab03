// S1, S2, S3, S4, S6, A5 in a real browser: Adèle asks Pierre for a legal opinion; Pierre attaches with
// the key from the mailbox and answers with a file; Adèle sees it arrive live; a status that hides the
// dossier from partners cuts Pierre's page and socket at once.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";
import { socketFor } from "../fixtures/socket";
import { createDossierAsAdvisor } from "../membership/helpers";

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

/** The key of the newest partner-key email to Pierre about this dossier, read on /dev/mailbox. */
async function keyFromMailbox(page: Page, title: string): Promise<string> {
  const mail = page.getByTestId("mail").filter({ hasText: title }).filter({ hasText: "clé sécurisée" }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(mail.getByTestId("mail-to")).toHaveText(users.pierre);
  const text = (await mail.textContent()) ?? "";
  const key = text.match(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}/)?.[0];
  expect(key, "the email carries the key").toBeTruthy();
  return key!;
}

test("S1, S2, S4, S6: Adèle asks Pierre for a legal opinion; Pierre attaches with the key and answers with a file; Adèle sees it live. S3, A5: hiding the dossier cuts Pierre's page and socket", async ({
  browser,
  baseURL,
}) => {
  const adeleCtx = await browser.newContext();
  const pierreCtx = await browser.newContext();
  await signInAs(adeleCtx, users.adele);
  await signInAs(pierreCtx, users.pierre);
  const adele = await adeleCtx.newPage();
  const title = `Dossier avis juridique ${Date.now()}`;
  const dossierId = await createDossierAsAdvisor(adele, title, { referent: users.paul });

  // Adèle asks (S1): legal opinion, external partner, a date, instructions.
  await adele.getByRole("link", { name: "Partenaires" }).click();
  await expect(adele).toHaveURL(new RegExp(`/dossiers/${dossierId}/partners$`));
  await live(adele);
  const form = adele.getByTestId("solicitation-form");
  await form.getByLabel("Type de sollicitation").selectOption("opinion");
  await form.getByLabel("Périmètre", { exact: true }).selectOption("legal");
  await form.getByLabel("Externe (portail, avec une clé sécurisée)").check();
  await form.getByLabel("Adresse e-mail du partenaire").fill(users.pierre);
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Date de réponse souhaitée").fill(due);
  const instructions = `Le marché de travaux respecte-t-il le code de la commande publique ? ${Date.now()}`;
  await form.getByLabel("Consignes").fill(instructions);
  await form.getByRole("button", { name: "Envoyer la sollicitation" }).click();
  await expect(form.getByRole("status")).toHaveText("Sollicitation envoyée.");
  const card = adele.getByTestId("solicitation").filter({ hasText: users.pierre });
  await expect(card.getByTestId("solicitation-state")).toHaveText("En attente de rattachement");
  // The page is never reloaded from here on: what changes arrives live.
  await adele.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  // The key is stored hashed: never in clear in the database (S2).
  const key = await keyFromMailbox(await pierreCtx.newPage(), title);
  const db = e2eDatabase();
  try {
    const row = db.prepare("SELECT keyHash FROM Solicitation WHERE dossierId = ?").get(dossierId) as {
      keyHash: string;
    };
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.keyHash).not.toContain(key.replace(/-/g, ""));
  } finally {
    db.close();
  }

  // Pierre attaches (S2): a wrong key first gets the generic error, then the right one opens the dossier.
  const pierre = await pierreCtx.newPage();
  await pierre.goto("/partners/attach");
  await expect(pierre.getByRole("heading", { name: "Rattacher un dossier" })).toBeVisible();
  await pierre.getByLabel("Clé sécurisée").fill("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789");
  await pierre.getByRole("button", { name: "Rattacher" }).click();
  await expect(pierre.getByTestId("attach-form").getByRole("alert")).toHaveText(
    "Cette clé n’est pas valide. Vérifiez-la ou demandez-en une nouvelle.",
  );
  await pierre.getByLabel("Clé sécurisée").fill(key);
  await pierre.getByRole("button", { name: "Rattacher" }).click();
  await expect(pierre).toHaveURL(new RegExp(`/partner/dossiers/${dossierId}$`));
  await expect(pierre.getByRole("heading", { name: title })).toBeVisible();
  await expect(pierre.getByTestId("partner-instructions")).toHaveText(instructions);
  // Issue 16 item 10: the due day in words ("10 déc. 2026"), never the ISO date.
  const dueText = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${due}T12:00:00Z`),
  );
  await expect(pierre.getByTestId("partner-solicitation")).toContainText(`Réponse souhaitée le ${dueText}`);
  await expect(pierre.getByTestId("partner-solicitation")).not.toContainText(due);
  await live(pierre);
  // Adèle sees the attachment live (S6).
  await expect(card.getByTestId("solicitation-state")).toHaveText("En attente de réponse");

  // A5 over HTTP: the members' pages stay closed to Pierre.
  expect((await pierreCtx.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);
  expect((await pierreCtx.request.get(`/dossiers/${dossierId}/partners`)).status()).toBe(404);

  // A socket of Pierre's, joined through the partner view, to see it cut later.
  const sock = await socketFor(pierreCtx, baseURL!);
  expect(await sock.emitWithAck("dossier:join", { dossierId, afterSeq: 0 })).toMatchObject({ ok: true, events: [] });

  // Pierre answers with a file (S4).
  const opinion = `Avis favorable : la procédure adaptée est régulière. ${Date.now()}`;
  await pierre.getByLabel("Votre avis").fill(opinion);
  await pierre.getByLabel("Justificatif (facultatif)").setInputFiles({
    name: "avis-juridique.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% avis juridique\n"),
  });
  await pierre.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(pierre.getByTestId("opinion-sent")).toBeVisible();

  // Adèle, who kept the dossier open, sees it arrive live, with its file.
  const answer = card.getByTestId("solicitation-answer");
  await expect(answer).toContainText(opinion);
  await expect(card.getByTestId("solicitation-state")).toHaveText("Répondu");
  const fileLink = answer.getByRole("link", { name: "Fichier joint : avis-juridique.pdf" });
  await expect(fileLink).toBeVisible();
  expect(await adele.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  const file = await adeleCtx.request.get((await fileLink.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect((await file.body()).toString()).toContain("avis juridique");
  // The opinion's file is the advisor side's: Pierre's own session cannot fetch it there.
  expect((await pierreCtx.request.get((await fileLink.getAttribute("href"))!)).status()).toBe(404);

  // S3, A5: Adèle closes the dossier (hidden from partners): Pierre's page and socket are cut at once.
  const revoked = new Promise<{ dossierId: string }>((resolve) => sock.once("dossier:revoked", resolve));
  await adele.getByLabel("Statut du dossier").selectOption("closed");
  await adele.getByRole("button", { name: "Changer le statut" }).click();
  await expect(pierre.getByTestId("dossier-revoked")).toBeVisible();
  await expect(pierre.getByTestId("partner-instructions")).toHaveCount(0);
  expect(await revoked).toEqual({ dossierId });
  expect(await sock.emitWithAck("dossier:join", { dossierId, afterSeq: 0 })).toMatchObject({
    ok: false,
    error: { code: "not_found" },
  });
  sock.close();
  expect((await pierreCtx.request.get(`/partner/dossiers/${dossierId}`)).status()).toBe(404);
  // Pierre's list keeps the line, without a link, and says he answered.
  await pierre.goto("/partners");
  const row = pierre.getByTestId("partner-row").filter({ hasText: title });
  await expect(row).toContainText("Vous avez répondu");
  await expect(row.getByRole("link")).toHaveCount(0);
  // Adèle's page was never reloaded.
  expect(await adele.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  await adeleCtx.close();
  await pierreCtx.close();
});

test("A5: another organization's staff and the applicant side get 404 on the Partners tab and the partner view", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  const dossierId = await createDossierAsAdvisor(page, `Dossier accès partenaires ${Date.now()}`, {
    referent: users.paul,
  });
  for (const who of [users.sofia, users.paul, users.pierre, users.arnaud]) {
    const other = await browser.newContext();
    await signInAs(other, who);
    expect((await other.request.get(`/dossiers/${dossierId}/partners`)).status(), who).toBe(404);
    expect((await other.request.get(`/partner/dossiers/${dossierId}`)).status(), who).toBe(404);
    await other.close();
  }
  await ctx.close();
});

test("S2: tries are limited: after 5 wrong keys the form answers 'too many tries', even to a well-formed key", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.marie);
  const page = await ctx.newPage();
  await page.goto("/partners/attach");
  const alert = page.getByTestId("attach-form").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Clé sécurisée").fill(`WRNG-${i}000-0000-0000-0000-0000-0000-0000`);
    await page.getByRole("button", { name: "Rattacher" }).click();
    await expect(alert).toHaveText("Cette clé n’est pas valide. Vérifiez-la ou demandez-en une nouvelle.");
    await page.getByLabel("Clé sécurisée").fill("");
  }
  await page.getByLabel("Clé sécurisée").fill("ABCD-0000-0000-0000-0000-0000-0000-0000");
  await page.getByRole("button", { name: "Rattacher" }).click();
  await expect(alert).toHaveText("Trop d’essais. Réessayez dans quelques minutes.");
  // Counted in the database with the socket's address, not a header the browser could choose.
  const db = e2eDatabase();
  try {
    const rows = db
      .prepare("SELECT address, success FROM AttachAttempt WHERE userId = (SELECT id FROM User WHERE email = ?)")
      .all(users.marie) as { address: string; success: number }[];
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.success === 0 && /127\.0\.0\.1|::1/.test(r.address))).toBe(true);
  } finally {
    db.close();
  }
  await ctx.close();
});
