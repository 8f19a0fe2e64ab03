// The local mailbox: only when no RESEND_API_KEY is set (local mode); otherwise the page does not exist.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/EmptyState";
import { currentActor, currentLocale } from "@/server/auth/session";
import { localMailbox } from "@/server/domain/outbox/service";
import { env } from "@/server/env";
import { isLoopbackRequest } from "@/server/http/client";
import { t } from "@/server/i18n";
import { dateFormat } from "@/server/i18n/format";

export default async function MailboxPage() {
  // X8: local mode only, and to this machine only: its links sign anyone in.
  if (!env().localMail || !isLoopbackRequest(await headers())) notFound();
  const locale = await currentLocale(await currentActor());
  const mails = await localMailbox();
  const fmt = dateFormat(locale, "shortSeconds");
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t(locale, "mailbox.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t(locale, "mailbox.intro")}</p>
      <div className="mt-6 space-y-4">
        {mails.length === 0 ? <EmptyState title={t(locale, "mailbox.empty")} /> : null}
        {mails.map((m) => (
          <article key={m.id} data-testid="mail" className="rounded-xl border border-slate-200 bg-white p-4">
            <header className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-medium">{m.subject}</h2>
              <time className="text-xs text-slate-600" dateTime={m.createdAt.toISOString()}>
                {fmt.format(m.createdAt)}
              </time>
            </header>
            <p className="text-sm text-slate-600">
              {t(locale, "mailbox.to")} <span data-testid="mail-to">{m.toEmail}</span>
            </p>
            <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
              {linkify(m.text)}
            </pre>
          </article>
        ))}
      </div>
    </div>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
