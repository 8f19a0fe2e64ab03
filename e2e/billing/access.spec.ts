// Section 2's access matrix extended to billing (A1–A5): the Billing tab, proformas, invoices and their
// PDFs over HTTP, billing events over the socket, and the contact card, for every demo user.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, e2eDatabase, ECOLE } from "../fixtures/db";
import { socketFor } from "../fixtures/socket";

type Who = keyof typeof users;
// Billing: the dossier's advisors and the organization's staff and admin only.
const bills: Record<Who, boolean> = {
  adele: true, // advisor, holder
  arnaud: true, // advisor
  sam: true, // staff of Nord
  alice: true, // admin of Nord
  paul: false, // referent (applicant side, A4)
  marie: false, // applicant
  carla: false, // coordinator, not a member (A2)
  pierre: false, // partner (A5)
  sofia: false, // Cabinet Sud (A3)
};
// Contacts are Agence Nord's data: its members see the card (with only the dossiers they may bill).
const nordMembers: Who[] = ["adele", "arnaud", "sam", "alice", "carla"];

function billingIds() {
  const db = e2eDatabase();
  try {
    const proforma = db.prepare("SELECT id FROM Proforma LIMIT 1").get() as { id: string };
    const invoice = db.prepare("SELECT id FROM Invoice LIMIT 1").get() as { id: string };
    const contact = db.prepare("SELECT id FROM Contact WHERE name = 'Ville de Lille'").get() as { id: string };
    return { proforma: proforma.id, invoice: invoice.id, contact: contact.id };
  } finally {
    db.close();
  }
}

for (const [who, allowed] of Object.entries(bills) as [Who, boolean][]) {
  test(`A1, A4: ${who} ${allowed ? "sees" : "gets 404 on"} billing, over HTTP and the socket`, async ({
    browser,
    baseURL,
  }) => {
    const ctx = await browser.newContext();
    await signInAs(ctx, users[who]);
    const id = dossierIdByTitle(ECOLE);
    const ids = billingIds();
    for (const path of [
      `/dossiers/${id}/billing`,
      `/proformas/${ids.proforma}`,
      `/proformas/${ids.proforma}/pdf`,
      `/invoices/${ids.invoice}`,
      `/invoices/${ids.invoice}/pdf`,
    ]) {
      const res = await ctx.request.get(path);
      expect(res.status(), `${who} ${path}`).toBe(allowed ? 200 : 404);
    }
    const card = await ctx.request.get(`/contacts/${ids.contact}`);
    expect(card.status(), `${who} contact card`).toBe(nordMembers.includes(who) ? 200 : 404);
    // The organization's VAT rate: its admins only.
    expect((await ctx.request.get("/admin/billing")).status(), `${who} VAT`).toBe(who === "alice" ? 200 : 404);
    const list = await ctx.request.get("/contacts");
    expect(list.status(), `${who} contacts`).toBe(nordMembers.includes(who) || who === "sofia" ? 200 : 404);
    expect((await list.text()).includes("Ville de Lille"), `${who} contacts`).toBe(nordMembers.includes(who));

    const socket = await socketFor(ctx, baseURL!);
    try {
      const ack = await socket.emitWithAck("dossier:join", { dossierId: id, afterSeq: 0 });
      const types = ack.ok && "events" in ack && ack.events ? ack.events.map((e) => e.type) : [];
      // The seeded "Ville de Lille" client is a party.added event: the advisor side sees it, nobody else.
      expect(types.includes("party.added"), `${who} catch-up`).toBe(allowed);
    } finally {
      socket.close();
      await ctx.close();
    }
  });
}
