import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Avatar } from "../ui/Avatar";
import { displayName } from "@/server/domain/text";

type Member = { role: string; holder: boolean; user: { id: string; name: string | null; email: string } };

export function MemberList({ members, locale }: { members: Member[]; locale: Locale }) {
  return (
    <aside aria-labelledby="members-title" className="h-fit rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="members-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        {t(locale, "dossier.members")}
      </h2>
      <ul className="mt-3 space-y-3">
        {members.map((m) => (
          <li key={m.user.id} className="flex items-center gap-3">
            <Avatar name={displayName(m.user)} size="sm" />
            <span className="min-w-0">
              <span className="block text-sm font-medium">{displayName(m.user)}</span>
              <span className="block text-xs text-slate-600">
                {t(locale, (m.holder ? "role.holder" : `role.${m.role}`) as MessageKey)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
