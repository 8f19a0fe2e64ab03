// The catalogues in the browser (package.json "imports", condition "browser"). Issue 17: both languages
// were 127 kB of every page's initial script, compiled before hydration on a phone. Each is now its own
// chunk (components/i18n/FrenchCatalogue.tsx, EnglishCatalogue.tsx), which registers itself here when
// it runs; components/i18n/CatalogueReady.tsx holds hydration until the page's language has.
import type { Catalogue, Locale } from "./index";

export const catalogues: Partial<Record<Locale, Catalogue>> = {};

export function registerCatalogue(locale: Locale, catalogue: Catalogue) {
  catalogues[locale] = catalogue;
}
