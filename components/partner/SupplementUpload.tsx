"use client";
// S5, X2: the partner adds a document for one of their solicitations; only they and the advisor side see it.
import { useRouter } from "next/navigation";
import { FileInput } from "../ui/FileInput";
import { useId, useRef, useState, type FormEvent } from "react";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function SupplementUpload({
  dossierId,
  solicitationId,
  locale,
}: {
  dossierId: string;
  solicitationId: string;
  locale: Locale;
}) {
  const id = useId();
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(t(locale, "doc.missing"));
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("solicitationId", solicitationId);
      const res = await fetch(`/partner/dossiers/${dossierId}/documents`, { method: "POST", body });
      const json = (await res.json().catch(() => null)) as { ok: boolean; error?: { message: string } } | null;
      if (!json?.ok) return setError(json?.error?.message ?? t(locale, "doc.failed"));
      if (fileRef.current) fileRef.current.value = "";
      router.refresh();
    } catch {
      setError(t(locale, "doc.failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm" data-testid="supplement-upload">
      <label htmlFor={`${id}-file`} className="font-medium">
        {t(locale, "doc.file")}
      </label>
      <FileInput inputRef={fileRef} id={`${id}-file`} locale={locale} />
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? t(locale, "partner.opinion.submitting") : t(locale, "doc.upload")}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
