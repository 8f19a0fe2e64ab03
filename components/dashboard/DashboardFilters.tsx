// D2: the dashboard's filters, a plain GET form so a filtered view can be bookmarked and shared.
import type { DashboardFilters as Filters } from "@/server/domain/dashboard/schema";
import { t, type Locale } from "@/server/i18n";
import { buttonClass } from "../ui/Button";

export function DashboardFilters({
  filters,
  organizations,
  locale,
}: {
  filters: Filters;
  organizations: { id: string; name: string }[];
  locale: Locale;
}) {
  const box = (name: string, checked: boolean, label: string) => (
    <label className="flex items-center gap-2">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-4 w-4" />
      {label}
    </label>
  );
  return (
    <form
      method="get"
      action="/dashboard"
      aria-label={t(locale, "dashboard.filters")}
      className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm"
      data-testid="dashboard-filters"
    >
      <input type="hidden" name="f" value="1" />
      {box("recent", filters.recent, t(locale, "dashboard.filterRecent"))}
      {box("paused", filters.paused, t(locale, "dashboard.filterPaused"))}
      {box("mine", filters.mine, t(locale, "dashboard.filterMine"))}
      {organizations.length > 1 ? (
        <label className="flex items-center gap-2">
          {t(locale, "dashboard.filterOrganization")}
          <select
            name="org"
            defaultValue={filters.organizationId ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">{t(locale, "dashboard.allOrganizations")}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className={buttonClass("secondary")}>
        {t(locale, "dashboard.apply")}
      </button>
    </form>
  );
}
