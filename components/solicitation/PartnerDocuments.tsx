"use client";
// S7, X2: which of the dossier's documents partners see (every partner, or some), changed at any time;
// a partner's supplement is marked with who supplied it. Live (issue 16 item 11): an upload, a
// supplement or a change of what partners see refetches the list.
import { useState } from "react";
import { partnerDocumentsAction, setPartnerVisibilityAction } from "@/server/domain/document/actions";
import type { PartnerChoice, PartnerDocumentRow } from "@/server/domain/document/visibility";
import { t, type Locale } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { PartnerChooser, partnersOf, type PartnerPick } from "../document/PartnerChooser";
import { useDossierEvent } from "../realtime/DossierLive";

const REFETCH_ON = new Set(["document.uploaded", "partner.supplement_uploaded", "document.partner_visibility"]);

const pickOf = (d: PartnerDocumentRow): PartnerPick => ({
  visible: d.visibleToPartner,
  some: d.solicitationIds.length > 0,
  ids: d.solicitationIds,
});

export function PartnerDocuments({
  dossierId,
  initial,
  partners,
  locale,
}: {
  dossierId: string;
  initial: PartnerDocumentRow[];
  partners: PartnerChoice[];
  locale: Locale;
}) {
  const [docs, setDocs] = useState(initial);
  const [choices, setChoices] = useState(partners);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refetch = () =>
    void partnerDocumentsAction(dossierId).then((res) => {
      if (!res.ok) return;
      setDocs(res.value.documents);
      setChoices(res.value.partners);
    });
  useDossierEvent((e: DossierEventWire) => {
    if (REFETCH_ON.has(e.type) || e.type.startsWith("solicitation.")) refetch();
  });

  async function change(d: PartnerDocumentRow, pick: PartnerPick) {
    const shown = partnersOf(pick);
    // Shown at once, put back if the server refuses; "some" with none chosen yet waits for a choice.
    const next = { ...d, visibleToPartner: pick.visible, solicitationIds: pick.some ? pick.ids : [] };
    setDocs((list) => list.map((x) => (x.id === d.id ? next : x)));
    if (Array.isArray(shown) && shown.length === 0) return;
    setBusy(d.id);
    setError(null);
    try {
      const res = await setPartnerVisibilityAction({
        documentId: d.id,
        visible: pick.visible,
        solicitationIds: Array.isArray(shown) ? shown : null,
      });
      if (!res.ok) {
        setDocs((list) => list.map((x) => (x.id === d.id ? d : x)));
        setError(res.error.message);
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="partner-docs" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="partner-docs" className="text-lg font-semibold">
        {t(locale, "solicitation.documents")}
      </h2>
      {docs.length === 0 ? (
        <p className="text-sm text-slate-600">{t(locale, "solicitation.documentsEmpty")}</p>
      ) : (
        <ul className="space-y-3 text-sm" data-testid="partner-visibility">
          {docs.map((d) => (
            <li key={d.id} data-testid="partner-visibility-row" data-name={d.name}>
              <p className="font-medium">{d.name}</p>
              {d.suppliedBy ? (
                // S11, X2: a partner's supplement is theirs and the advisor side's, never shared further.
                <p className="text-xs text-slate-600" data-testid="supplied-by">
                  {t(locale, "doc.partner.suppliedBy", { name: d.suppliedBy.name })}
                </p>
              ) : (
                <PartnerChooser
                  choices={choices}
                  value={pickOf(d)}
                  onChange={(pick) => void change(d, pick)}
                  locale={locale}
                  label={t(locale, "solicitation.visibleToPartner", { name: d.name })}
                  busy={busy === d.id}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
