// C10 in a real browser: messages written while the socket is down wait in the page (and across a
// reload), then leave by themselves in order, once each, when it comes back (C4); C6: no stale presence.
import { expect, test, type BrowserContext, type Page, type WebSocketRoute } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE, setDossierActive } from "../fixtures/db";

/** Routes the context's socket through a switch: cut closes it (and refuses new ones), HTTP still works. */
async function socketSwitch(ctx: BrowserContext) {
  let cut = false;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await ctx.routeWebSocket(/\/socket\.io\//, (ws) => {
    // Refused as a dropped server would: both sides closed once the server has spoken (its open packet,
    // not passed on), so the client sees a closed connection and keeps trying. A close before the page's
    // socket is open may never reach it, which would then wait for its connect timeout (20 s).
    if (cut) {
      const server = ws.connectToServer();
      server.onMessage(() => {
        void ws.close();
        void server.close();
      });
      return;
    }
    const pair = { page: ws, server: ws.connectToServer() };
    open.add(pair);
    ws.onClose(() => open.delete(pair));
  });
  // Socket.IO falls back to HTTP long-polling: cut that too.
  await ctx.route(/\/socket\.io\//, (route) => (cut ? route.abort() : route.continue()));
  return {
    async cut() {
      cut = true;
      for (const pair of [...open]) {
        await pair.server.close().catch(() => {});
        await pair.page.close().catch(() => {});
      }
      open.clear();
    },
    restore() {
      cut = false;
    },
  };
}

async function write(page: Page, text: string) {
  await page.getByLabel("Votre message").fill(text);
  await page.getByLabel("Votre message").press("Enter");
}

function stored(bodies: string[]): number[] {
  const db = e2eDatabase();
  try {
    return bodies.map(
      (b) => (db.prepare("SELECT COUNT(*) AS n FROM Message WHERE body = ?").get(b) as { n: number }).n,
    );
  } finally {
    db.close();
  }
}

async function viewers(browser: import("@playwright/test").Browser) {
  const paulCtx = await browser.newContext();
  const adeleCtx = await browser.newContext();
  await signInAs(paulCtx, users.paul);
  await signInAs(adeleCtx, users.adele);
  return { paulCtx, adeleCtx };
}

test("C10: two messages written with the socket cut survive a reload and arrive once each, in order", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = dossierIdByTitle(ECOLE);
  setDossierActive(id);
  const { paulCtx, adeleCtx } = await viewers(browser);
  const socket = await socketSwitch(paulCtx);
  const paul = await paulCtx.newPage();
  const adele = await adeleCtx.newPage();
  await paul.goto(`/dossiers/${id}`);
  await adele.goto(`/dossiers/${id}`);
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await expect(adele.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await expect(paul.getByTestId("presence").getByTitle("Adèle Conseil")).toBeVisible();
  const listTop = () => paul.getByTestId("messages").evaluate((el) => el.getBoundingClientRect().top);
  const liveTop = await listTop();

  await socket.cut();
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "offline");
  // C6: nobody is shown as viewing while the channel is down.
  await expect(paul.getByTestId("presence").getByTitle("Adèle Conseil")).toHaveCount(0);
  // C8: the avatars coming and going do not move the conversation (it jumped by their 8 px).
  expect(await listTop()).toBe(liveTop);
  const first = `Hors ligne 1 ${Date.now()}`;
  const second = `Hors ligne 2 ${Date.now()}`;
  await write(paul, first);
  await write(paul, second);
  await expect(paul.getByTestId("outgoing")).toHaveCount(2);
  await expect(paul.getByTestId("outgoing-state").first()).toHaveText("En attente de connexion");

  // The page reloads over HTTP while the socket stays cut: the two messages are still there, waiting.
  await paul.reload();
  await expect(paul.getByTestId("outgoing")).toHaveCount(2);
  await expect(paul.getByTestId("outgoing").first()).toContainText(first);
  await expect(paul.getByTestId("outgoing-state").last()).toHaveText("En attente de connexion");
  await expect(paul.getByTestId("channel-status")).not.toHaveAttribute("data-status", "live");
  expect(stored([first, second])).toEqual([0, 0]);
  await expect(adele.getByTestId("message-body").filter({ hasText: first })).toHaveCount(0);

  socket.restore();
  // An attempt made while cut may hang until Socket.IO's connect timeout (20 s) before the next one.
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live", { timeout: 40_000 });
  await expect(adele.getByTestId("message-body").filter({ hasText: second })).toHaveCount(1, { timeout: 15_000 });
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);
  const bodies = await adele.getByTestId("message-body").allTextContents();
  expect(bodies.filter((b) => b === first || b === second)).toEqual([first, second]);
  expect(stored([first, second])).toEqual([1, 1]);
  // Sent means stored: the outbox is empty after another reload, nothing sent twice.
  await paul.reload();
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);
  expect(stored([first, second])).toEqual([1, 1]);
  await paulCtx.close();
  await adeleCtx.close();
});

test("C10: offline in the browser (setOffline), then back: both arrive once, in order", async ({ browser }) => {
  test.setTimeout(90_000);
  const id = dossierIdByTitle(ECOLE);
  const { paulCtx, adeleCtx } = await viewers(browser);
  const paul = await paulCtx.newPage();
  const adele = await adeleCtx.newPage();
  await paul.goto(`/dossiers/${id}`);
  await adele.goto(`/dossiers/${id}`);
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await expect(adele.getByTestId("channel-status")).toHaveAttribute("data-status", "live");

  await paulCtx.setOffline(true);
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "offline", { timeout: 30_000 });
  const first = `Sans réseau 1 ${Date.now()}`;
  const second = `Sans réseau 2 ${Date.now()}`;
  await write(paul, first);
  await write(paul, second);
  await expect(paul.getByTestId("outgoing-state")).toHaveText(["En attente de connexion", "En attente de connexion"]);

  await paulCtx.setOffline(false);
  await expect(adele.getByTestId("message-body").filter({ hasText: second })).toHaveCount(1, { timeout: 20_000 });
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);
  const bodies = await adele.getByTestId("message-body").allTextContents();
  expect(bodies.filter((b) => b === first || b === second)).toEqual([first, second]);
  expect(stored([first, second])).toEqual([1, 1]);
  await paulCtx.close();
  await adeleCtx.close();
});

test("C10, C5: a message the server refuses shows why and is not retried", async ({ browser }) => {
  const id = dossierIdByTitle(ECOLE);
  const { paulCtx, adeleCtx } = await viewers(browser);
  await adeleCtx.close();
  const paul = await paulCtx.newPage();
  await paul.goto(`/dossiers/${id}`);
  await expect(paul.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  // A message the composer would stop, put in the outbox as an older version of the page might have.
  const body = "x".repeat(10_001);
  await paul.evaluate(
    ([key, text]) =>
      localStorage.setItem(key, JSON.stringify([{ clientId: "refusedbyserver01", body: text, state: "waiting" }])),
    [await outboxKeyFor(paul, id), body] as const,
  );
  await paul.reload();
  await expect(paul.getByTestId("outgoing")).toHaveAttribute("data-state", "refused");
  await expect(paul.getByTestId("outgoing-state")).toContainText("Refusé");
  await paul.reload();
  // Still shown after a reload, still refused, never stored.
  await expect(paul.getByTestId("outgoing")).toHaveAttribute("data-state", "refused");
  expect(stored([body])).toEqual([0]);
  await paul.getByRole("button", { name: "Retirer" }).click();
  await expect(paul.getByTestId("outgoing")).toHaveCount(0);
  await paulCtx.close();
});

async function outboxKeyFor(page: Page, dossierId: string) {
  const db = e2eDatabase();
  try {
    const { id } = db.prepare("SELECT id FROM User WHERE email = ?").get(users.paul) as { id: string };
    return `relais.outbox.${id}.${dossierId}`;
  } finally {
    db.close();
  }
  void page;
}
