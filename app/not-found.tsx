import { currentActor, currentLocale } from "@/server/auth/session";
import { t } from "@/server/i18n";

export default async function NotFound() {
  const locale = await currentLocale(await currentActor());
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{t(locale, "notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t(locale, "notFound.body")}</p>
      <a href="/dashboard" className="mt-6 inline-block text-brand-700 underline">
        {t(locale, "notFound.back")}
      </a>
    </div>
  );
}
