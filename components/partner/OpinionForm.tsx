"use client";
// S4: the partner's Opinion tab: a text and an optional file, sent once; advisors see it arrive live.
import { FileInput } from "../ui/FileInput";
import { useId, useRef, useState, type FormEvent } from "react";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";
import { useDates } from "@/components/i18n/Dates";

export function OpinionForm({
  dossierId,
  solicitationId,
  locale,
  answeredAt,
  editable,
  opinion = true,
}: {
  dossierId: string;
  solicitationId: string;
  locale: Locale;
  answeredAt: string | null;
  editable: boolean;
  opinion?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentAt, setSentAt] = useState(answeredAt);
  const date = useDates(locale);
  const fileRef = useRef<HTMLInputElement>(null);

  if (sentAt)
    return (
      <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="opinion-sent">
        {/* S1, issue 16: a supplement or on-behalf entry is "done", not an opinion sent. */}
        {t(locale, opinion ? "partner.opinion.sent" : "partner.done.sent", {
          date: date(sentAt, "medium"),
        })}
      </p>
    );
  if (!editable) return <p className="text-sm text-slate-600">{t(locale, "partner.readOnly")}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("solicitationId", solicitationId);
      body.set("text", text);
      const file = fileRef.current?.files?.[0];
      if (file) body.set("file", file);
      const res = await fetch(`/partner/dossiers/${dossierId}/opinion`, { method: "POST", body });
      const json = (await res.json().catch(() => null)) as { ok: boolean; error?: { message: string } } | null;
      if (!json?.ok) return setError(json?.error?.message ?? t(locale, "doc.failed"));
      setSentAt(new Date().toISOString());
    } catch {
      setError(t(locale, "doc.failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="opinion-form">
      <label htmlFor={`${id}-text`} className="block text-sm font-medium">
        {t(locale, opinion ? "partner.opinion.text" : "partner.done.text")}
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={6}
        maxLength={10000}
        required
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <label htmlFor={`${id}-file`} className="block text-sm font-medium">
        {t(locale, "partner.opinion.file")}
      </label>
      <FileInput inputRef={fileRef} id={`${id}-file`} locale={locale} />
      <Button type="submit" disabled={busy || !text.trim()}>
        {busy
          ? t(locale, "partner.opinion.submitting")
          : t(locale, opinion ? "partner.opinion.submit" : "partner.done.submit")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
