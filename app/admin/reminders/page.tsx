// R3: the organization's reminder settings, for its admins; anyone else gets a 404.
import { notFound } from "next/navigation";
import { ReminderSettingsForm } from "@/components/reminder/ReminderSettingsForm";
import { requireActor } from "@/server/auth/guard";
import { reminderSettings } from "@/server/domain/reminder/service";
import { t } from "@/server/i18n";

export default async function AdminRemindersPage() {
  const actor = await requireActor("/admin/reminders");
  const res = await reminderSettings(actor);
  if (!res.ok) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t(locale, "reminder.admin.title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t(locale, "reminder.admin.intro")}</p>
      </div>
      {res.value.map((o) => (
        <section
          key={o.organizationId}
          aria-labelledby={`org-${o.organizationId}`}
          className="rounded-xl border border-slate-200 bg-white p-5"
        >
          <h2 id={`org-${o.organizationId}`} className="text-lg font-semibold">
            {o.name}
          </h2>
          <ReminderSettingsForm initial={o} locale={locale} />
        </section>
      ))}
    </div>
  );
}
