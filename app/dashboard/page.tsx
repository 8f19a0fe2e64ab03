import { AutoPauseStatus } from "@/components/pause/AutoPauseStatus";
import { DashboardFilters } from "@/components/dashboard/DashboardFilters";
import { DashboardLive } from "@/components/dashboard/DashboardLive";
import { buttonClass } from "@/components/ui/Button";
import { requireActor } from "@/server/auth/guard";
import { dashboardKind, dashboardOrganizations, dashboardRows } from "@/server/domain/dashboard/service";
import { filtersFromSearchParams } from "@/server/domain/dashboard/schema";
import { staffOrganizationIds } from "@/server/domain/pause/policy";
import { lastAutoPauseRun } from "@/server/domain/pause/service";
import { t } from "@/server/i18n";

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor("/dashboard");
  const locale = actor.locale;
  const sp = await searchParams;
  // D1, D2: advisors and staff get filters (recent activity on by default); applicants their plain list.
  const full = (await dashboardKind(actor)) === "advisor";
  const filters = full ? filtersFromSearchParams(sp) : { recent: false, paused: false, mine: false };
  const [rows, organizations, staffOf] = await Promise.all([
    dashboardRows(actor, filters),
    full ? dashboardOrganizations(actor) : [],
    full ? staffOrganizationIds(actor) : [],
  ]);
  const isStaff = staffOf.length > 0;
  const autoPause = isStaff ? await lastAutoPauseRun(actor) : null;
  const filtered = full && (filters.paused || filters.mine || Boolean(filters.organizationId) || filters.recent);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t(locale, "dashboard.title")}</h1>
        {full ? (
          <a href="/dossiers/new" className={buttonClass("primary")}>
            {t(locale, "membership.newDossier")}
          </a>
        ) : null}
      </div>
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
  );
}
