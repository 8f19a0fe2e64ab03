// The catalogues on servers, workers, scripts and tests: both languages, loaded with the module (an email
// or a job may speak either). The browser gets message-catalogues.browser.ts instead (package.json
// "imports", condition "browser"): only the page's language, registered by its chunk.
import { en } from "./en";
import { fr } from "./fr";
import type { Catalogue, Locale } from "./index";

export const catalogues: Partial<Record<Locale, Catalogue>> = { fr, en };

/** Both are here already; the browser's chunks call this (a server rendering them changes nothing). */
export function registerCatalogue(locale: Locale, catalogue: Catalogue) {
  catalogues[locale] = catalogue;
}
