// C9: the results of a search: what each one is, its dossier, the excerpt with the matching words
// marked (text parts, never HTML), and a plain link to where it opens.
import type { SearchResult } from "@/server/domain/search/service";
import { t, type Locale } from "@/server/i18n";
import { dateFormat } from "@/server/i18n/format";

export function SearchResults({ results, locale, limit }: { results: SearchResult[]; locale: Locale; limit: number }) {
  const when = dateFormat(locale, "short");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" data-testid="search-count">
        {results.length >= limit
          ? t(locale, "search.limited", { n: limit })
          : t(locale, "search.count", { n: results.length })}
      </p>
      <ol className="space-y-2" data-testid="search-results">
        {results.map((r) => (
          <li key={`${r.kind}:${r.id}`} data-testid="search-result" data-kind={r.kind}>
            <a
              href={r.href}
              className="block rounded-lg border border-slate-200 bg-white p-3 hover:border-brand-600 focus:border-brand-600"
            >
              <span className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
                  {t(locale, `search.kind.${r.kind}`)}
                </span>
                <span className="font-medium text-slate-800">{r.dossierTitle}</span>
                <time dateTime={r.at}>{when.format(new Date(r.at))}</time>
              </span>
              <span className="mt-1 block break-words text-sm text-slate-900" data-testid="search-snippet">
                {r.snippet.map((p, i) =>
                  p.hit ? (
                    <mark key={i} className="rounded bg-amber-100 px-0.5 text-slate-900">
                      {p.text}
                    </mark>
                  ) : (
                    <span key={i}>{p.text}</span>
                  ),
                )}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}
