"use client";
// S3: the advisor side moves the dossier's workflow status; each option says what partners get.
import { useId, useState, type FormEvent } from "react";
import { changeWorkflowStatusAction } from "@/server/domain/template/actions";
import type { WorkflowStatus } from "@/server/domain/template/statuses";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function StatusControl({
  dossierId,
  current,
  statuses,
  locale,
}: {
  dossierId: string;
  current: string;
  statuses: WorkflowStatus[];
  locale: Locale;
}) {
  const id = useId();
  const [value, setValue] = useState(current);
  const [saved, setSaved] = useState(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const describe = (s: WorkflowStatus) =>
    `${s.label} (${t(locale, !s.partnerVisible ? "solicitation.statusHidden" : s.partnerEditable ? "solicitation.statusEditable" : "solicitation.statusReadOnly")})`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await changeWorkflowStatusAction({ dossierId, status: value });
      if (!res.ok) return setError(res.error.message);
      setSaved(value);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="flex min-w-0 flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      data-testid="status-control"
    >
      <label htmlFor={`${id}-status`} className="flex min-w-0 max-w-full flex-col gap-1">
        <span className="font-medium">{t(locale, "solicitation.status")}</span>
        <select
          id={`${id}-status`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="max-w-full rounded-md border border-slate-300 px-2 py-1.5"
        >
          {statuses.map((s) => (
            <option key={s.key} value={s.key}>
              {describe(s)}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={busy || value === saved}>
        {busy ? t(locale, "solicitation.statusSaving") : t(locale, "solicitation.statusSave")}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
