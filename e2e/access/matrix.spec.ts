// Section 2's access matrix over HTTP and over the socket, for every kind of user of the demo data:
// each may open the dossier and join its live channel where the table says so, and gets 404 (page) or
// not_found (socket) elsewhere (A1, A2, A3).
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE, MEDIATHEQUE } from "../fixtures/db";
import { socketFor } from "../fixtures/socket";

type Who = keyof typeof users;
// Who may open "Rénovation de l'école Jules Ferry" (Agence Nord): its members, and Nord's staff and admin.
const ecole: Record<Who, boolean> = {
  paul: true, // referent
  marie: true, // applicant
  adele: true, // advisor, holder
  arnaud: true, // advisor
  sam: true, // staff of Nord
  alice: true, // admin of Nord
  carla: false, // coordinator, not a member: never dossier content (A2)
  pierre: false, // partner on this dossier (seeded solicitation): partner view only (A5), never the members' page
  sofia: false, // Cabinet Sud's staff (A3)
};

for (const [who, allowed] of Object.entries(ecole) as [Who, boolean][]) {
  test(`A1: ${who} ${allowed ? "opens" : "gets 404 on"} the Nord dossier, over HTTP and the socket`, async ({
    browser,
    baseURL,
  }) => {
    const ctx = await browser.newContext();
    await signInAs(ctx, users[who]);
    const id = dossierIdByTitle(ECOLE);
    const page = await ctx.newPage();
    const res = await page.goto(`/dossiers/${id}`);
    expect(res?.status()).toBe(allowed ? 200 : 404);
    if (allowed) {
      await expect(page.getByRole("heading", { name: ECOLE })).toBeVisible();
      // A4: the advisors' Partners tab is not offered to the applicant side.
      const applicantSide = who === "paul" || who === "marie";
      await expect(page.getByRole("link", { name: "Partenaires", exact: true })).toHaveCount(applicantSide ? 0 : 1);
    } else await expect(page.getByText(ECOLE)).toHaveCount(0);

    const dashboard = await ctx.request.get("/dashboard", { maxRedirects: 0 });
    // Issue 16: a partner has no dashboard: they are sent to "Mes sollicitations" (their own list, A5).
    if (who === "pierre") expect(dashboard.headers().location).toMatch(/\/partners$/);
    else expect((await dashboard.text()).includes("Jules Ferry")).toBe(allowed);

    const socket = await socketFor(ctx, baseURL!);
    try {
      const ack = await socket.emitWithAck("dossier:join", { dossierId: id, afterSeq: 0 });
      if (allowed) expect(ack.ok).toBe(true);
      // A5: a partner's socket joins the partners' room only, and its catch-up holds no members' event.
      else if (who === "pierre") expect(ack).toMatchObject({ ok: true, events: [] });
      else expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
      const send = await socket.emitWithAck("message:send", {
        dossierId: id,
        clientId: `matrix-${who}-${Date.now()}`,
        body: `accès ${who}`,
      });
      // Section 2: everyone who may open the dossier may post; nobody else.
      expect(send.ok).toBe(allowed);
    } finally {
      socket.close();
      await ctx.close();
    }
  });
}

test("A3: no Nord user opens Cabinet Sud's dossier; Sofia does", async ({ browser }) => {
  const id = dossierIdByTitle(MEDIATHEQUE);
  for (const who of Object.keys(users) as Who[]) {
    const ctx = await browser.newContext();
    await signInAs(ctx, users[who]);
    const res = await ctx.request.get(`/dossiers/${id}`);
    expect(res.status(), who).toBe(who === "sofia" ? 200 : 404);
    await ctx.close();
  }
});
