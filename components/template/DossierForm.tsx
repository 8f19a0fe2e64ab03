"use client";
// S8 (issue 16 item 4), S9: the dossier's form. Each side edits its own fields and reads the others'
// it may see; a save by anyone refetches the form for every viewer. An on-behalf entry says for whom
// and by whom it was made.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { OnBehalfEntry } from "@/server/domain/partner/on-behalf";
import { dossierFormAction, saveDossierFieldsAction } from "@/server/domain/template/actions";
import type { FormField } from "@/server/domain/template/form";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { Badge } from "../ui/Badge";
import { SaveBar } from "../ui/SaveBar";
import { EmptyState } from "../ui/EmptyState";

export function DossierForm({
  dossierId,
  initial,
  onBehalf,
  locale,
}: {
  dossierId: string;
  initial: FormField[];
  onBehalf: OnBehalfEntry | null;
  locale: Locale;
}) {
  const id = useId();
  const [fields, setFields] = useState(initial);
  // What the user is typing, kept across a refetch: a colleague's save never wipes it.
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const router = useRouter();
  useDossierEvent((e: DossierEventWire) => {
    // S9: the line naming an on-behalf entry is read on the server.
    if (e.type === "partner.on_behalf_named") router.refresh();
    if (e.type === "dossier.fields_changed")
      void dossierFormAction(dossierId).then((res) => res.ok && setFields(res.value));
  });

  const editable = fields.filter((f) => f.editable);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const values = Object.fromEntries(editable.filter((f) => f.key in draft).map((f) => [f.key, draft[f.key]]));
    if (Object.keys(values).length === 0) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await saveDossierFieldsAction({ dossierId, values });
      if (!res.ok) return setError(res.error.message);
      setFields((list) => list.map((f) => (f.key in values ? { ...f, value: values[f.key] } : f)));
      setDraft({});
      setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t(locale, "form.heading")}
      </h2>
      {onBehalf ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="on-behalf">
          {t(locale, "form.onBehalf", { person: onBehalf.personName, partner: onBehalf.partnerName })}
        </p>
      ) : null}
      {fields.length === 0 ? (
        <EmptyState title={t(locale, "form.empty")} />
      ) : (
        <form onSubmit={submit} className="space-y-3" data-testid="dossier-form">
          <dl className="grid gap-3 sm:grid-cols-2">
            {fields.map((f) => (
              <div key={f.key} className="flex flex-col gap-1 text-sm">
                {f.editable ? (
                  <label htmlFor={`${id}-${f.key}`} className="flex items-center gap-2 font-medium">
                    {f.label}
                    <Badge tone="neutral">{t(locale, `template.section.${f.section}` as MessageKey)}</Badge>
                  </label>
                ) : (
                  <dt className="flex items-center gap-2 font-medium">
                    {f.label}
                    <Badge tone="neutral">{t(locale, `template.section.${f.section}` as MessageKey)}</Badge>
                  </dt>
                )}
                {f.editable ? (
                  <input
                    id={`${id}-${f.key}`}
                    value={draft[f.key] ?? f.value}
                    onChange={(e) => {
                      setSaved(false);
                      setDraft((d) => ({ ...d, [f.key]: e.target.value }));
                    }}
                    maxLength={5000}
                    className="rounded-md border border-slate-300 px-2 py-1.5"
                    data-testid={`form-input-${f.key}`}
                  />
                ) : (
                  <dd className="whitespace-pre-wrap text-slate-800" data-testid={`form-value-${f.key}`}>
                    {f.value || "—"}
                  </dd>
                )}
              </div>
            ))}
          </dl>
          <SaveBar editable={editable.length > 0} busy={busy} saved={saved} error={error} locale={locale} />
        </form>
      )}
    </section>
  );
}
