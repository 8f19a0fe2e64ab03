// Administration pages are reachable from the header by those who may open them, and by nobody else.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";

const pages = [
  { name: "Emails", href: "/admin/emails" },
  { name: "Modèles de dossier", href: "/admin/templates" },
  { name: "Relances", href: "/admin/reminders" },
];
const expected: Record<"alice" | "sam" | "adele" | "paul" | "sofia", string[]> = {
  alice: ["/admin/emails", "/admin/templates", "/admin/reminders"], // admin of Nord
  sam: ["/admin/emails"], // staff of Nord
  sofia: ["/admin/emails"], // staff of Sud: her own organization's deliveries only
  adele: [],
  paul: [],
};

for (const [who, allowed] of Object.entries(expected) as [keyof typeof expected, string[]][]) {
  test(`A1: ${who} sees the administration links they may use, and the others answer 404`, async ({ browser }) => {
    const ctx = await browser.newContext();
    await signInAs(ctx, users[who]);
    const page = await ctx.newPage();
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Navigation" });
    // Administration pages are grouped under one disclosure, so the menu stays on one line at 1280 px.
    const group = nav.getByRole("button", { name: "Administration" });
    await expect(group).toHaveCount(allowed.length > 0 ? 1 : 0);
    if (allowed.length > 0) {
      await expect(group).toHaveAttribute("aria-expanded", "false");
      await group.click();
      await expect(group).toHaveAttribute("aria-expanded", "true");
    }
    for (const p of pages) {
      await expect(nav.getByRole("link", { name: p.name, exact: true })).toHaveCount(allowed.includes(p.href) ? 1 : 0);
      const res = await ctx.request.get(p.href);
      expect(res.status(), `${who} ${p.href}`).toBe(allowed.includes(p.href) ? 200 : 404);
    }
    await ctx.close();
  });
}

test("A1: each role's menu has only what it can use; an admin's menu is one line at 1280 px", async ({ browser }) => {
  const seen: Record<string, string[]> = {};
  for (const who of ["alice", "adele", "paul", "pierre"] as const) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signInAs(ctx, users[who]);
    const page = await ctx.newPage();
    await page.goto("/settings/conversations");
    const nav = page.getByRole("navigation", { name: "Navigation" });
    seen[who] = await nav.getByRole("link").allInnerTexts();
    const heights = await nav.getByRole("link").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().top));
    expect(new Set(heights).size, `${who}: one line`).toBe(1);
    // N3: participation is the advisors' setting.
    await expect(page.getByRole("heading", { name: "Participation aux conversations" })).toHaveCount(
      who === "adele" || who === "alice" ? 1 : 0,
    );
    await expect(page.getByRole("button", { name: "Ajout rapide" })).toHaveCount(
      who === "adele" || who === "alice" ? 1 : 0,
    );
    await ctx.close();
  }
  // The local mailbox link is the demo's (X8), whoever signs in.
  expect(seen.paul.filter((l) => l !== "Boîte locale")).toEqual(["Dossiers", "Notifications"]);
  expect(seen.pierre).toContain("Mes sollicitations");
  expect(seen.adele).not.toContain("Mes sollicitations");
  expect(seen.paul).not.toContain("Mes sollicitations");
});
