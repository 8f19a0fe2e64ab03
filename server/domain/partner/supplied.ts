// S5 (issue 16 item 5): what each partner supplied (their answers to the partner-only fields and their
// files), for their solicitation's card on the advisor side; the card shows it only where the answer
// may be read (S11).
import { db } from "../../db";
import { fieldsOf, partnerViewOf, valuesOf } from "../template/fields";

import type { Supplied } from "./events";

/** Per solicitation of the dossier: its filled partner-only fields and its files (none: absent). */
export async function suppliedAnswers(dossierId: string): Promise<Map<string, Supplied>> {
  const [dossier, solicitations] = await Promise.all([
    db().dossier.findUnique({
      where: { id: dossierId },
      select: { template: { select: { fields: true, partnerView: true } } },
    }),
    db().solicitation.findMany({
      where: { dossierId },
      select: {
        id: true,
        fieldValues: true,
        documents: {
          where: { visibleToUserId: null },
          orderBy: { createdAt: "asc" },
          take: 100,
          select: { id: true, originalName: true, size: true },
        },
      },
    }),
  ]);
  const view = partnerViewOf(dossier?.template?.partnerView);
  const partnerOnly = fieldsOf(dossier?.template?.fields).filter((f) => f.section === "partner" && view[f.key]);
  const out = new Map<string, Supplied>();
  for (const s of solicitations) {
    const values = valuesOf(s.fieldValues);
    const fields = partnerOnly
      .filter((f) => (values[f.key] ?? "") !== "")
      .map((f) => ({ key: f.key, label: f.label, value: values[f.key] }));
    const files = s.documents.map((d) => ({ id: d.id, name: d.originalName, size: d.size }));
    if (fields.length || files.length) out.set(s.id, { fields, files });
  }
  return out;
}
