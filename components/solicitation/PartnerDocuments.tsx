"use client";
// S7: which of the dossier's documents partners see; the flag can be changed at any time.
import { useState } from "react";
import { setPartnerVisibilityAction } from "@/server/domain/document/actions";
import { t, type Locale } from "@/server/i18n";

export function PartnerDocuments({
  initial,
  locale,
}: {
  initial: { id: string; name: string; visibleToPartner: boolean }[];
  locale: Locale;
}) {
  const [docs, setDocs] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setFlag = (id: string, visible: boolean) =>
    setDocs((list) => list.map((d) => (d.id === id ? { ...d, visibleToPartner: visible } : d)));

  async function toggle(id: string, visible: boolean) {
    // Shown at once, put back if the server refuses.
    setFlag(id, visible);
    setBusy(id);
    setError(null);
    try {
      const res = await setPartnerVisibilityAction({ documentId: id, visible });
      if (!res.ok) {
        setFlag(id, !visible);
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
        <ul className="space-y-1 text-sm" data-testid="partner-visibility">
          {docs.map((d) => (
            <li key={d.id}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={d.visibleToPartner}
                  disabled={busy === d.id}
                  onChange={(e) => void toggle(d.id, e.target.checked)}
                  aria-label={t(locale, "solicitation.visibleToPartner", { name: d.name })}
                />
                {d.name}
              </label>
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
