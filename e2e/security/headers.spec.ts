// X3, X5, X6, X8 against the real production server: security headers on every page type with the
// pages still working under the CSP, bounded bodies without signing in, redirects kept on-site, and
// the demo-mode marker and loopback-only mailbox of local mode.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { watchCsp } from "../fixtures/csp";
import { dossierIdByTitle, e2eDatabase, ECOLE } from "../fixtures/db";
import { unsubscribePath } from "../fixtures/unsubscribe";

test("X6: every page type carries the security headers, and works under the CSP", async ({ browser }) => {
  const id = dossierIdByTitle(ECOLE);
  const visitorCtx = await browser.newContext();
  const ctx = await browser.newContext();
  const [visitorViolations, samViolations] = [await watchCsp(visitorCtx), await watchCsp(ctx)];
  const visitor = await visitorCtx.newPage();
  await signInAs(ctx, users.sam);
  const page = await ctx.newPage();
  const pages: [Page, string][] = [
    [visitor, "/login"],
    [page, "/dashboard"],
    [page, `/dossiers/${id}`],
    [page, `/dossiers/${id}/recommendations`],
    [page, `/dossiers/${id}/timeline`],
    [page, `/dossiers/${id}/settings`],
    [page, "/settings/conversations"],
    [page, "/admin/emails"],
    [page, "/dev/mailbox"],
  ];
  for (const [p, path] of pages) {
    const res = await p.goto(path);
    expect(res?.status(), path).toBe(200);
    const h = res!.headers();
    expect(h["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], path).toContain("camera=()");
    // Local mode says so on every page (X8).
    await expect(p.getByTestId("demo-marker"), path).toBeVisible();
  }
  // The dossier page is live under the CSP: its socket connects (presence shows the viewer).
  await page.goto(`/dossiers/${id}`);
  await expect(page.getByTestId("presence").getByTitle("Sam Staff")).toBeVisible();
  const violations = [...visitorViolations, ...samViolations];
  expect(violations, violations.join("\n")).toEqual([]);
});

test("X6: the browser refuses nothing under the CSP on the main pages of every role", async ({ browser }) => {
  test.setTimeout(120_000);
  const id = dossierIdByTitle(ECOLE);
  const db = e2eDatabase();
  const invoice = (db.prepare("SELECT id FROM Invoice LIMIT 1").get() as { id: string }).id;
  db.close();
  const walks: [string, string[]][] = [
    [
      users.adele,
      [
        "/dashboard",
        `/dossiers/${id}/documents`,
        `/dossiers/${id}/partners`,
        `/dossiers/${id}/billing`,
        `/dossiers/${id}/notes`,
        `/dossiers/${id}/members`,
        "/settings/conversations",
        "/invoices",
        `/invoices/${invoice}`,
        "/contacts",
        `/search?q=${encodeURIComponent("école")}`,
      ],
    ],
    [users.paul, ["/dashboard", `/dossiers/${id}`, "/settings/conversations"]],
    [users.alice, ["/admin/users", "/admin/templates", "/admin/reminders", "/admin/billing"]],
    [users.carla, ["/coordination"]],
    [users.pierre, ["/partners", `/partner/dossiers/${id}`, "/partners/attach"]],
    // Signed out: the pages reached from an email (sign-in, unsubscribe).
    ["", ["/login", unsubscribePath(users.paul), unsubscribePath(users.paul, "en")]],
  ];
  const violations: string[] = [];
  for (const [email, paths] of walks) {
    const ctx = await browser.newContext();
    const seen = await watchCsp(ctx);
    if (email) await signInAs(ctx, email);
    const page = await ctx.newPage();
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), `${email} ${path}`).toBe(200);
      await page.waitForLoadState("networkidle");
    }
    violations.push(...seen.map((v) => `${email} ${v}`));
    await ctx.close();
  }
  expect(violations, violations.join("\n")).toEqual([]);
});

test("X5: a signed-in visit to /login with a crafted callbackUrl stays on the app", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  for (const payload of ["/%5Cevil.test/phish", "/%09/evil.test/", "//evil.test/", "https://evil.test/"]) {
    const res = await ctx.request.get(`/login?callbackUrl=${payload}`, { maxRedirects: 0 });
    const location = res.headers()["location"] ?? "";
    expect(new URL(location, baseURL).origin, payload).toBe(new URL(baseURL!).origin);
  }
  const back = await ctx.request.post("/api/locale", {
    form: { locale: "fr", back: "/\\evil.test/x" },
    headers: { origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  });
  expect(new URL(back.headers()["location"], baseURL).origin).toBe(new URL(baseURL!).origin);
  const crossSite = await ctx.request.post("/api/locale", {
    form: { locale: "en", back: "/" },
    headers: { origin: "https://evil.test" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
});

test("X3: a large chunked body is refused with 413 without signing in, and the server stays up", async ({
  baseURL,
  request,
}) => {
  const url = new URL("/api/locale", baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { origin: url.origin } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? null : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const write = () => {
      // 50 MB offered, chunked (no Content-Length).
      while (sent < 50 * 1024 * 1024) {
        sent += chunk.length;
        if (req.destroyed) return;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
  expect(status).toBe(413);
  const declared = await request.post("/unsubscribe/one-click?u=x&s=y", {
    data: Buffer.alloc(2 * 1024 * 1024, 97),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(declared.status()).toBe(413);
  expect((await request.get("/login")).status()).toBe(200);
});
