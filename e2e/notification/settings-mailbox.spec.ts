// N1–N3, C2, C3, N2, N5 in a real browser, through the real outbox worker and the local mailbox: people
// change their conversation settings, others post, and /dev/mailbox shows what the settings say and
// nothing else. Each test creates its own dossier and applicant-side users (unique emails), so it
// depends on no other spec's data; the seeded advisors' settings are only changed on these dossiers.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { e2eDatabase } from "../fixtures/db";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Adèle creates the test's own dossier through the UI (she becomes its holder). */
async function createDossierAsAdvisor(
  page: Page,
  title: string,
  opts: { referent: string; applicants?: string[]; advisors?: string[] },
) {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Nouveau dossier" }).click();
  await page.getByLabel("Titre du dossier").fill(title);
  await page.getByLabel("Email du ou de la référent·e").fill(opts.referent);
  if (opts.applicants) await page.getByLabel(/Emails des autres membres demandeurs/).fill(opts.applicants.join("\n"));
  if (opts.advisors) await page.getByLabel(/Emails des conseiller·es/).fill(opts.advisors.join("\n"));
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  return page.url().split("/dossiers/")[1]!.split(/[/?#]/)[0]!;
}

async function live(page: Page) {
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
}

/** One count about the dossier, read from the e2e server's database. */
function countAbout(query: string, dossierId: string): number {
  const db = e2eDatabase();
  try {
    return (db.prepare(query).get(dossierId) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Messages of the dossier whose emails are not written yet (they are, within a second of the send). */
const queuedMessageEmails = (dossierId: string) =>
  countAbout(
    "SELECT COUNT(*) AS n FROM MessageEmailPending p JOIN Message m ON m.id = p.messageId WHERE m.dossierId = ?",
    dossierId,
  );

/** The dossier's message emails are written in the outbox (pending.ts writes them just after each send). */
async function emailsWritten(dossierId: string) {
  await expect.poll(() => queuedMessageEmails(dossierId), { timeout: 10_000 }).toBe(0);
}

/**
 * C7 makes immediate emails wait under a minute so that a read can cancel them; the test moves the
 * pending notifications of its dossier to "due now" instead of waiting, then lets the real worker send.
 */
async function makeDue(dossierId: string) {
  await emailsWritten(dossierId);
  const db = e2eDatabase();
  try {
    const now = new Date(Date.now() - 1000).toISOString().replace("Z", "+00:00");
    db.prepare(
      "UPDATE EmailDelivery SET nextAttemptAt = ? WHERE dossierId = ? AND status = 'pending' AND kind = 'notification'",
    ).run(now, dossierId);
  } finally {
    db.close();
  }
}

const pendingNotifications = (dossierId: string) =>
  countAbout(
    "SELECT COUNT(*) AS n FROM EmailDelivery WHERE dossierId = ? AND status = 'pending' AND kind = 'notification'",
    dossierId,
  );

function notificationLocale(email: string): string | null | undefined {
  const db = e2eDatabase();
  try {
    return (
      db
        .prepare("SELECT s.locale AS l FROM NotificationSettings s JOIN User u ON u.id = s.userId WHERE u.email = ?")
        .get(email) as { l: string | null } | undefined
    )?.l;
  } finally {
    db.close();
  }
}

/** The mails about this dossier in /dev/mailbox, as "to: subject" lines, once the outbox has sent them all. */
async function mailsAbout(page: Page, dossierId: string, title: string): Promise<string[]> {
  await expect.poll(() => pendingNotifications(dossierId), { timeout: 10_000 }).toBe(0);
  await page.goto("/dev/mailbox");
  const mails = page.getByTestId("mail").filter({ hasText: title });
  const out: string[] = [];
  for (const m of await mails.all()) {
    const subject = await m.getByRole("heading").innerText();
    if (subject.startsWith("Vous êtes invité") || subject.startsWith("You are invited")) continue; // invitations are transactional
    out.push(`${await m.getByTestId("mail-to").innerText()}: ${subject}`);
  }
  return out.sort();
}

async function send(page: Page, body: string) {
  await page.getByLabel("Votre message").fill(body);
  await page.getByLabel("Votre message").press("Enter");
  await expect(page.getByTestId("message-body").filter({ hasText: body })).toBeVisible();
}

async function signedIn(
  browser: import("@playwright/test").Browser,
  email: string,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext();
  await signInAs(ctx, email);
  return { ctx, page: await ctx.newPage() };
}

test("N1, N3, C2, C3, N8: settings decide who gets which email, and the mailbox shows nothing else", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = uniq();
  const title = `Notifications ${id}`;
  const referent = `ref-${id}@exemple.test`;
  const applicant = `app-${id}@exemple.test`;
  const adele = await signedIn(browser, users.adele);
  const dossierId = await createDossierAsAdvisor(adele.page, title, {
    referent,
    applicants: [applicant],
    advisors: [users.arnaud],
  });

  // N3: Arnaud does not take questions from applicants on this dossier.
  const arnaud = await signedIn(browser, users.arnaud);
  await arnaud.page.goto("/settings/conversations");
  await expect(arnaud.page.getByRole("heading", { name: "Paramètres de conversations", level: 1 })).toBeVisible();
  const group = arnaud.page.getByTestId("org-group").filter({ hasText: "Agence Nord" });
  const box = group.getByLabel(`Questions des demandeurs — ${title}`);
  await expect(box).toBeChecked();
  await expect(group.getByLabel(`Questions aux demandeurs — ${title}`)).not.toBeChecked();
  await box.uncheck();
  await expect(arnaud.page.getByTestId("settings-saved")).toBeVisible();
  // N3: the group collapses and opens from the keyboard.
  await group.locator("summary").focus();
  await arnaud.page.keyboard.press("Enter");
  await expect(box).toBeHidden();
  await arnaud.page.keyboard.press("Enter");
  await arnaud.page.reload();
  await expect(arnaud.page.getByLabel(`Questions des demandeurs — ${title}`)).not.toBeChecked();

  // N1: the other applicant wants no email at all.
  const marie2 = await signedIn(browser, applicant);
  await marie2.page.goto("/settings/conversations");
  await marie2.page.getByLabel("Jamais").check();
  await expect(marie2.page.getByTestId("settings-saved")).toBeVisible();
  await marie2.page.reload();
  await expect(marie2.page.getByLabel("Jamais")).toBeChecked();

  // C3: Adèle's question to the applicant side; Arnaud is not copied (off by default). She leaves the
  // page, so that she does not read the referent's answer in the app (C7 would cancel its email).
  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await expect(
    adele.page.getByTestId("recipient-picker").getByRole("checkbox", { name: /Arnaud Conseil/ }),
  ).not.toBeChecked();
  await send(adele.page, `Question d'Adèle ${id}`);
  await adele.page.goto("/dashboard");
  await makeDue(dossierId);
  expect(await mailsAbout(arnaud.page, dossierId, title)).toEqual([`${referent}: Nouveau message dans « ${title} »`]);

  // C2: the referent's question: Adèle preselected, Arnaud selectable with a grey bell.
  const ref = await signedIn(browser, referent);
  await ref.page.goto(`/dossiers/${dossierId}`);
  await live(ref.page);
  const picker = ref.page.getByTestId("recipient-picker");
  await expect(picker.getByRole("checkbox", { name: /Adèle Conseil/ })).toBeChecked();
  await expect(picker.getByRole("checkbox", { name: /Arnaud Conseil/ })).not.toBeChecked();
  await expect(
    picker.getByTestId("recipient").filter({ hasText: "Arnaud Conseil" }).getByTestId("grey-bell"),
  ).toBeVisible();
  await expect(
    picker.getByTestId("recipient").filter({ hasText: "Adèle Conseil" }).getByTestId("grey-bell"),
  ).toHaveCount(0);
  await send(ref.page, `Question du référent ${id}`);

  await makeDue(dossierId);
  const mails = await mailsAbout(arnaud.page, dossierId, title);
  // Adèle got the question; Arnaud (not participating) and the applicant set to never got nothing.
  expect(mails).toEqual(
    [`${users.adele}: Nouveau message dans « ${title} »`, `${referent}: Nouveau message dans « ${title} »`].sort(),
  );
  expect(mails.join("\n")).not.toContain(users.arnaud);
  expect(mails.join("\n")).not.toContain(applicant);
  await Promise.all([adele.ctx.close(), arnaud.ctx.close(), marie2.ctx.close(), ref.ctx.close()]);
});

test("N2, N5: a language change shows in the next email; the unsubscribe link sets never without signing in; a tampered one changes nothing", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = uniq();
  const title = `Langue ${id}`;
  const referent = `lang-${id}@exemple.test`;
  const adele = await signedIn(browser, users.adele);
  const dossierId = await createDossierAsAdvisor(adele.page, title, { referent });

  const ref = await signedIn(browser, referent);
  await ref.page.goto("/settings/conversations");
  await ref.page.getByLabel("Langue des notifications").selectOption("en");
  await expect(ref.page.getByTestId("settings-saved")).toBeVisible();

  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await send(adele.page, `First ${id}`);
  await makeDue(dossierId);
  expect(await mailsAbout(adele.page, dossierId, title)).toEqual([`${referent}: New message in “${title}”`]);

  await ref.page.getByLabel("Langue des notifications").selectOption("profile");
  // "Enregistré." is still on screen from the first change: wait for this one to be stored.
  await expect.poll(() => notificationLocale(referent)).toBeNull();
  await expect(ref.page.getByTestId("settings-saved")).toBeVisible();
  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await send(adele.page, `Second ${id}`);
  await makeDue(dossierId);
  expect(await mailsAbout(adele.page, dossierId, title)).toEqual([
    `${referent}: New message in “${title}”`,
    `${referent}: Nouveau message dans « ${title} »`,
  ]);

  // N5: the link of the last email, opened without a session.
  const mail = adele.page.getByTestId("mail").filter({ hasText: `Second ${id}` });
  const href = await mail.getByRole("link", { name: /\/unsubscribe\?/ }).getAttribute("href");
  expect(href).toBeTruthy();
  const url = new URL(href!);
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  // Tampered: another signature, clear error, nothing changes.
  await page.goto(`/unsubscribe?u=${url.searchParams.get("u")}&s=${url.searchParams.get("s")!.slice(0, -3)}abc`);
  await expect(page.getByTestId("unsubscribe-invalid")).toContainText("Ce lien de désabonnement n’est pas valide");
  await expect(page.getByRole("button", { name: "Me désabonner" })).toHaveCount(0);
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByRole("button", { name: "Me désabonner" }).click();
  await expect(page.getByTestId("unsubscribe-done")).toBeVisible();
  await ref.page.goto("/settings/conversations");
  await expect(ref.page.getByLabel("Jamais")).toBeChecked();

  // N8: nothing more reaches them; a new message leaves no delivery.
  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await send(adele.page, `Third ${id}`);
  await emailsWritten(dossierId);
  expect(pendingNotifications(dossierId)).toBe(0);
  await Promise.all([adele.ctx.close(), ref.ctx.close(), anonymous.close()]);
});

test("N5: List-Unsubscribe one-click POST (RFC 8058) sets never; GET and tampered links change nothing", async ({
  browser,
  request,
}) => {
  const id = uniq();
  const title = `Un clic ${id}`;
  const referent = `oneclick-${id}@exemple.test`;
  const adele = await signedIn(browser, users.adele);
  const dossierId = await createDossierAsAdvisor(adele.page, title, { referent });
  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await send(adele.page, `Bonjour ${id}`);
  await makeDue(dossierId);
  expect(await mailsAbout(adele.page, dossierId, title)).toEqual([`${referent}: Nouveau message dans « ${title} »`]);

  const db = e2eDatabase();
  const read = () =>
    db
      .prepare("SELECT s.frequency AS f FROM NotificationSettings s JOIN User u ON u.id = s.userId WHERE u.email = ?")
      .get(referent) as { f: string } | undefined;
  try {
    const mail = db
      .prepare("SELECT headers FROM LocalMail WHERE toEmail = ? AND subject LIKE 'Nouveau message%'")
      .get(referent) as { headers: string };
    const headers = JSON.parse(mail.headers) as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const target = new URL(headers["List-Unsubscribe"].replace(/^<|>$/g, ""));
    expect(target.pathname).toBe("/unsubscribe/one-click");
    const path = `${target.pathname}${target.search}`;

    const tampered = path.replace(/s=[^&]+/, "s=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const bad = await request.post(tampered, { form: { "List-Unsubscribe": "One-Click" } });
    expect(bad.status()).toBe(400);
    expect(read()).toBeUndefined();

    // A GET (a link scanner, a person) only leads to the confirmation page.
    const get = await request.get(path, { maxRedirects: 0 });
    expect(get.status()).toBe(303);
    expect(get.headers().location).toMatch(/^\/unsubscribe\?u=/);
    expect(read()).toBeUndefined();

    const ok = await request.post(path, { form: { "List-Unsubscribe": "One-Click" } });
    expect(ok.status()).toBe(200);
    expect(read()?.f).toBe("never");
  } finally {
    db.close();
  }
  await adele.ctx.close();
});

test("C7: a message read in the app before its email leaves cancels that email; who did not read it gets it", async ({
  browser,
}) => {
  const id = uniq();
  const title = `Lu ${id}`;
  const referent = `lu-${id}@exemple.test`;
  const applicant = `pas-lu-${id}@exemple.test`;
  const adele = await signedIn(browser, users.adele);
  const dossierId = await createDossierAsAdvisor(adele.page, title, { referent, applicants: [applicant] });
  const ref = await signedIn(browser, referent);
  await ref.page.goto(`/dossiers/${dossierId}`);
  await live(ref.page);
  await adele.page.goto(`/dossiers/${dossierId}`);
  await live(adele.page);
  await send(adele.page, `Lu tout de suite ${id}`);
  // The referent has the conversation open: the message shows there and is read.
  await expect(ref.page.getByTestId("message-body").filter({ hasText: `Lu tout de suite ${id}` })).toBeVisible();
  const db = e2eDatabase();
  try {
    await expect
      .poll(
        () =>
          (
            db
              .prepare(
                "SELECT d.status AS s FROM EmailDelivery d JOIN User u ON u.id = d.userId WHERE d.dossierId = ? AND u.email = ? AND d.kind = 'notification'",
              )
              .get(dossierId, referent) as { s: string } | undefined
          )?.s,
      )
      .toBe("cancelled");
  } finally {
    db.close();
  }
  await makeDue(dossierId);
  expect(await mailsAbout(adele.page, dossierId, title)).toEqual([`${applicant}: Nouveau message dans « ${title} »`]);
  await Promise.all([adele.ctx.close(), ref.ctx.close()]);
});
