import { AttachForm } from "@/components/partner/AttachForm";
import { PartnerNameForm } from "@/components/partner/PartnerNameForm";
import { requireActor } from "@/server/auth/guard";
import { needsName } from "@/server/domain/partner/name";
import { t } from "@/server/i18n";

export default async function AttachPage() {
  const actor = await requireActor("/partners/attach");
  // X7 (issue 16): a partner who signed in by link is asked their name before they attach.
  const askName = await needsName(actor);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <a href="/partners" className="text-sm text-brand-700 hover:underline">
        ← {t(actor.locale, "partner.list.title")}
      </a>
      <h1 className="text-2xl font-semibold">{t(actor.locale, "partner.attach.title")}</h1>
      {askName ? <PartnerNameForm locale={actor.locale} /> : null}
      <p className="text-sm text-slate-600">{t(actor.locale, "partner.attach.intro")}</p>
      <AttachForm locale={actor.locale} />
    </div>
  );
}
