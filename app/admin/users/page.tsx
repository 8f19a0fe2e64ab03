// T1, X1: the organization's users for its admins (role, title, active dossiers, actions) and the audit
// list; anyone else gets a 404.
import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { UsersAdmin } from "@/components/users/UsersAdmin";
import { requireActor } from "@/server/auth/guard";
import { usersPage } from "@/server/domain/users/service";
import { t } from "@/server/i18n";

export default async function AdminUsersPage() {
  const actor = await requireActor("/admin/users");
  const page = await usersPage(actor);
  if (!page) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t(locale, "users.title")}</h1>
      {page.organizations.map((o) => (
        <section key={o.id} aria-labelledby={`org-${o.id}`} className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id={`org-${o.id}`} className="text-lg font-semibold">
            {o.name}
          </h2>
          <LabelledDates locale={locale} styles={["medium"]} of={[o.users, o.audit]}>
            <UsersAdmin organizationId={o.id} users={o.users} audit={o.audit} me={actor.userId} locale={locale} />
          </LabelledDates>
        </section>
      ))}
    </div>
  );
}
