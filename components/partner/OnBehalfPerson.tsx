"use client";
// S9 (issue 16 item 1): the partner of an on-behalf entry names the person they enter the dossier for.
import { useId, useState, type FormEvent } from "react";
import { nameOnBehalfAction } from "@/server/domain/partner/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function OnBehalfPerson({
  dossierId,
  solicitationId,
  initial,
  editable,
  locale,
}: {
  dossierId: string;
  solicitationId: string;
  initial: { name: string; email: string } | null;
  editable: boolean;
  locale: Locale;
}) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [email, setEmail] = useState(initial?.email ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await nameOnBehalfAction({ dossierId, solicitationId, name, email });
      if (!res.ok) return setError(res.error.message);
      setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  if (!editable)
    return initial ? (
      <p className="text-sm" data-testid="on-behalf-person">
        {t(locale, "onBehalf.person")} : {initial.name}
      </p>
    ) : null;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm" data-testid="on-behalf-form">
      <label htmlFor={`${id}-name`} className="flex flex-col gap-1 font-medium">
        {t(locale, "onBehalf.personName")}
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          required
          className="rounded-md border border-slate-300 px-2 py-1.5 font-normal"
        />
      </label>
      <label htmlFor={`${id}-email`} className="flex flex-col gap-1 font-medium">
        {t(locale, "onBehalf.personEmail")}
        <input
          id={`${id}-email`}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          maxLength={320}
          required
          className="rounded-md border border-slate-300 px-2 py-1.5 font-normal"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={busy}>
        {t(locale, "onBehalf.save")}
      </Button>
      {saved ? (
        <p role="status" className="w-full text-emerald-800">
          {t(locale, "onBehalf.saved")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
