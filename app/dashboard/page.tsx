import { AutoPauseStatus } from "@/components/pause/AutoPauseStatus";
import { DashboardFilters } from "@/components/dashboard/DashboardFilters";
import { DashboardLive } from "@/components/dashboard/DashboardLive";
import { LabelledDates } from "@/components/i18n/LabelledDates";
import { PendingTransfers } from "@/components/transfer/PendingTransfers";
import { buttonClass } from "@/components/ui/Button";
import { redirect } from "next/navigation";
import { requireActor } from "@/server/auth/guard";
import { landsOnPartnerList } from "@/server/domain/partner/landing";
import { dashboardKind, dashboardPage } from "@/server/domain/dashboard/service";
import { filtersFromSearchParams } from "@/server/domain/dashboard/schema";
import { lastAutoPauseRun } from "@/server/domain/pause/service";
import { pendingTransfersFor } from "@/server/domain/transfer/service";
import { t } from "@/server/i18n";

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor("/dashboard");
  // Issue 16: a partner (and nothing else) has no dashboard: their list is "Mes sollicitations".
  if (await landsOnPartnerList(actor)) redirect("/partners");
  const locale = actor.locale;
  const sp = await searchParams;
  // D1, D2: advisors and staff get filters (recent activity on by default); applicants their plain list.
  const full = (await dashboardKind(actor)) === "advisor";
  const filters = full ? filtersFromSearchParams(sp) : { recent: false, paused: false, mine: false };
  const [{ rows, organizations, staffOf }, transfers] = await Promise.all([
    dashboardPage(actor, filters, full),
    // T2: a recipient is not a member yet, so the transfers to answer show whatever the dashboard kind.
    pendingTransfersFor(actor),
  ]);
  const isStaff = staffOf.length > 0;
  const autoPause = isStaff ? await lastAutoPauseRun(actor, new Date(), staffOf) : null;
  const filtered = full && (filters.paused || filters.mine || Boolean(filters.organizationId) || filters.recent);
  return (
    <LabelledDates locale={locale} styles={["medium"]} of={[rows, transfers]}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{t(locale, "dashboard.title")}</h1>
          {full ? (
            <a href="/dossiers/new" className={buttonClass("primary")}>
              {t(locale, "membership.newDossier")}
            </a>
          ) : null}
        </div>
        <PendingTransfers incoming={transfers.incoming} outgoing={transfers.outgoing} locale={locale} />
        {autoPause?.ok ? <AutoPauseStatus run={autoPause.value} locale={locale} /> : null}
        {full ? <DashboardFilters filters={filters} organizations={organizations} locale={locale} /> : null}
        <DashboardLive
          initialRows={rows}
          filters={filters}
          locale={locale}
          full={full}
          canBulkPause={isStaff}
          filtered={filtered}
        />
      </div>
    </LabelledDates>
  );
}
