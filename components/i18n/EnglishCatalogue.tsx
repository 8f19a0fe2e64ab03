"use client";
// The English catalogue in the browser: its own chunk, loaded by CatalogueReady (next/dynamic) for an English page.
import type { ReactNode } from "react";
import { registerCatalogue } from "#i18n/catalogues";
import { en } from "@/server/i18n/en";

registerCatalogue("en", en);

export default function EnglishCatalogue({ children }: { children: ReactNode }) {
  return children;
}
