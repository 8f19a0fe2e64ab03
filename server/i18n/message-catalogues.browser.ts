// The catalogues in the browser (package.json "imports", condition "browser"). Issue 17: both languages
// were 127 kB of every page's initial script, compiled before hydration on a phone. Each is now its own
// chunk, fetched when a page first needs it: components/i18n/CatalogueReady.tsx suspends hydration on
// loadCatalogue() until the page's language is here, so every t() call in the browser finds it.
import type { Catalogue, Locale } from "./index";

export const catalogues: Partial<Record<Locale, Catalogue>> = {};

const loading = new Map<Locale, Promise<void>>();

/** null when `locale` is loaded; otherwise the (one, shared) promise of its loading. */
export function loadCatalogue(locale: Locale): Promise<void> | null {
  if (catalogues[locale]) return null;
  let pending = loading.get(locale);
  if (!pending) {
    const chunk = locale === "en" ? import("./en").then((m) => m.en) : import("./fr").then((m) => m.fr);
    pending = chunk.then(
      (catalogue) => {
        catalogues[locale] = catalogue;
      },
      (error: unknown) => {
        // offline or a new deployment: the next render tries again rather than keeping the failure
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}
