// The PDF of a proforma holds its lines and totals, as text a reader (and a search) finds.
import { describe, expect, it } from "vitest";
import { renderBillingPdf } from "./billing";
import { pdfText } from "./text";

describe("billing PDF", () => {
  it("K8: the PDF's text holds every client's totals and the document's total, in cents exactly", async () => {
    const pdf = await renderBillingPdf(
      {
        title: "Proforma",
        subtitle: ["Dossier : Succession Martin"],
        organizationName: "Agence Nord",
        vatRateBasisPoints: 2000,
        clients: [
          {
            partyId: "a",
            clientName: "Client A",
            clientAddress: "1 rue de la Paix",
            lines: [{ activityId: "x", description: "Rendez-vous", date: "2026-11-21", amountCents: 123456 }],
            subtotalCents: 123456,
            vatCents: 24691,
            totalCents: 148147,
          },
        ],
        totals: { subtotalCents: 123456, vatCents: 24691, totalCents: 148147 },
      },
      "fr",
      false,
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Client A");
    expect(text).toContain("Rendez-vous");
    expect(text).toContain("1 234,56 €");
    expect(text).toContain("246,91 €");
    expect(text).toContain("1 481,47 €");
    expect(text).toContain("TVA (20 %)");
    expect(text).toContain("Total TTC");
  });
});
