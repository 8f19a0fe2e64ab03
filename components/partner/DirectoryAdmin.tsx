"use client";
// S12, S6: the organization's approved external partners, the restriction to them, and the automatic
// reminder delays (admins only).
import { useId, useState, type FormEvent } from "react";
import {
  addApprovedPartnerAction,
  removeApprovedPartnerAction,
  savePartnerSettingsAction,
} from "@/server/domain/partner/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

type Directory = {
  directoryOnly: boolean;
  daysBefore: number;
  daysAfter: number;
  partners: { id: string; email: string; name: string | null }[];
};

export function DirectoryAdmin({
  organizationId,
  initial,
  locale,
}: {
  organizationId: string;
  initial: Directory;
  locale: Locale;
}) {
  const id = useId();
  const [dir, setDir] = useState(initial);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";

  async function saveSettings(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await savePartnerSettingsAction({
        organizationId,
        directoryOnly: dir.directoryOnly,
        daysBefore: dir.daysBefore,
        daysAfter: dir.daysAfter,
      });
      if (!res.ok) return setError(res.error.message);
      setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await addApprovedPartnerAction({ organizationId, email, name });
    if (!res.ok) return setError(res.error.message);
    setDir((d) => ({
      ...d,
      partners: [
        ...d.partners,
        { id: res.value.id, email: email.trim().toLowerCase(), name: name.trim() || null },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    }));
    setEmail("");
    setName("");
  }

  async function remove(approvedPartnerId: string) {
    setError(null);
    const res = await removeApprovedPartnerAction({ organizationId, approvedPartnerId });
    if (!res.ok) return setError(res.error.message);
    setDir((d) => ({ ...d, partners: d.partners.filter((p) => p.id !== approvedPartnerId) }));
  }

  return (
    <section
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
      aria-labelledby={`${id}-h`}
      data-testid="partner-directory"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t(locale, "directory.title")}
      </h2>
      <form onSubmit={saveSettings} className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={dir.directoryOnly}
            onChange={(e) => setDir((d) => ({ ...d, directoryOnly: e.target.checked }))}
          />
          {t(locale, "directory.only")}
        </label>
        <label className="flex flex-col gap-1">
          <span>{t(locale, "directory.daysBefore")}</span>
          <input
            type="number"
            min={0}
            max={60}
            className={`${input} w-20`}
            value={dir.daysBefore}
            onChange={(e) => setDir((d) => ({ ...d, daysBefore: Number(e.target.value) }))}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t(locale, "directory.daysAfter")}</span>
          <input
            type="number"
            min={0}
            max={60}
            className={`${input} w-20`}
            value={dir.daysAfter}
            onChange={(e) => setDir((d) => ({ ...d, daysAfter: Number(e.target.value) }))}
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? t(locale, "template.saving") : t(locale, "directory.saveSettings")}
        </Button>
        {saved ? (
          <span role="status" className="text-emerald-800">
            {t(locale, "directory.saved")}
          </span>
        ) : null}
      </form>
      {dir.partners.length === 0 ? (
        <p className="text-sm text-slate-600">{t(locale, "directory.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="approved-partners">
          {dir.partners.map((p) => (
            <li key={p.id} className="flex items-center gap-3 py-1">
              <span className="flex-1">
                {p.name ? `${p.name} · ` : ""}
                {p.email}
              </span>
              <Button
                type="button"
                variant="ghost"
                onClick={() => void remove(p.id)}
                aria-label={t(locale, "directory.remove", { email: p.email })}
              >
                {t(locale, "template.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span>{t(locale, "directory.email")}</span>
          <input
            type="email"
            required
            maxLength={320}
            className={input}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t(locale, "directory.name")}</span>
          <input maxLength={120} className={input} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <Button type="submit" variant="secondary">
          {t(locale, "directory.add")}
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
