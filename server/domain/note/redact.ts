// T7 at read time (and T4 for invoices): an event is written once, but what it names may become private
// later. A document marked confidential after its upload, or left behind by a transfer, still has its
// name in the old `document.uploaded` event; an invoice that stayed with the sender of a transfer still
// has its number in `invoice.issued`. Every reader of stored events (socket and partner catch-up,
// timeline, digest emails) passes them through here with the viewer: the item's current restriction
// decides, not the one it had when the event was written.
import { db, type Db, type Tx } from "../../db";
import { billingHoldersVisibleTo } from "../billing/policy";

type Loose = Record<string, unknown>;
type Stored = { type: string; payload: unknown };

const idOf = (v: unknown): string | null => {
  const id = v && typeof v === "object" ? (v as Loose).id : null;
  return typeof id === "string" ? id : null;
};

function documentIds(p: Loose): { own: string | null; reco: string | null } {
  const reco = p.recommendation && typeof p.recommendation === "object" ? (p.recommendation as Loose) : null;
  return { own: idOf(p.document), reco: reco ? idOf(reco.document) : null };
}

function billingIds(p: Loose): { invoices: string[]; proformas: string[] } {
  const invoices: string[] = [];
  if (typeof p.invoiceId === "string") invoices.push(p.invoiceId);
  if (Array.isArray(p.invoices))
    for (const i of p.invoices) {
      const id = i && typeof i === "object" ? (i as Loose).invoiceId : null;
      if (typeof id === "string") invoices.push(id);
    }
  const proformas = typeof p.proformaId === "string" ? [p.proformaId] : [];
  return { invoices, proformas };
}

/**
 * The events a viewer may read, as that viewer may read them now: an event about a document restricted
 * to someone else is left out; a recommendation's file restricted to someone else shows as no file;
 * an event about an invoice or proforma that is not the viewer's to see (T4) is left out.
 * `viewerId` null is a partner or a system reader: every restricted item is hidden.
 */
export async function redactEvents<E extends Stored>(
  viewerId: string | null,
  dossierId: string,
  events: E[],
  client: Db | Tx = db(),
): Promise<E[]> {
  const docs = new Set<string>();
  const invoices = new Set<string>();
  const proformas = new Set<string>();
  for (const e of events) {
    const p = asLoose(e.payload);
    const d = documentIds(p);
    if (d.own) docs.add(d.own);
    if (d.reco) docs.add(d.reco);
    const b = billingIds(p);
    b.invoices.forEach((i) => invoices.add(i));
    b.proformas.forEach((i) => proformas.add(i));
  }
  const hiddenDocs = new Set<string>();
  if (docs.size) {
    const rows = await client.document.findMany({
      where: { id: { in: [...docs] }, dossierId, NOT: { visibleToUserId: null } },
      select: { id: true, visibleToUserId: true },
    });
    for (const r of rows) if (r.visibleToUserId !== viewerId) hiddenDocs.add(r.id);
  }
  const hiddenBilling = await hiddenBillingOf(client, viewerId, dossierId, invoices, proformas);
  const out: E[] = [];
  for (const e of events) {
    const p = asLoose(e.payload);
    const d = documentIds(p);
    if (d.own && hiddenDocs.has(d.own)) continue;
    const b = billingIds(p);
    if ([...b.invoices, ...b.proformas].some((id) => hiddenBilling.has(id))) continue;
    if (d.reco && hiddenDocs.has(d.reco)) {
      const reco = { ...(p.recommendation as Loose), document: null };
      out.push({ ...e, payload: { ...p, recommendation: reco } });
      continue;
    }
    out.push(e);
  }
  return out;
}

function asLoose(payload: unknown): Loose {
  if (typeof payload === "string") {
    try {
      return JSON.parse(payload) as Loose;
    } catch {
      return {};
    }
  }
  return payload && typeof payload === "object" ? (payload as Loose) : {};
}

/**
 * T4: invoices and proformas belong to the practitioner who held the dossier when they were made
 * (holderId). Another viewer sees them only while that practitioner still holds the dossier; staff
 * see them all. The ids of the given ones this viewer may not see.
 */
async function hiddenBillingOf(
  client: Db | Tx,
  viewerId: string | null,
  dossierId: string,
  invoices: Set<string>,
  proformas: Set<string>,
): Promise<Set<string>> {
  const hidden = new Set<string>();
  if (invoices.size === 0 && proformas.size === 0) return hidden;
  const [inv, pro] = await Promise.all([
    invoices.size
      ? client.invoice.findMany({
          where: { id: { in: [...invoices] }, dossierId },
          select: { id: true, holderId: true },
        })
      : [],
    proformas.size
      ? client.proforma.findMany({
          where: { id: { in: [...proformas] }, dossierId },
          select: { id: true, holderId: true },
        })
      : [],
  ]);
  const visible = await billingHoldersVisibleTo(viewerId, dossierId, client);
  for (const r of [...inv, ...pro]) if (!visible(r.holderId)) hidden.add(r.id);
  return hidden;
}
