"use client";
// The dossier's activities (issue 12, item 3): filters by status, client and advisor, totals of what is
// shown, and the bulk move to another dossier (K6: "Actions groupées › Transférer vers un autre dossier").
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { moveActivitiesAction } from "@/server/domain/billing/actions";
import type { BillingView } from "@/server/domain/billing/service";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { useAmounts, useDays } from "@/components/i18n/Dates";
import { activityAmount, activityTotals } from "./totals";
import { Button } from "../ui/Button";

const select = "rounded-md border border-slate-300 px-2 py-1 text-sm";

export function ActivityList({ billing, locale }: { billing: BillingView; locale: Locale }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [client, setClient] = useState("");
  const [advisor, setAdvisor] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);

  const names = new Map(billing.parties.map((p) => [p.id, p.contact.name]));
  const clients = billing.parties.filter((p) => p.role === "client");
  const advisors = [...new Map(billing.activities.map((a) => [a.advisor.id, a.advisor.name]))];
  const shown = useMemo(
    () =>
      billing.activities.filter(
        (a) =>
          (!status || a.status === status) &&
          (!advisor || a.advisor.id === advisor) &&
          (!client || a.allocations.some((al) => al.partyId === client)),
      ),
    [billing.activities, status, advisor, client],
  );
  // With a client filter, the total is that client's share; otherwise the activities' amounts.
  const amountOf = (a: (typeof shown)[number]) => activityAmount(a, client);
  const { total, unbilled } = activityTotals(shown, client);
  const day = useDays(locale);
  const cents = useAmounts(locale);
  const movable = [...selected].filter((id) => shown.some((a) => a.id === id));

  async function move() {
    setError(null);
    const res = await moveActivitiesAction({
      sourceDossierId: billing.dossierId,
      targetDossierId: target,
      activityIds: movable,
    });
    if (!res.ok) return setError(res.error.message);
    setSelected(new Set());
    router.refresh();
  }

  return (
    <div className="mt-4">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          {t(locale, "billing.filter.status")}{" "}
          <select
            aria-label={t(locale, "billing.filter.status")}
            className={select}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">{t(locale, "billing.filter.all")}</option>
            {(["unbilled", "proforma", "billed"] as const).map((s) => (
              <option key={s} value={s}>
                {t(locale, `billing.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, "billing.filter.client")}{" "}
          <select
            aria-label={t(locale, "billing.filter.client")}
            className={select}
            value={client}
            onChange={(e) => setClient(e.target.value)}
          >
            <option value="">{t(locale, "billing.filter.all")}</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.contact.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, "billing.filter.advisor")}{" "}
          <select
            aria-label={t(locale, "billing.filter.advisor")}
            className={select}
            value={advisor}
            onChange={(e) => setAdvisor(e.target.value)}
          >
            <option value="">{t(locale, "billing.filter.all")}</option>
            {advisors.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>

      {shown.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t(locale, "billing.noActivities")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="activity-table">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th className="py-2 pr-2">
                  <span className="sr-only">{t(locale, "billing.bulk")}</span>
                </th>
                <th className="py-2 pr-2">{t(locale, "billing.col.date")}</th>
                <th className="py-2 pr-2">{t(locale, "billing.col.description")}</th>
                <th className="py-2 pr-2">{t(locale, "billing.col.kind")}</th>
                <th className="py-2 pr-2">{t(locale, "billing.col.client")}</th>
                <th className="py-2 pr-2">{t(locale, "billing.col.advisor")}</th>
                <th className="py-2 pr-2">{t(locale, "billing.col.status")}</th>
                <th className="py-2 text-right">{t(locale, "billing.col.amount")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((a) => (
                <tr key={a.id} data-testid={`activity-${a.id}`}>
                  <td className="py-2 pr-2">
                    <input
                      type="checkbox"
                      aria-label={a.description}
                      disabled={a.status !== "unbilled"}
                      checked={selected.has(a.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(a.id);
                        else next.delete(a.id);
                        setSelected(next);
                      }}
                    />
                  </td>
                  <td className="py-2 pr-2 whitespace-nowrap">{day(a.date)}</td>
                  <td className="py-2 pr-2">{a.description}</td>
                  <td className="py-2 pr-2">
                    {t(locale, `billing.kind.${a.kind}` as MessageKey)}
                    {a.durationMinutes !== null && ` · ${a.durationMinutes} min`}
                  </td>
                  <td className="py-2 pr-2">
                    {a.clientPartyId ? (names.get(a.clientPartyId) ?? "?") : t(locale, "billing.shared")}
                  </td>
                  <td className="py-2 pr-2">{a.advisor.name}</td>
                  <td className="py-2 pr-2">{t(locale, `billing.status.${a.status}` as MessageKey)}</td>
                  <td className="py-2 text-right whitespace-nowrap">{cents(amountOf(a))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 font-medium">
              <tr>
                <td colSpan={7} className="py-2 text-right">
                  {t(locale, "billing.totalUnbilled")}
                </td>
                <td className="py-2 text-right whitespace-nowrap" data-testid="total-unbilled">
                  {cents(unbilled)}
                </td>
              </tr>
              <tr>
                <td colSpan={7} className="py-2 text-right">
                  {t(locale, "billing.total")}
                </td>
                <td className="py-2 text-right whitespace-nowrap" data-testid="total-all">
                  {cents(total)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      {movable.length > 0 && (
        <div className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 p-3 text-sm">
          <span className="font-medium">
            {t(locale, "billing.bulk")} › {t(locale, "billing.moveTo")}
          </span>
          <span>{t(locale, "billing.selected", { n: movable.length })}</span>
          <label>
            <span className="sr-only">{t(locale, "billing.chooseDossier")}</span>
            <select
              aria-label={t(locale, "billing.chooseDossier")}
              className={select}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">{t(locale, "billing.chooseDossier")}</option>
              {billing.moveTargets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" disabled={!target} onClick={move}>
            {t(locale, "billing.move")}
          </Button>
          {error && (
            <p role="alert" className="w-full text-red-700">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
