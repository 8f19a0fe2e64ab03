"use client";
// An organization's VAT rate, typed as a percentage (up to two decimals) and sent in basis points.
// Issue 17: the server writes the rate's first text, so hydrating makes no NumberFormat.
import { useId, useState, type FormEvent } from "react";
import { setVatRateAction } from "@/server/domain/billing/actions";
import { t, type Locale } from "@/server/i18n";
import { parseCents } from "@/server/i18n/money";
import { Button } from "../ui/Button";

export function VatRateForm({
  organizationId,
  rate,
  locale,
}: {
  organizationId: string;
  /** the rate as a percentage in the user's language ("5,5"), as the server wrote it */
  rate: string;
  locale: Locale;
}) {
  const id = useId();
  const [value, setValue] = useState(rate);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // A percentage with two decimals is a whole number of basis points, as cents are of euros.
    const bp = parseCents(value);
    if (bp === null) return setMessage({ ok: false, text: t(locale, "billing.error.vatRate") });
    const res = await setVatRateAction({ organizationId, rateBasisPoints: bp });
    setMessage(res.ok ? { ok: true, text: t(locale, "billing.saved") } : { ok: false, text: res.error.message });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm">
      <div>
        <label htmlFor={id} className="block">
          {t(locale, "billing.vatRate")}
        </label>
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-28 rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <Button type="submit">{t(locale, "billing.save")}</Button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700" : "text-red-700"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
