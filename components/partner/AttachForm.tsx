"use client";
// S2: "Attach a dossier": the partner types the key received by email; success opens the dossier.
import { useId, useState, type FormEvent } from "react";
import { attachAction } from "@/server/domain/solicitation/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function AttachForm({ locale }: { locale: Locale }) {
  const id = useId();
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await attachAction({ key });
      if (!res.ok) return setError(res.error.message);
      window.location.assign(`/partner/dossiers/${res.value.dossierId}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="attach-form"
    >
      <label htmlFor={`${id}-key`} className="block text-sm font-medium">
        {t(locale, "partner.attach.key")}
      </label>
      <input
        id={`${id}-key`}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        required
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <Button type="submit" disabled={busy || !key.trim()}>
        {busy ? t(locale, "partner.attach.submitting") : t(locale, "partner.attach.submit")}
      </Button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
