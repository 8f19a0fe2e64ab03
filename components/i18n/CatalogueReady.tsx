"use client";
// Issue 17: the browser loads only the page's language (server/i18n/message-catalogues.browser.ts). Below
// this boundary every client component calls t() during hydration, so it waits here until the catalogue
// is in: the server's HTML stays on screen meanwhile, and on a server nothing waits (both are loaded).
import { use, type ReactNode } from "react";
import { loadCatalogue, type Locale } from "@/server/i18n";

export function CatalogueReady({ locale, children }: { locale: Locale; children: ReactNode }) {
  const pending = loadCatalogue(locale);
  if (pending) use(pending);
  return children;
}
