// Issue 17 (mobile performance): a page's first scripts hold neither language's catalogue nor
// socket.io-client. The head preloads its own language's chunk only, the socket comes after hydration,
// and the page works as before (live, in the right language); a chunk that cannot be fetched (offline)
// is fetched again once it can.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { signInAs, users } from "../fixtures/auth";
import { appendDossierEvent, demoIds, dossierIdByTitle, ECOLE } from "../fixtures/db";

// One sentence of each catalogue that no other code holds (app.tagline), and one of socket.io-client's.
const FR = "L’espace de travail partagé de vos dossiers";
const EN = "The shared workspace for your dossiers";
const SOCKET_IO = "pollComplete";

/**
 * The text of the scripts the page's HTML names (its first scripts), and a reader of every script it has
 * fetched so far: the catalogue and the socket come after hydration, whenever that is (poll for them,
 * never wait for an idle network: a busy machine hydrates later than any quiet spell).
 */
async function scriptsOf(page: Page, path: string) {
  const fetched = new Map<string, Promise<string>>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") fetched.set(new URL(res.url()).pathname, res.text());
  });
  const html = await (await page.goto(path))!.text();
  const initial = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]).filter((src) => !/noModule/.test(src));
  expect(initial.length).toBeGreaterThan(3);
  const texts = await Promise.all(
    initial.map((src) => fetched.get(src) ?? page.request.get(src).then((res) => res.text())),
  );
  // The scripts its head asks the browser to fetch early (<link rel="preload" as="script">).
  const preloads = [...html.matchAll(/<link rel="preload"[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes('as="script"'))
    .map((tag) => /href="([^"]+)"/.exec(tag)![1]);
  const preloaded = (await Promise.all(preloads.map((src) => page.request.get(src).then((res) => res.text())))).join(
    "\n",
  );
  const all = async () => (await Promise.all(fetched.values())).join("\n");
  return { first: texts.join("\n"), preloaded, all };
}

test("Issue 17: the dashboard's first scripts hold no catalogue and no socket.io-client; then French only, and live", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  const { first, preloaded, all } = await scriptsOf(page, "/dashboard");
  expect(first).not.toContain(FR);
  expect(first).not.toContain(EN);
  expect(first).not.toContain(SOCKET_IO);
  // the head names the French chunk, so that it comes beside the first scripts, not after them
  expect(preloaded).toContain(FR);
  expect(preloaded).not.toContain(EN);
  await expect.poll(all).toContain(FR);
  await expect.poll(all).toContain(SOCKET_IO);
  expect(await all()).not.toContain(EN);
  // hydrated in French: a client component's text, and the live dashboard refetches on a change
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await ctx.close();
});

test("Issue 17: an English page fetches the English catalogue only", async ({ browser }) => {
  const ctx = await browser.newContext();
  await ctx.addCookies([{ name: "relais-locale", value: "en", url: baseURL }]);
  const page = await ctx.newPage();
  const { first, preloaded, all } = await scriptsOf(page, "/login");
  expect(first).not.toContain(EN);
  expect(preloaded).toContain(EN);
  expect(preloaded).not.toContain(FR);
  await expect.poll(all).toContain(EN);
  expect(await all()).not.toContain(FR);
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await ctx.close();
});

/**
 * A dossier page opened by Adèle while the chunk holding `marker` cannot be fetched: every fetch of it
 * fails (the bundler's runtime tries twice per import) until `backOnline()`, which also tells the page.
 */
async function dossierWithChunkRefused(browser: Browser, marker: string) {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  let offline = true;
  let refused = 0;
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    if (offline && body.includes(marker)) {
      refused++;
      return route.abort("internetdisconnected");
    }
    return route.fulfill({ response: res, body });
  });
  await page.goto(`/dossiers/${dossierIdByTitle(ECOLE)}`);
  return {
    ctx,
    page,
    refused: () => refused,
    async backOnline() {
      offline = false;
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
    },
  };
}

test("Issue 17, C10: when socket.io-client's chunk cannot be fetched, the dossier waits offline and goes live once the browser is back online", async ({
  browser,
}) => {
  const { ctx, page, refused, backOnline } = await dossierWithChunkRefused(browser, SOCKET_IO);
  await expect.poll(refused).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("channel-status")).not.toHaveAttribute("data-status", "live");
  await backOnline();
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await ctx.close();
});

test("Issue 17, C10: when the page's catalogue cannot be fetched, the server's page stays on screen and comes alive once it can", async ({
  browser,
}) => {
  const { ctx, page, refused, backOnline } = await dossierWithChunkRefused(browser, FR);
  // The first import's attempts and a retry after 1 s all fail: the dossier the server rendered is still
  // there (not an error page), and not live since it cannot hydrate without its words.
  await expect.poll(refused, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole("heading", { level: 1, name: ECOLE })).toBeVisible();
  await expect(page.getByTestId("channel-status")).not.toHaveAttribute("data-status", "live");
  await backOnline();
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await ctx.close();
});

/**
 * A context that counts every Intl.NumberFormat and DateTimeFormat a page makes. The browser's first one
 * loads its language's data: 35–50 ms on this machine, some 200 ms of blocked main thread on Lighthouse's
 * 4× slower phone, inside hydration. The pages take their dates and amounts from the server
 * (LabelledDates), and plurals' counts need no number format.
 */
async function countingIntl(browser: Browser, email: string) {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    const made: string[] = [];
    (window as unknown as { __intlMade: string[] }).__intlMade = made;
    for (const name of ["NumberFormat", "DateTimeFormat"] as const) {
      const Real = Intl[name];
      const Counted = function (this: unknown, ...args: unknown[]) {
        made.push(`${name} ${JSON.stringify(args)}`);
        return new (Real as unknown as new (...a: unknown[]) => object)(...args);
      } as unknown as typeof Real;
      Object.setPrototypeOf(Counted, Real);
      Object.defineProperty(Counted, "prototype", { value: Real.prototype });
      Object.defineProperty(Intl, name, { value: Counted, configurable: true, writable: true });
    }
  });
  await signInAs(ctx, email);
  const page = await ctx.newPage();
  /** Opens each page, waits until it has hydrated, and expects no formatter made on the way. */
  const hydrateEach = async (paths: string[]) => {
    for (const path of paths) {
      await page.goto(path);
      // hydrated: FocusHeading's effect, which runs in the same commit as the page's, focused the h1
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { message: path }).toBe("H1");
      const made = await page.evaluate(() => (window as unknown as { __intlMade: string[] }).__intlMade);
      expect(made, path).toEqual([]);
    }
  };
  return { ctx, page, hydrateEach };
}

test("Issue 17 (I15, I16): pages hydrate without making an Intl number or date formatter; the dates the server wrote are shown", async ({
  browser,
}) => {
  const { ctx, page, hydrateEach } = await countingIntl(browser, users.adele);
  const id = dossierIdByTitle(ECOLE);
  // An event whose sentence holds an amount (K6): the timeline's server writes it (CI found one made by
  // another spec, formatted in the browser during hydration).
  appendDossierEvent(id, "activity.moved_in", "advisors", { activityIds: ["a", "b"], totalCents: 123456 });
  // and a document, whose size the Documents tab shows
  const docName = `Taille ${Date.now()}.txt`;
  const upload = await ctx.request.post(`/api/dossiers/${id}/documents`, {
    multipart: { file: { name: docName, mimeType: "text/plain", buffer: Buffer.alloc(1536, "a") } },
  });
  expect(upload.status()).toBe(201);
  const pages = [
    "/dashboard",
    `/dossiers/${id}`,
    `/dossiers/${id}/recommendations`,
    `/dossiers/${id}/timeline`,
    `/dossiers/${id}/documents`,
    `/dossiers/${id}/partners`,
    `/dossiers/${id}/settings`,
    "/settings/conversations",
    // K1–K8: activities' days and amounts, their totals, proformas and invoices
    `/dossiers/${dossierIdByTitle("Succession Martin")}/billing`,
  ];
  await hydrateEach(pages);
  // the texts are there: the conversation's times and day separators, the dashboard's last activity
  await page.goto(`/dossiers/${id}`);
  await expect(page.getByTestId("message").first().locator("time")).toHaveText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-row").first().locator("time")).toHaveText(/\d{4}/);
  await page.goto(`/dossiers/${id}/timeline`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: /1\s234,56\s€/ })).toHaveCount(1);
  await page.goto(`/dossiers/${dossierIdByTitle("Succession Martin")}/billing`);
  await expect(page.getByRole("table").first()).toContainText(/\d,\d{2}\s€/);
  await page.goto(`/dossiers/${id}/documents`);
  await expect(page.getByTestId("document").filter({ hasText: docName })).toContainText("1,5 Ko");
  await ctx.close();
});

test("Issue 17 (I15, I16): the other roles' pages and Adèle's billing, contacts and search pages hydrate without making an Intl formatter", async ({
  browser,
}) => {
  const { ecole, proforma, invoice, contact } = demoIds();
  const walks: [string, string[]][] = [
    [
      users.adele,
      [
        "/invoices",
        `/invoices/${invoice}`,
        `/proformas/${proforma}`,
        "/contacts",
        `/contacts/${contact}`,
        `/search?q=${encodeURIComponent("école")}`,
      ],
    ],
    [users.alice, ["/admin/users", "/admin/templates", "/admin/reminders", "/admin/billing"]],
    [users.sam, ["/dashboard", "/admin/emails"]],
    [users.carla, ["/coordination"]],
    [users.pierre, ["/partners", `/partner/dossiers/${ecole}`]],
    [users.paul, ["/dashboard", `/dossiers/${ecole}`, `/dossiers/${ecole}/recommendations`]],
  ];
  for (const [email, paths] of walks) {
    const { ctx, page, hydrateEach } = await countingIntl(browser, email);
    await hydrateEach(paths);
    // K8: the VAT rate's field starts with the rate the server wrote (a percentage, French comma)
    if (email === users.alice) {
      await page.goto("/admin/billing");
      await expect(page.getByLabel("Taux de TVA (%)").first()).toHaveValue(/^\d+(,\d{1,2})?$/);
    }
    await ctx.close();
  }
});
