// A5: the partner's view of a dossier: their own solicitations, partner-visible documents and fields,
// the Opinion form. Live through the partners' room only; a revocation or a hiding status cuts it.
import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { FieldsForm } from "@/components/partner/FieldsForm";
import { LiveRefresh } from "@/components/partner/LiveRefresh";
import { LiveStatus } from "@/components/partner/LiveStatus";
import { OnBehalfPerson } from "@/components/partner/OnBehalfPerson";
import { OpinionForm } from "@/components/partner/OpinionForm";
import { PartnerNameForm } from "@/components/partner/PartnerNameForm";
import { SupplementUpload } from "@/components/partner/SupplementUpload";
import { DossierLive } from "@/components/realtime/DossierLive";
import { scopeText } from "@/components/solicitation/describe";
import { requireActor } from "@/server/auth/guard";
import { needsName } from "@/server/domain/partner/name";
import { partnerView } from "@/server/domain/partner/service";
import { t, type MessageKey } from "@/server/i18n";
import { dateFormat, formatDay } from "@/server/i18n/format";

export default async function PartnerDossierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/partner/dossiers/${encodeURIComponent(id)}`);
  const view = await partnerView(actor, id);
  if (!view) notFound();
  const locale = actor.locale;
  const askName = await needsName(actor);
  const fmt = dateFormat(locale, "medium");
  return (
    <DossierLive dossierId={id} initialSeq={view.dossier.seq}>
      <div className="flex items-center justify-between gap-3">
        <a href="/partners" className="text-sm text-brand-700 hover:underline">
          ← {t(locale, "partner.list.title")}
        </a>
        <LiveStatus locale={locale} />
        <LiveRefresh />
      </div>
      {askName ? (
        <div className="mt-3">
          <PartnerNameForm locale={locale} />
        </div>
      ) : null}
      <div className="mt-2">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t(locale, "partner.view.title")}</p>
        <h1 className="text-2xl font-semibold">{view.dossier.title}</h1>
        <p className="text-sm text-slate-600">
          {view.dossier.organizationName}
          {view.dossier.statusLabel
            ? ` · ${t(locale, "partner.view.status", { status: view.dossier.statusLabel })}`
            : ""}
        </p>
      </div>
      <div className="mt-6 space-y-6">
        {view.solicitations.map((s) => (
          <section
            key={s.id}
            className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
            aria-labelledby={`sol-${s.id}`}
            data-testid="partner-solicitation"
          >
            <h2 id={`sol-${s.id}`} className="text-lg font-semibold">
              {t(locale, "common.colon", { label: t(locale, "partner.view.request") })}{" "}
              {t(locale, `solicitation.kind.${s.kind}` as MessageKey)} · {scopeText(locale, s.scope)}
            </h2>
            <p className="text-sm text-slate-600">
              {t(locale, "partner.view.askedBy", { name: s.askedBy })}
              {s.dueDate ? ` · ${t(locale, "solicitation.due", { date: formatDay(locale, s.dueDate) })}` : ""}
            </p>
            <div>
              <h3 className="text-sm font-medium">{t(locale, "partner.view.instructions")}</h3>
              <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800" data-testid="partner-instructions">
                {s.instructions || t(locale, "partner.view.noInstructions")}
              </p>
            </div>
            <div className="border-t border-slate-200 pt-3">
              <h3 className="mb-2 text-sm font-semibold">
                {t(locale, s.kind === "opinion" || s.kind === "both" ? "partner.opinion.tab" : "partner.done.tab")}
              </h3>
              <LabelledDates locale={locale} styles={["medium"]} of={[s.answeredAt]}>
                <OpinionForm
                  dossierId={id}
                  solicitationId={s.id}
                  locale={locale}
                  answeredAt={s.answeredAt}
                  editable={s.editable}
                  opinion={s.kind === "opinion" || s.kind === "both"}
                />
              </LabelledDates>
            </div>
            {s.kind === "on_behalf" ? (
              <div className="border-t border-slate-200 pt-3">
                <h3 className="mb-2 text-sm font-semibold">{t(locale, "onBehalf.person")}</h3>
                <OnBehalfPerson
                  dossierId={id}
                  solicitationId={s.id}
                  initial={s.onBehalf}
                  editable={s.editable}
                  locale={locale}
                />
              </div>
            ) : null}
            {s.fields.length ? (
              <div className="border-t border-slate-200 pt-3" data-testid="partner-answer-fields">
                <h3 className="mb-2 text-sm font-semibold">{t(locale, "partner.view.answerFields")}</h3>
                <FieldsForm dossierId={id} solicitationId={s.id} fields={s.fields} locale={locale} />
              </div>
            ) : null}
            {s.canUpload ? (
              <div className="border-t border-slate-200 pt-3">
                <h3 className="mb-2 text-sm font-semibold">{t(locale, "partner.view.supplementFiles")}</h3>
                <SupplementUpload dossierId={id} solicitationId={s.id} locale={locale} />
              </div>
            ) : null}
          </section>
        ))}
        <section
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
          aria-labelledby="partner-fields-heading"
        >
          <h2 id="partner-fields-heading" className="text-lg font-semibold">
            {t(locale, "partner.view.fields")}
          </h2>
          <FieldsForm dossierId={id} fields={view.fields} locale={locale} />
        </section>
        <section
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
          aria-labelledby="partner-docs-heading"
        >
          <h2 id="partner-docs-heading" className="text-lg font-semibold">
            {t(locale, "partner.view.documents")}
          </h2>
          {view.documents.length === 0 ? (
            <p className="text-sm text-slate-600">{t(locale, "partner.view.noDocuments")}</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="partner-documents">
              {view.documents.map((d) => (
                <li key={d.id}>
                  <a className="text-brand-700 underline" href={`/partner/dossiers/${id}/documents/${d.id}`}>
                    {d.name}
                  </a>{" "}
                  <span className="text-slate-600">{fmt.format(new Date(d.createdAt))}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </DossierLive>
  );
}
