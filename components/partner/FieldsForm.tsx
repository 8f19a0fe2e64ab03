"use client";
// S5, S8, S9, X2: the partner view's fields (the dossier's, or one solicitation's own answers); editable ones
// can be saved while the stage allows it.
import { useId, useState, type FormEvent } from "react";
import { savePartnerFieldsAction } from "@/server/domain/template/actions";
import type { PartnerField } from "@/server/domain/template/fields";
import { t, type Locale } from "@/server/i18n";
import { SaveBar } from "../ui/SaveBar";

export function FieldsForm({
  dossierId,
  solicitationId,
  fields,
  locale,
}: {
  dossierId: string;
  /** X2: the partner's own answers to partner-only fields; absent: the dossier's fields */
  solicitationId?: string;
  fields: PartnerField[];
  locale: Locale;
}) {
  const id = useId();
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.key, f.value])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const editable = fields.filter((f) => f.editable);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await savePartnerFieldsAction({
        dossierId,
        solicitationId,
        values: Object.fromEntries(editable.map((f) => [f.key, values[f.key] ?? ""])),
      });
      if (!res.ok) return setError(res.error.message);
      setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  if (fields.length === 0) return <p className="text-sm text-slate-600">{t(locale, "partner.view.noFields")}</p>;
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="partner-fields">
      <dl className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) => (
          <div key={f.key} className="flex flex-col gap-1 text-sm">
            {f.editable ? (
              <>
                <dt>
                  <label htmlFor={`${id}-${f.key}`} className="font-medium">
                    {f.label}
                  </label>
                </dt>
                <dd>
                  <input
                    id={`${id}-${f.key}`}
                    value={values[f.key] ?? ""}
                    onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                    maxLength={5000}
                    className="w-full rounded-md border border-slate-300 px-2 py-1.5"
                  />
                </dd>
              </>
            ) : (
              <>
                <dt className="font-medium">{f.label}</dt>
                <dd className="text-slate-800" data-testid={`field-${f.key}`}>
                  {f.value || "—"}
                </dd>
              </>
            )}
          </div>
        ))}
      </dl>
      <SaveBar editable={editable.length > 0} busy={busy} saved={saved} error={error} locale={locale} />
    </form>
  );
}
