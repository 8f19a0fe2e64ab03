// C9: search results, over all the dossiers the user may see or limited to one (`dossier`).
import { notFound } from "next/navigation";
import { SearchBox } from "@/components/search/SearchBox";
import { SearchResults } from "@/components/search/SearchResults";
import { requireActor } from "@/server/auth/guard";
import { RESULT_LIMIT, search } from "@/server/domain/search/service";
import { t } from "@/server/i18n";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const q = one(sp.q);
  const dossierId = one(sp.dossier);
  const qs = new URLSearchParams({ q, ...(dossierId ? { dossier: dossierId } : {}) });
  const actor = await requireActor(`/search?${qs.toString()}`);
  const locale = actor.locale;
  // No query at all (first visit) is no error: the page shows the box only.
  const res = q === "" ? null : await search(actor, { q, dossierId });
  // A1: a dossier the user may not see does not exist for them.
  if (res && !res.ok && res.error.code === "not_found") notFound();
  const outcome = res?.ok ? res.value : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t(locale, "search.title")}</h1>
      <p className="text-sm text-slate-600">{t(locale, "search.intro")}</p>
      <SearchBox
        locale={locale}
        dossierId={dossierId || undefined}
        defaultValue={q}
        testId="search-page"
        className="max-w-xl"
      />
      {outcome?.scope ? (
        <p className="text-sm text-slate-700" data-testid="search-scope">
          <a
            href={`/dossiers/${encodeURIComponent(outcome.scope.id)}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {t(locale, "search.inDossier", { title: outcome.scope.title })}
          </a>
          {" · "}
          <a href={`/search?${new URLSearchParams({ q }).toString()}`} className="text-brand-700 hover:underline">
            {t(locale, "search.everywhere")}
          </a>
        </p>
      ) : null}
      {res && !res.ok ? (
        <p role="alert" className="text-sm text-red-700" data-testid="search-error">
          {res.error.message}
        </p>
      ) : null}
      {outcome ? (
        <section aria-label={t(locale, "search.resultsFor", { q: outcome.q })} className="space-y-2">
          <h2 className="text-lg font-medium">{t(locale, "search.resultsFor", { q: outcome.q })}</h2>
          {outcome.results.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="search-none">
              {t(locale, "search.none")}
            </p>
          ) : (
            <SearchResults results={outcome.results} locale={locale} limit={RESULT_LIMIT} />
          )}
        </section>
      ) : null}
    </div>
  );
}
