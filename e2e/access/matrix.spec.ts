// Section 2's access matrix over HTTP and over the socket, for every kind of user of the demo data:
// each may open the dossier and join its live channel where the table says so, and gets 404 (page) or
// not_found (socket) elsewhere (A1, A2, A3).
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE, MEDIATHEQUE } from "../fixtures/db";
import { socketFor } from "../fixtures/socket";
import { createDossierAsAdvisor } from "../membership/helpers";

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

// A2: a coordinator who is not a member of a dossier gets 404 on it everywhere: every tab, a download,
// an upload, the search, and not_found on the socket (join, send, read).
test("A2: Carla (coordinator, not a member) gets 404 on every page, download and action of a dossier, and not_found on its socket", async ({
  browser,
  baseURL,
}) => {
  const ctx = await browser.newContext();
  await signInAs(ctx, users.carla);
  const id = dossierIdByTitle(ECOLE);
  const doc = seededDocument();
  for (const tab of ["", "/notes", "/timeline", "/documents", "/recommendations", "/members", "/settings", "/billing"])
    expect((await ctx.request.get(`/dossiers/${id}${tab}`)).status(), tab || "conversation").toBe(404);
  expect((await ctx.request.get(`/api/dossiers/${doc.dossierId}/documents/${doc.id}`)).status()).toBe(404);
  const upload = await ctx.request.post(`/api/dossiers/${id}/documents`, {
    multipart: { file: { name: "coord.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") } },
  });
  expect(upload.status()).toBe(404);
  const found = await ctx.request.get(`/search?q=${encodeURIComponent("Jules Ferry")}`);
  expect(await found.text()).not.toContain(`/dossiers/${id}`);
  const socket = await socketFor(ctx, baseURL!);
  try {
    for (const dossierId of [id, doc.dossierId])
      expect(await socket.emitWithAck("dossier:join", { dossierId, afterSeq: 0 })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    const send = await socket.emitWithAck("message:send", {
      dossierId: id,
      clientId: `coord-${Date.now()}`,
      body: "x",
    });
    expect(send.ok).toBe(false);
    expect(await socket.emitWithAck("dossier:read", { dossierId: id, seq: 1 })).toMatchObject({ ok: false });
  } finally {
    socket.close();
  }
  // The control: the holder downloads the same document.
  const adele = await browser.newContext();
  await signInAs(adele, users.adele);
  expect((await adele.request.get(`/api/dossiers/${doc.dossierId}/documents/${doc.id}`)).status()).toBe(200);
  await adele.close();
  await ctx.close();
});

function seededDocument(): { id: string; dossierId: string } {
  const db = e2eDatabase();
  try {
    return db.prepare("SELECT id, dossierId FROM Document WHERE originalName = ?").get("releves-thermiques.csv") as {
      id: string;
      dossierId: string;
    };
  } finally {
    db.close();
  }
}

// T4: after a transfer, the sender who kept a read-only copy opens the dossier as it was (banner, no
// later message, writes refused, no live event); the sender who kept none gets 404 and not_found.
for (const keep of [true, false]) {
  test(`T4, A3: a sender who kept ${keep ? "a read-only copy" : "no copy"}, over HTTP and the socket`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const adeleCtx = await browser.newContext();
    const arnaudCtx = await browser.newContext();
    const paulCtx = await browser.newContext();
    await signInAs(adeleCtx, users.adele);
    await signInAs(arnaudCtx, users.arnaud);
    await signInAs(paulCtx, users.paul);
    const title = `Matrice cession ${keep ? "avec" : "sans"} copie ${Date.now()}`;
    const adele = await adeleCtx.newPage();
    const id = await createDossierAsAdvisor(adele, title, { referent: users.paul });
    const paulSocket = await socketFor(paulCtx, baseURL!);
    const say = (body: string) =>
      paulSocket.emitWithAck("message:send", { dossierId: id, clientId: `m-${Date.now()}-${body.length}`, body });
    expect((await say("Message avant la cession")).ok).toBe(true);

    await adele.goto(`/dossiers/${id}/settings`);
    await adele.getByRole("button", { name: "Transférer le dossier" }).click();
    const dialog = adele.getByTestId("transfer-dialog");
    await dialog.getByLabel("Destinataire").selectOption({ label: "Arnaud Conseil (Conseiller énergie)" });
    if (keep) await dialog.getByLabel("Garder une copie en lecture seule").check();
    await dialog.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(adele.getByTestId("transfer-pending")).toBeVisible();
    const arnaud = await arnaudCtx.newPage();
    await arnaud.goto("/dashboard");
    const request = arnaud.getByTestId("incoming-transfer").filter({ hasText: title });
    await request.getByRole("button", { name: "Accepter" }).click();
    await expect(request).toHaveCount(0);

    const adeleSocket = await socketFor(adeleCtx, baseURL!);
    try {
      const ack = await adeleSocket.emitWithAck("dossier:join", { dossierId: id, afterSeq: 0 });
      expect((await say("Message après la cession")).ok).toBe(true);
      const page = await adeleCtx.newPage();
      const res = await page.goto(`/dossiers/${id}`);
      if (keep) {
        expect(ack.ok).toBe(true);
        expect(res?.status()).toBe(200);
        await expect(page.getByTestId("read-only-banner")).toBeVisible();
        await expect(page.getByText("Message avant la cession")).toBeVisible();
        await expect(page.getByText("Message après la cession")).toHaveCount(0);
        for (const tab of ["/timeline", "/documents", "/recommendations", "/notes"])
          expect((await adeleCtx.request.get(`/dossiers/${id}${tab}`)).status(), tab).toBe(200);
        for (const tab of ["/partners", "/billing"])
          expect((await adeleCtx.request.get(`/dossiers/${id}${tab}`)).status(), tab).toBe(404);
        // A re-join catches up to the transfer only.
        const again = await adeleSocket.emitWithAck("dossier:join", { dossierId: id, afterSeq: 0 });
        expect(JSON.stringify(again)).toContain("Message avant la cession");
        expect(JSON.stringify(again)).not.toContain("Message après la cession");
      } else {
        expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
        expect(res?.status()).toBe(404);
        for (const tab of ["/timeline", "/documents", "/notes"])
          expect((await adeleCtx.request.get(`/dossiers/${id}${tab}`)).status(), tab).toBe(404);
      }
      // Every write is refused, with or without a copy.
      const send = await adeleSocket.emitWithAck("message:send", {
        dossierId: id,
        clientId: `s-${Date.now()}`,
        body: "x",
      });
      expect(send.ok).toBe(false);
      const upload = await adeleCtx.request.post(`/api/dossiers/${id}/documents`, {
        multipart: {
          file: { name: "apres.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") },
        },
      });
      // The copy is told it is read-only (it may see the dossier); without one, 404.
      expect(upload.status()).toBe(keep ? 409 : 404);
      // The recipient opens it, with both messages.
      const mine = await arnaudCtx.newPage();
      await mine.goto(`/dossiers/${id}`);
      await expect(mine.getByText("Message après la cession")).toBeVisible();
    } finally {
      adeleSocket.close();
      paulSocket.close();
      await adeleCtx.close();
      await arnaudCtx.close();
      await paulCtx.close();
    }
  });
}
