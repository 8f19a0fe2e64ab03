"use client";
// "Répartition clients" (K4): shared activities split equally among the active clients, or by
// percentages that add up to 100. Inactive clients are not listed.
import { useState, type FormEvent } from "react";
import { setAllocationAction } from "@/server/domain/billing/actions";
import type { PartyView } from "@/server/domain/billing/service";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

const input = "w-24 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-brand-600";

export function AllocationForm({
  dossierId,
  clients,
  locale,
  onDone,
}: {
  dossierId: string;
  clients: PartyView[];
  locale: Locale;
  onDone: () => void;
}) {
  const initialPercents = clients.every((c) => c.allocationPercent !== null);
  const [mode, setMode] = useState<"equal" | "percent">(initialPercents ? "percent" : "equal");
  const [percents, setPercents] = useState<Record<string, string>>(() =>
    Object.fromEntries(clients.map((c) => [c.id, String(c.allocationPercent ?? "")])),
  );
  const [error, setError] = useState<string | null>(null);
  const sum = clients.reduce((s, c) => s + (Number(percents[c.id]) || 0), 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await setAllocationAction({
      dossierId,
      percents: mode === "equal" ? null : clients.map((c) => ({ partyId: c.id, percent: Number(percents[c.id]) })),
    });
    if (!res.ok) return setError(res.error.message);
    onDone();
  }

  return (
    <form
      onSubmit={submit}
      className="mt-4 rounded-lg bg-slate-50 p-3 text-sm"
      aria-label={t(locale, "billing.allocation")}
    >
      <fieldset className="flex gap-4">
        <label>
          <input type="radio" checked={mode === "equal"} onChange={() => setMode("equal")} />{" "}
          {t(locale, "billing.equalSplit")}
        </label>
        <label>
          <input type="radio" checked={mode === "percent"} onChange={() => setMode("percent")} />{" "}
          {t(locale, "billing.percentSplit")}
        </label>
      </fieldset>
      <ul className="mt-3 space-y-2" data-testid="allocation-clients">
        {clients.map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-4">
            <span>{c.contact.name}</span>
            {mode === "percent" ? (
              <label className="flex items-center gap-1">
                <span className="sr-only">
                  {t(locale, "billing.percent")} {c.contact.name}
                </span>
                <input
                  className={input}
                  inputMode="numeric"
                  value={percents[c.id] ?? ""}
                  onChange={(e) => setPercents({ ...percents, [c.id]: e.target.value })}
                />
                %
              </label>
            ) : (
              <span className="text-slate-600">{Math.round((100 / clients.length) * 100) / 100} %</span>
            )}
          </li>
        ))}
      </ul>
      {mode === "percent" && (
        <p className={`mt-2 ${sum === 100 ? "text-slate-600" : "text-amber-800"}`}>
          {t(locale, "billing.sumIs", { sum })}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" className="mt-3">
        {t(locale, "billing.save")}
      </Button>
    </form>
  );
}
