"use client";
// T2: the dashboard's transfers to answer (Accepter / Refuser) and those waiting for someone else. The
// server tells the user's room "dashboard:changed" when one appears or goes: the list refreshes live.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { answerTransferAction, cancelTransferAction } from "@/server/domain/transfer/actions";
import type { PendingTransferView } from "@/server/domain/transfer/service";
import { t, type Locale } from "@/server/i18n";
import { useDates } from "../i18n/Dates";
import { useDashboardChanges } from "../realtime/dashboard";
import { Button } from "../ui/Button";

export function PendingTransfers({
  incoming,
  outgoing,
  locale,
}: {
  incoming: PendingTransferView[];
  outgoing: PendingTransferView[];
  locale: Locale;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Refreshed when a transfer appears or goes ("dashboard:changed"); not at every connection, which
  // would re-render the whole dashboard on each visit (the rows refresh themselves then).
  useDashboardChanges(() => router.refresh(), [router], { afterConnect: false });
  const date = useDates(locale);
  if (incoming.length === 0 && outgoing.length === 0) return null;
  const act = (fn: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) =>
    start(async () => {
      const res = await fn();
      if (!res.ok) setError(res.error.message);
      else {
        setError(null);
        router.refresh();
      }
    });
  return (
    <section
      aria-labelledby="transfers-title"
      className="rounded-xl border border-amber-300 bg-amber-50 p-4"
      data-testid="pending-transfers"
    >
      <h2 id="transfers-title" className="font-semibold">
        {t(locale, "transfer.dashboard.title")}
      </h2>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul className="mt-2 space-y-2">
        {incoming.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="incoming-transfer">
            <span className="grow">
              {t(locale, "transfer.dashboard.incoming", { title: p.title, from: p.fromName, by: p.byName })}{" "}
              <span className="text-slate-600">
                {t(locale, "transfer.dashboard.expires", { date: date(p.expiresAt, "medium") })}
              </span>
            </span>
            <Button
              disabled={pending}
              onClick={() => act(async () => answerTransferAction({ transferId: p.id, answer: "accept" }))}
            >
              {t(locale, "transfer.accept")}
            </Button>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => act(async () => answerTransferAction({ transferId: p.id, answer: "refuse" }))}
            >
              {t(locale, "transfer.refuse")}
            </Button>
          </li>
        ))}
        {outgoing.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="outgoing-transfer">
            <span className="grow">{t(locale, "transfer.dashboard.outgoing", { title: p.title, to: p.toName })}</span>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => act(async () => cancelTransferAction({ transferId: p.id }))}
            >
              {t(locale, "transfer.cancel")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
