import { ConversationSettings } from "@/components/settings/ConversationSettings";
import { SignOutEverywhere } from "@/components/settings/SignOutEverywhere";
import { requireActor } from "@/server/auth/guard";
import { sessionLimits } from "@/server/domain/session/policy";
import { openSessionCount } from "@/server/domain/session/service";
import { getConversationSettings } from "@/server/domain/settings/service";
import { t } from "@/server/i18n";

export default async function ConversationSettingsPage() {
  const actor = await requireActor("/settings/conversations");
  const [settings, openSessions] = await Promise.all([getConversationSettings(actor), openSessionCount(actor)]);
  const limits = sessionLimits();
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">{t(actor.locale, "notify.settings.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t(actor.locale, "notify.settings.intro")}</p>
      <ConversationSettings
        initial={settings}
        locale={actor.locale}
        countLabels={Object.fromEntries(
          settings.organizations.map((o) => [
            o.id,
            t(actor.locale, "notify.settings.count", { count: o.dossiers.length }),
          ]),
        )}
      />
      <div className="mt-6">
        {/* X1 */}
        <SignOutEverywhere
          locale={actor.locale}
          openSessions={openSessions}
          idleMinutes={limits.idleMs / 60_000}
          lifetimeHours={limits.lifetimeMs / 3_600_000}
        />
      </div>
    </div>
  );
}
