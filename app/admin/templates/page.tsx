// S8, S12: admins design their organization's dossier templates (fields, partner view, statuses) and
// keep the directory of approved partners. Anyone else gets 404.
import { notFound } from "next/navigation";
import { DirectoryAdmin } from "@/components/partner/DirectoryAdmin";
import { TemplateDesigner, type TemplateDraft } from "@/components/template/TemplateDesigner";
import { requireActor } from "@/server/auth/guard";
import { partnerDirectory } from "@/server/domain/partner/directory";
import { adminOrganizations } from "@/server/domain/template/policy";
import { templatesOf } from "@/server/domain/template/service";
import { BUILT_IN_STATUSES } from "@/server/domain/template/statuses";
import { t } from "@/server/i18n";

export default async function AdminTemplatesPage() {
  const actor = await requireActor("/admin/templates");
  const organizations = await adminOrganizations(actor);
  if (organizations.length === 0) notFound();
  const locale = actor.locale;
  const blocks = await Promise.all(
    organizations.map(async (o) => ({
      org: o,
      templates: await templatesOf(o.id),
      directory: (await partnerDirectory(actor, o.id))!,
    })),
  );
  const empty: TemplateDraft = { id: null, name: "", fields: [], partnerView: {}, statuses: BUILT_IN_STATUSES };
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t(locale, "template.title")}</h1>
        <p className="text-sm text-slate-600">{t(locale, "template.intro")}</p>
      </div>
      {blocks.map(({ org, templates, directory }) => (
        <section key={org.id} className="space-y-4" aria-labelledby={`org-${org.id}`}>
          <h2 id={`org-${org.id}`} className="text-xl font-semibold">
            {org.name}
          </h2>
          {templates.length === 0 ? <p className="text-sm text-slate-600">{t(locale, "template.none")}</p> : null}
          {templates.map((tpl) => (
            <TemplateDesigner
              key={tpl.id}
              organizationId={org.id}
              locale={locale}
              draft={{
                id: tpl.id,
                name: tpl.name,
                fields: tpl.fields,
                partnerView: tpl.partnerView,
                statuses: tpl.statuses,
              }}
            />
          ))}
          <details className="rounded-xl border border-dashed border-slate-300 p-3">
            <summary className="cursor-pointer font-medium">{t(locale, "template.new")}</summary>
            <div className="mt-3">
              <TemplateDesigner organizationId={org.id} locale={locale} draft={empty} />
            </div>
          </details>
          <DirectoryAdmin organizationId={org.id} initial={directory} locale={locale} />
        </section>
      ))}
    </div>
  );
}
