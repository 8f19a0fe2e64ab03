import { notFound } from "next/navigation";
import { Conversation } from "@/components/conversation/Conversation";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { requireActor } from "@/server/auth/guard";
import { getDossierPage } from "@/server/domain/dossier/service";
import { t, type MessageKey } from "@/server/i18n";

export default async function DossierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}`);
  const page = await getDossierPage(actor, id);
  if (!page) notFound();
  const { dossier, messages, access } = page;
  const locale = actor.locale;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0">
        <a href="/dashboard" className="text-sm text-brand-700 hover:underline">← {t(locale, "dossier.back")}</a>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{dossier.title}</h1>
          {dossier.pausedAt ? <Badge tone="warning">{t(locale, "dossier.paused")}</Badge> : null}
        </div>
        <p className="text-sm text-slate-600">{dossier.organization.name}</p>
        <section aria-labelledby="conversation-title" className="mt-6">
          <h2 id="conversation-title" className="sr-only">{t(locale, "dossier.conversation")}</h2>
          <Conversation dossierId={dossier.id} initialSeq={access.seq} initialMessages={messages} me={{ userId: actor.userId, name: actor.name }} locale={locale} />
        </section>
      </div>
      <aside aria-labelledby="members-title" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="members-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t(locale, "dossier.members")}</h2>
        <ul className="mt-3 space-y-3">
          {dossier.members.map((m) => (
            <li key={m.user.id} className="flex items-center gap-3">
              <Avatar name={m.user.name ?? m.user.email} size="sm" />
              <span className="min-w-0">
                <span className="block text-sm font-medium">{m.user.name ?? m.user.email}</span>
                <span className="block text-xs text-slate-600">{t(locale, (m.holder ? "role.holder" : `role.${m.role}`) as MessageKey)}</span>
              </span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
