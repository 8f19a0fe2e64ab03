// N5: the unsubscribe page opened from an email's link, without signing in. GET only shows; the button
// posts to the one-click target, which sets the frequency to never.
import { buttonClass } from "@/components/ui/Button";
import { currentActor, currentLocale } from "@/server/auth/session";
import { checkUnsubscribeLink } from "@/server/domain/settings/service";
import { t } from "@/server/i18n";

export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const link = await checkUnsubscribeLink({ u: one(sp.u), s: one(sp.s) });
  // The layout's language (profile, else the cookie that the email's `l` set: proxy.ts), so that the
  // header and the page never mix two languages.
  const locale = await currentLocale(await currentActor());
  const done = link.valid && one(sp.done) === "1";
  const q = new URLSearchParams({ u: one(sp.u) ?? "", s: one(sp.s) ?? "", l: locale });
  return (
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">{t(locale, "notify.unsubscribe.title")}</h1>
      {!link.valid ? (
        <p role="alert" className="mt-4 text-red-700" data-testid="unsubscribe-invalid">
          {t(locale, "notify.unsubscribe.invalid")}
        </p>
      ) : done ? (
        <p role="status" className="mt-4 text-emerald-800" data-testid="unsubscribe-done">
          {t(locale, "notify.unsubscribe.done")}{" "}
          <a className="underline" href="/settings/conversations">
            {t(locale, "notify.email.settings")}
          </a>
        </p>
      ) : (
        <form method="post" action={`/unsubscribe/one-click?${q}`} className="mt-4 space-y-4">
          <input type="hidden" name="from" value="page" />
          <p>{t(locale, "notify.unsubscribe.confirm")}</p>
          <p className="text-sm text-slate-600">{t(locale, "notify.unsubscribe.transactional")}</p>
          <button type="submit" className={buttonClass("primary")}>
            {t(locale, "notify.unsubscribe.button")}
          </button>
        </form>
      )}
    </div>
  );
}
