import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireActor } from "@/server/auth/guard";
import { listDossiers } from "@/server/domain/dossier/service";
import { t } from "@/server/i18n";

export default async function DashboardPage() {
  const actor = await requireActor("/dashboard");
  const locale = actor.locale;
  const dossiers = await listDossiers(actor);
  const fmt = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t(locale, "dashboard.title")}</h1>
      <div className="mt-6">
        {dossiers.length === 0 ? (
          <EmptyState title={t(locale, "dashboard.empty")}>{t(locale, "dashboard.emptyHint")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
            {dossiers.map((d) => (
              <li key={d.id}>
                <a href={`/dossiers/${d.id}`} className="flex items-center gap-4 px-4 py-3 hover:bg-slate-50">
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-slate-900">{d.title}</span>
                    <span className="block text-sm text-slate-600">{d.organization.name}</span>
                  </span>
                  {d.pausedAt ? <Badge tone="warning">{t(locale, "dashboard.paused")}</Badge> : null}
                  <span className="text-sm text-slate-600">
                    <span className="sr-only">{t(locale, "dashboard.lastActivity")} </span>
                    {fmt.format(d.lastActivityAt)}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
