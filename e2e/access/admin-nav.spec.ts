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
    for (const p of pages) {
      await expect(nav.getByRole("link", { name: p.name, exact: true })).toHaveCount(allowed.includes(p.href) ? 1 : 0);
      const res = await ctx.request.get(p.href);
      expect(res.status(), `${who} ${p.href}`).toBe(allowed.includes(p.href) ? 200 : 404);
    }
    await ctx.close();
  });
}
