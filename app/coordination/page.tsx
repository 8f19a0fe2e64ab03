// T3, T5, A2: the coordinators' page: practitioners with name, email, title, active dossiers and
// pending transfers, never a dossier's content; "Gestion des dossiers" transfers one or all.
import { notFound } from "next/navigation";
import { CoordinationPanel } from "@/components/coordination/CoordinationPanel";
import { requireActor } from "@/server/auth/guard";
import { coordinationPage } from "@/server/domain/coordination/service";
import { t } from "@/server/i18n";

export default async function CoordinationPage() {
  const actor = await requireActor("/coordination");
  const page = await coordinationPage(actor);
  if (!page) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t(locale, "coordination.title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t(locale, "coordination.intro")}</p>
      </div>
      {page.organizations.map((o) => (
        <section key={o.id} aria-labelledby={`org-${o.id}`} className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id={`org-${o.id}`} className="text-lg font-semibold">
            {o.name}
          </h2>
          <CoordinationPanel practitioners={o.practitioners} locale={locale} />
        </section>
      ))}
    </div>
  );
}
