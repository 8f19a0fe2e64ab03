// C8 in a real browser: a dossier of 200 messages opens with its newest page only; scrolling up loads
// older pages until the first message, and what the reader was looking at stays in place each time.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE, storedDate } from "../fixtures/db";

const TOTAL = 200;

/** A dossier of Nord with Paul (referent) and Adèle (holder), 200 messages over several days, Adèle having read up to 190. */
function seedBigDossier(title: string): string {
  const db = e2eDatabase();
  try {
    const ecole = db.prepare("SELECT organizationId FROM Dossier WHERE id = ?").get(dossierIdByTitle(ECOLE)) as {
      organizationId: string;
    };
    const asStored = storedDate(db);
    const uid = (email: string) => (db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string }).id;
    const paul = uid(users.paul);
    const adele = uid(users.adele);
    const id = `hist${Date.now()}`;
    const now = new Date();
    const start = now.getTime() - 5 * 86_400_000;
    db.transaction(() => {
      db.prepare(
        "INSERT INTO Dossier (id, organizationId, title, seq, lastActivityAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(id, ecole.organizationId, title, TOTAL, asStored(now), asStored(now), asStored(now));
      const member = db.prepare(
        "INSERT INTO DossierMember (id, dossierId, userId, side, role, holder, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
      );
      member.run(`${id}m1`, id, paul, "applicant", "referent", 0, asStored(now));
      member.run(`${id}m2`, id, adele, "advisor", "advisor", 1, asStored(now));
      const msg = db.prepare(
        "INSERT INTO Message (id, dossierId, authorId, clientId, body, seq, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
      );
      const ev = db.prepare(
        "INSERT INTO DossierEvent (dossierId, seq, type, audience, actorId, payload, createdAt) VALUES (?, ?, 'message.created', 'all', ?, ?, ?)",
      );
      for (let seq = 1; seq <= TOTAL; seq++) {
        const author = seq % 3 === 0 ? adele : paul;
        const at = new Date(start + seq * 36 * 60_000);
        msg.run(`${id}x${seq}`, id, author, `${id}c${seq}`, `Message historique ${seq}`, seq, asStored(at));
        ev.run(id, seq, author, "{}", asStored(at));
      }
      db.prepare("INSERT INTO DossierRead (id, userId, dossierId, lastReadSeq, updatedAt) VALUES (?, ?, ?, ?, ?)").run(
        `${id}r`,
        adele,
        id,
        190,
        asStored(now),
      );
    })();
    return id;
  } finally {
    db.close();
  }
}

test("C8: scrolling back to the first of 200 messages keeps the reading position at each older page", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = seedBigDossier(`Historique ${Date.now()}`);
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${id}`);
  const log = page.getByRole("log", { name: "Conversation" });
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  // Only the newest page is in the page (and in the DOM).
  await expect(log.getByTestId("message")).toHaveCount(50);
  await expect(log.getByTestId("message").last()).toHaveAttribute("data-seq", String(TOTAL));
  // C7, C8: the marker stands before the first message by someone else after seq 190 (Paul's 191).
  await expect(log.getByTestId("unread-marker")).toHaveText("Nouveaux messages");
  const afterMarker = log.locator("[data-testid=unread-marker] + li");
  await expect(afterMarker).toHaveAttribute("data-seq", "191");
  await expect(log.getByTestId("day-separator").first()).toBeVisible();
  // The list is reachable from the keyboard (its scroll and the screen reader's log).
  await log.focus();
  await expect(log).toBeFocused();

  let loaded = 50;
  while (loaded < TOTAL) {
    // The topmost loaded message is what the reader looks at when they reach the top.
    const before = await log.evaluate((el) => {
      el.scrollTop = 0;
      const first = el.querySelector<HTMLElement>("[data-testid=message]")!;
      return { seq: first.dataset.seq!, top: first.getBoundingClientRect().top };
    });
    loaded = Math.min(TOTAL, loaded + 50);
    await expect(log.getByTestId("message")).toHaveCount(loaded);
    const after = await log.evaluate(
      (el, seq) => el.querySelector<HTMLElement>(`[data-seq="${seq}"]`)!.getBoundingClientRect().top,
      before.seq,
    );
    // Inserted above, the message stayed where it was on screen.
    expect(Math.abs(after - before.top)).toBeLessThanOrEqual(2);
    // And older messages are now above it.
    expect(Number(await log.getByTestId("message").first().getAttribute("data-seq"))).toBeLessThan(Number(before.seq));
  }
  await expect(log.getByTestId("history-top")).toHaveText("Début de la conversation");
  const seqs = await log
    .getByTestId("message")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))));
  expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  await log.evaluate((el) => (el.scrollTop = 0));
  await expect(log.getByTestId("message").first().getByTestId("message-body")).toHaveText("Message historique 1");
  await expect(log.getByTestId("message").first()).toBeInViewport();
  // Several days: a separator for each.
  expect(await log.getByTestId("day-separator").count()).toBeGreaterThanOrEqual(5);
  await ctx.close();
});
