"use client";
// The French catalogue in the browser: its own chunk, loaded by CatalogueReady (next/dynamic) for a French page.
import type { ReactNode } from "react";
import { registerCatalogue } from "#i18n/catalogues";
import { fr } from "@/server/i18n/fr";

registerCatalogue("fr", fr);

export default function FrenchCatalogue({ children }: { children: ReactNode }) {
  return children;
}
