"use client";
// S8: the advisor side picks the dossier's template (its fields and statuses); the page reloads with it.
import { useId, useState } from "react";
import { applyTemplateAction } from "@/server/domain/template/actions";
import { t, type Locale } from "@/server/i18n";

export function TemplateChoice({
  dossierId,
  current,
  templates,
  locale,
}: {
  dossierId: string;
  current: string | null;
  templates: { id: string; name: string }[];
  locale: Locale;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(value: string) {
    setBusy(true);
    setError(null);
    const res = await applyTemplateAction({ dossierId, templateId: value || null });
    if (!res.ok) {
      setBusy(false);
      return setError(res.error.message);
    }
    window.location.reload();
  }

  return (
    <div className="flex min-w-0 flex-col gap-1 text-sm">
      <label htmlFor={`${id}-tpl`} className="font-medium">
        {t(locale, "template.apply")}
      </label>
      <select
        id={`${id}-tpl`}
        defaultValue={current ?? ""}
        disabled={busy}
        onChange={(e) => void change(e.target.value)}
        className="max-w-full rounded-md border border-slate-300 px-2 py-1.5"
      >
        <option value="">{t(locale, "template.builtIn")}</option>
        {templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
