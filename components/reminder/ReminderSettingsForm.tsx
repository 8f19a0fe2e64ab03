"use client";
// R3: an admin sets the organization's delay between reminders and whether they go to every
// applicant-side member. Saved on submit, with feedback.
import { useState, useTransition, type FormEvent } from "react";
import { updateReminderSettingsAction } from "@/server/domain/reminder/actions";
import type { OrganizationReminderSettings } from "@/server/domain/reminder/service";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function ReminderSettingsForm({ initial, locale }: { initial: OrganizationReminderSettings; locale: Locale }) {
  const [delay, setDelay] = useState(String(initial.delayDays));
  const [toAll, setToAll] = useState(initial.toAllApplicants);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const id = initial.organizationId;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const n = Number(delay);
    if (!Number.isInteger(n) || n < 7 || n > 365) return setError(t(locale, "reminder.admin.delayInvalid"));
    setError(null);
    startTransition(async () => {
      const res = await updateReminderSettingsAction({ organizationId: id, delayDays: n, toAllApplicants: toAll });
      if (!res.ok) return setError(res.error.message);
      setDelay(String(res.value.delayDays));
      setToAll(res.value.toAllApplicants);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4" data-testid={`reminder-settings-${id}`}>
      <div>
        <label htmlFor={`delay-${id}`} className="block text-sm font-medium text-slate-900">
          {t(locale, "reminder.admin.delay")}
        </label>
        <input
          id={`delay-${id}`}
          name="delayDays"
          type="number"
          inputMode="numeric"
          min={7}
          max={365}
          value={delay}
          onChange={(e) => {
            setDelay(e.target.value);
            setSaved(false);
          }}
          aria-describedby={`delay-hint-${id}${error ? ` delay-error-${id}` : ""}`}
          aria-invalid={error ? true : undefined}
          className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600"
        />
        <p id={`delay-hint-${id}`} className="mt-1 text-xs text-slate-600">
          {t(locale, "reminder.admin.delayHint")}
        </p>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={toAll}
          onChange={(e) => {
            setToAll(e.target.checked);
            setSaved(false);
          }}
        />
        {t(locale, "reminder.admin.toAll")}
      </label>
      {error ? (
        <p id={`delay-error-${id}`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-800">
          {t(locale, "reminder.admin.saved")}
        </p>
      ) : null}
      <Button type="submit" busy={pending}>
        {pending ? t(locale, "reminder.admin.saving") : t(locale, "reminder.admin.save")}
      </Button>
    </form>
  );
}
