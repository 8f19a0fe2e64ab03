"use client";
// "Nouvelle activité" (K3, K5, K8): time (minutes x hourly rate) or expense, for one active client or
// shared. Amounts are typed in euros and sent in cents; the server checks everything again.
import { useState, type FormEvent } from "react";
import { createActivityAction } from "@/server/domain/billing/actions";
import type { PartyView } from "@/server/domain/billing/service";
import { t, type Locale } from "@/server/i18n";
import { parseCents } from "@/server/i18n/money";
import { Button } from "../ui/Button";

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600";

export function ActivityForm({
  dossierId,
  clients,
  locale,
  fixedClientId,
  onDone,
}: {
  dossierId: string;
  clients: PartyView[];
  locale: Locale;
  /** From a contact card: the activity is for this client (K5). */
  fixedClientId?: string;
  onDone: () => void;
}) {
  const [kind, setKind] = useState<"time" | "expense">("time");
  const [description, setDescription] = useState("");
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [minutes, setMinutes] = useState("60");
  const [rate, setRate] = useState("150");
  const [amount, setAmount] = useState("");
  const [client, setClient] = useState(fixedClientId ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const base = { dossierId, description, date, clientPartyId: client || null };
    let payload: Record<string, unknown>;
    if (kind === "time") {
      const rateCents = parseCents(rate);
      if (rateCents === null) return setError(t(locale, "billing.error.amountInteger"));
      payload = { ...base, kind, durationMinutes: Number(minutes), hourlyRateCents: rateCents };
    } else {
      const cents = parseCents(amount);
      if (cents === null) return setError(t(locale, "billing.error.amountInteger"));
      payload = { ...base, kind, amountCents: cents };
    }
    setBusy(true);
    const res = await createActivityAction(payload);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setDescription("");
    onDone();
  }

  return (
    <form
      onSubmit={submit}
      className="mt-4 grid gap-3 rounded-lg bg-slate-50 p-3 sm:grid-cols-3"
      aria-label={t(locale, "billing.newActivity")}
    >
      <fieldset className="flex items-center gap-4 text-sm sm:col-span-3">
        <label>
          <input type="radio" checked={kind === "time"} onChange={() => setKind("time")} />{" "}
          {t(locale, "billing.kind.time")}
        </label>
        <label>
          <input type="radio" checked={kind === "expense"} onChange={() => setKind("expense")} />{" "}
          {t(locale, "billing.kind.expense")}
        </label>
      </fieldset>
      <label className="text-sm sm:col-span-2">
        {t(locale, "billing.description")}
        <input className={input} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="text-sm">
        {t(locale, "billing.date")}
        <input className={input} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {kind === "time" ? (
        <>
          <label className="text-sm">
            {t(locale, "billing.duration")}
            <input className={input} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </label>
          <label className="text-sm">
            {t(locale, "billing.hourlyRate")}
            <input className={input} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />
          </label>
        </>
      ) : (
        <label className="text-sm">
          {t(locale, "billing.amount")}
          <input className={input} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
      )}
      {!fixedClientId && (
        <label className="text-sm">
          {t(locale, "billing.forClient")}
          <select
            aria-label={t(locale, "billing.forClient")}
            className={input}
            value={client}
            onChange={(e) => setClient(e.target.value)}
          >
            <option value="">{t(locale, "billing.sharedOption")}</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.contact.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="sm:col-span-3">
        {error && (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" busy={busy}>
          {t(locale, "billing.create")}
        </Button>
      </div>
    </form>
  );
}
