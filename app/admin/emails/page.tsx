// N6: staff see their organization's email deliveries that failed after the last try (with the error)
// and those still waiting. Anyone else gets a 404.
import { deliverySubject } from "@/server/email/render";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireActor } from "@/server/auth/guard";
import { cancellationReason, deliveriesForStaff, type DeliveryRow } from "@/server/domain/outbox/service";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { dateFormat } from "@/server/i18n/format";

const KINDS = ["transactional", "notification", "digest", "reminder"];

export default async function AdminEmailsPage() {
  const actor = await requireActor("/admin/emails");
  const res = await deliveriesForStaff(actor);
  if (!res.ok) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t(locale, "outbox.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(locale, "outbox.intro")}</p>
      </div>
      <DeliveryTable
        id="failed"
        title={t(locale, "outbox.failed")}
        empty={t(locale, "outbox.emptyFailed")}
        rows={res.value.failed}
        locale={locale}
        failed
      />
      <DeliveryTable
        id="pending"
        title={t(locale, "outbox.pending")}
        empty={t(locale, "outbox.emptyPending")}
        rows={res.value.pending}
        locale={locale}
      />
      <DeliveryTable
        id="cancelled"
        title={t(locale, "outbox.cancelled")}
        empty={t(locale, "outbox.emptyCancelled")}
        rows={res.value.cancelled}
        locale={locale}
        cancelled
      />
    </div>
  );
}

function DeliveryTable({
  id,
  title,
  empty,
  rows,
  locale,
  failed = false,
  cancelled = false,
}: {
  id: string;
  title: string;
  empty: string;
  rows: DeliveryRow[];
  locale: Locale;
  failed?: boolean;
  cancelled?: boolean;
}) {
  const fmt = dateFormat(locale, "short");
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`deliveries-${id}`}>
      <h2 id={`${id}-title`} className="flex items-center gap-2 text-lg font-semibold">
        {title} <Badge tone={failed && rows.length > 0 ? "warning" : "neutral"}>{rows.length}</Badge>
      </h2>
      {rows.length === 0 ? (
        <div className="mt-3">
          <EmptyState title={empty} />
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, "outbox.col.to")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, "outbox.col.subject")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, "outbox.col.kind")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, "outbox.col.attempts")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, cancelled ? "outbox.col.reason" : "outbox.col.error")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t(locale, failed || cancelled ? "outbox.col.created" : "outbox.col.next")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="delivery">
                  <td className="px-3 py-2 break-all">{d.toEmail}</td>
                  <td className="px-3 py-2">
                    {d.dossierId ? (
                      <a className="text-brand-700 underline" href={`/dossiers/${encodeURIComponent(d.dossierId)}`}>
                        {deliverySubject(d)}
                      </a>
                    ) : (
                      deliverySubject(d)
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {KINDS.includes(d.kind) ? t(locale, `outbox.kind.${d.kind}` as MessageKey) : d.kind}
                  </td>
                  <td className="px-3 py-2">{d.attempts}</td>
                  {cancelled ? (
                    <td className="px-3 py-2 break-words text-slate-700" data-testid="delivery-reason">
                      {reasonText(locale, d.lastError)}
                    </td>
                  ) : (
                    <td className="px-3 py-2 break-words text-red-800" data-testid="delivery-error">
                      {d.lastError ?? "—"}
                    </td>
                  )}
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={failed || cancelled ? d.createdAt : d.nextAttemptAt}>
                      {fmt.format(new Date(failed || cancelled ? d.createdAt : d.nextAttemptAt))}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const REASONS = ["read", "paused", "never", "unsubscribed", "digest", "no_access", "not_digest_frequency"];

function reasonText(locale: Locale, lastError: string | null): string {
  const reason = cancellationReason(lastError);
  return reason && REASONS.includes(reason) ? t(locale, `outbox.reason.${reason}` as MessageKey) : (lastError ?? "—");
}
