// C9: a search box, a plain GET form to /search (works without JavaScript; the results page is a link
// a person can share). With a dossierId, the search is limited to that dossier.
import { QUERY_MAX } from "@/server/domain/search/schema";
import { t, type Locale } from "@/server/i18n";

export function SearchBox({
  locale,
  dossierId,
  defaultValue = "",
  testId,
  className = "",
  name,
}: {
  locale: Locale;
  dossierId?: string;
  defaultValue?: string;
  testId: string;
  className?: string;
  /** the form's name when two search forms share a page (axe: landmark-unique) */
  name?: string;
}) {
  const label = t(locale, dossierId ? "search.dossierPlaceholder" : "search.placeholder");
  return (
    <form
      role="search"
      aria-label={name ?? label}
      action="/search"
      method="get"
      className={`flex items-center gap-1 ${className}`}
      data-testid={testId}
    >
      <label className="sr-only" htmlFor={`${testId}-q`}>
        {label}
      </label>
      <input
        id={`${testId}-q`}
        type="search"
        name="q"
        required
        maxLength={QUERY_MAX}
        defaultValue={defaultValue}
        placeholder={label}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
      />
      {dossierId ? <input type="hidden" name="dossier" value={dossierId} /> : null}
      <button
        type="submit"
        className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        {t(locale, "search.submit")}
      </button>
    </form>
  );
}
