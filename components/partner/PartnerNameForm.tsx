"use client";
// X7 (issue 16): asked once, on the partner's pages, when they have no name yet: advisors then see this
// name instead of the start of an email address.
import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { setOwnNameAction } from "@/server/domain/partner/name-actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function PartnerNameForm({ locale }: { locale: Locale }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await setOwnNameAction({ name });
      if (!res.ok) return setError(res.error.message);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      className="space-y-2 rounded-xl border border-brand-200 bg-brand-50 p-4"
      data-testid="partner-name-form"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {t(locale, "partner.name.title")}
      </h2>
      <p className="text-sm text-slate-700">{t(locale, "partner.name.intro")}</p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span>{t(locale, "partner.name.label")}</span>
          <input
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            autoComplete="name"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </label>
        <Button type="submit" disabled={busy || !name.trim()}>
          {busy ? t(locale, "partner.name.saving") : t(locale, "partner.name.save")}
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
