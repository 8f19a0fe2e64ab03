// The catalogues on servers, workers, scripts and tests: both languages, loaded with the module (an email
// or a job may speak either). The browser gets message-catalogues.browser.ts instead (package.json
// "imports", condition "browser"): only the page's language, loaded on demand.
import { en } from "./en";
import { fr } from "./fr";
import type { Catalogue, Locale } from "./index";

export const catalogues: Partial<Record<Locale, Catalogue>> = { fr, en };

/** Nothing to load here: both catalogues are in memory. */
export function loadCatalogue(_locale: Locale): Promise<void> | null {
  return null;
}
