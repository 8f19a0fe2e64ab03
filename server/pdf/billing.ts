// Proformas and invoices as PDF (issue 12, item 8), drawn with pdfkit from the same views as the pages.
// Built-in Helvetica only (no font files to ship); text is WinAnsi, so the narrow spaces Intl puts in
// French amounts become plain spaces.
import PDFDocument from "pdfkit";
import { formatCents, formatRate } from "../i18n/money";
import type { ClientSection, InvoiceView, ProformaView } from "../domain/billing/service";
import { t, type Locale } from "../i18n";
import { dateFormat, formatDay } from "../i18n/format";

export type BillingDocument = {
  title: string;
  subtitle: string[];
  organizationName: string;
  vatRateBasisPoints: number;
  clients: ClientSection[];
  /** the whole document's totals, shown when it has more than one client */
  totals: { subtotalCents: number; vatCents: number; totalCents: number } | null;
};

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

export function renderBillingPdf(doc: BillingDocument, locale: Locale, compress = true): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margin: 50, compress, info: { Title: doc.title } });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const money = (cents: number) => plain(formatCents(locale, cents));
  const date = (iso: string) => formatDay(locale, iso, "longDate");
  const left = 50;
  const right = 545;

  pdf.font("Helvetica-Bold").fontSize(16).text(plain(doc.organizationName));
  pdf.moveDown(0.5).fontSize(14).text(plain(doc.title));
  pdf.font("Helvetica").fontSize(10);
  for (const line of doc.subtitle) pdf.text(plain(line));

  const row = (label: string, amount: string, bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").text(label, left, y, { width: 380 });
    const after = pdf.y;
    pdf.text(amount, 430, y, { width: right - 430, align: "right" });
    pdf.y = Math.max(after, pdf.y);
  };

  for (const client of doc.clients) {
    pdf.moveDown(1.2).font("Helvetica-Bold").fontSize(12).text(plain(client.clientName), left);
    pdf.font("Helvetica").fontSize(10);
    if (client.clientAddress) pdf.text(plain(client.clientAddress));
    pdf.moveDown(0.5);
    for (const l of client.lines) row(plain(`${date(l.date)} - ${l.description}`), money(l.amountCents));
    pdf.moveDown(0.3);
    pdf.moveTo(left, pdf.y).lineTo(right, pdf.y).strokeColor("#999999").stroke();
    pdf.moveDown(0.3);
    row(t(locale, "billing.subtotal"), money(client.subtotalCents));
    row(plain(t(locale, "billing.vat", { rate: formatRate(locale, doc.vatRateBasisPoints) })), money(client.vatCents));
    row(t(locale, "billing.totalTtc"), money(client.totalCents), true);
  }
  if (doc.totals) {
    pdf.moveDown(1.2).font("Helvetica-Bold").fontSize(12).text(t(locale, "billing.grandTotal"), left);
    pdf.fontSize(10);
    row(t(locale, "billing.subtotal"), money(doc.totals.subtotalCents));
    row(
      plain(t(locale, "billing.vat", { rate: formatRate(locale, doc.vatRateBasisPoints) })),
      money(doc.totals.vatCents),
    );
    row(t(locale, "billing.totalTtc"), money(doc.totals.totalCents), true);
  }
  pdf.end();
  return done;
}

const day = (locale: Locale, iso: string) => dateFormat(locale, "longDate").format(new Date(iso));

export function proformaDocument(p: ProformaView, locale: Locale): BillingDocument {
  return {
    title: t(locale, "billing.proformaTitle"),
    subtitle: [
      `${t(locale, "common.colon", { label: t(locale, "billing.dossier") })} ${p.dossierTitle}`,
      day(locale, p.createdAt),
    ],
    organizationName: p.organizationName,
    vatRateBasisPoints: p.vatRateBasisPoints,
    clients: p.clients,
    totals: p.clients.length > 1 ? p : null,
  };
}

export function invoiceDocument(i: InvoiceView, locale: Locale): BillingDocument {
  const subtitle = [
    `${t(locale, "common.colon", { label: t(locale, "billing.dossier") })} ${i.dossierTitle}`,
    t(locale, "billing.issuedOn", { date: day(locale, i.issuedAt) }),
  ];
  if (i.creditOf) subtitle.push(t(locale, "billing.creditOf", { number: i.creditOf.number }));
  if (i.creditNote) subtitle.push(t(locale, "billing.cancelledBy", { number: i.creditNote.number }));
  return {
    title: t(locale, i.kind === "credit_note" ? "billing.creditNote" : "billing.invoice", { number: i.number }),
    subtitle,
    organizationName: i.organizationName,
    vatRateBasisPoints: i.vatRateBasisPoints,
    clients: [i.client],
    totals: null,
  };
}
