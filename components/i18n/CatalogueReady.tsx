"use client";
// Issue 17: the browser loads only the page's language. Below this boundary every client component
// calls t() during hydration, so hydration waits here until the catalogue's chunk has run: the server's
// HTML stays on screen meanwhile. Through next/dynamic, the server names that chunk in the page's head
// (a preload), so the browser fetches it beside the page's first scripts rather than after them.
// C10: a chunk that cannot be fetched (offline) is fetched again until it comes (components/net/retry.ts),
// rather than replacing the page with an error.
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { Locale } from "@/server/i18n";
import { untilLoaded } from "../net/retry";

const French = dynamic(() => untilLoaded(() => import("./FrenchCatalogue")));
const English = dynamic(() => untilLoaded(() => import("./EnglishCatalogue")));

export function CatalogueReady({ locale, children }: { locale: Locale; children: ReactNode }) {
  return locale === "en" ? <English>{children}</English> : <French>{children}</French>;
}
