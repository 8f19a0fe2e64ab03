import { Badge } from "@/components/ui/Badge";
import { buttonClass } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { scopeText } from "@/components/solicitation/describe";
import { PartnerNameForm } from "@/components/partner/PartnerNameForm";
import { requireActor } from "@/server/auth/guard";
import { needsName } from "@/server/domain/partner/name";
import { partnerSolicitations } from "@/server/domain/partner/service";
import { t, type MessageKey } from "@/server/i18n";
import { formatDay } from "@/server/i18n/format";

export default async function PartnerListPage() {
  const actor = await requireActor("/partners");
  const locale = actor.locale;
  const [rows, askName] = await Promise.all([partnerSolicitations(actor), needsName(actor)]);
  return (
    <div className="space-y-4">
      {askName ? <PartnerNameForm locale={locale} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t(locale, "partner.list.title")}</h1>
        <a href="/partners/attach" className={buttonClass("primary")}>
          {t(locale, "partner.attach.title")}
        </a>
      </div>
      <p className="text-sm text-slate-600">{t(locale, "partner.list.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t(locale, "partner.list.empty")}>{t(locale, "partner.list.emptyHint")}</EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
          data-testid="partner-rows"
        >
          {rows.map((r) => {
            const label = (
              <span className="min-w-0 flex-1">
                <span className="block font-medium text-slate-900">{r.title}</span>
                <span className="block text-sm text-slate-600">
                  {r.organizationName} · {t(locale, `solicitation.kind.${r.kind}` as MessageKey)} ·{" "}
                  {scopeText(locale, r.scope)}
                  {r.dueDate ? ` · ${t(locale, "solicitation.due", { date: formatDay(locale, r.dueDate) })}` : ""}
                </span>
              </span>
            );
            // S10: a revoked solicitation stays as one line: answered or withdrawn, without a link.
            const status = r.revokedAt
              ? r.answeredAt
                ? "partner.list.answered"
                : "partner.list.withdrawn"
              : r.answeredAt
                ? "partner.list.answered"
                : r.open
                  ? null
                  : "partner.list.closed";
            return (
              <li
                key={r.id}
                className="flex items-center gap-3 px-4 py-3"
                data-testid="partner-row"
                data-state={r.state}
              >
                {r.open ? (
                  <a
                    href={`/partner/dossiers/${r.dossierId}`}
                    className="flex min-w-0 flex-1 items-center gap-3 hover:underline"
                  >
                    {label}
                  </a>
                ) : (
                  label
                )}
                {status ? (
                  <Badge tone={r.answeredAt ? "success" : "neutral"}>{t(locale, status as MessageKey)}</Badge>
                ) : (
                  <Badge tone="brand">{t(locale, `solicitation.state.${r.state}` as MessageKey)}</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
