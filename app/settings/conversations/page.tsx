import { ConversationSettings } from "@/components/settings/ConversationSettings";
import { requireActor } from "@/server/auth/guard";
import { getConversationSettings } from "@/server/domain/settings/service";
import { t } from "@/server/i18n";

export default async function ConversationSettingsPage() {
  const actor = await requireActor("/settings/conversations");
  const settings = await getConversationSettings(actor);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">{t(actor.locale, "notify.settings.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t(actor.locale, "notify.settings.intro")}</p>
      <ConversationSettings initial={settings} locale={actor.locale} />
    </div>
  );
}
