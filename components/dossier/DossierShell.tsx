// The frame of every dossier tab: title, live pause banner, tabs, and the live channel (server component).
import type { ReactNode } from "react";
import { t, type Locale } from "@/server/i18n";
import { DossierLive } from "../realtime/DossierLive";
import { SearchBox } from "../search/SearchBox";
import { PauseBanner } from "./PauseBanner";
import { dossierTabs } from "./tabs";

export type ShellData = {
  id: string;
  title: string;
  organizationName: string;
  pausedAt: string | null;
  seq: number;
  side: "applicant" | "advisor";
};

export function DossierShell({
  dossier,
  locale,
  active,
  children,
}: {
  dossier: ShellData;
  locale: Locale;
  active: string;
  children: ReactNode;
}) {
  return (
    <DossierLive dossierId={dossier.id} initialSeq={dossier.seq}>
      <a href="/dashboard" className="text-sm text-brand-700 hover:underline">
        ← {t(locale, "dossier.back")}
      </a>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{dossier.title}</h1>
          <p className="text-sm text-slate-600">{dossier.organizationName}</p>
        </div>
        <SearchBox locale={locale} dossierId={dossier.id} testId="dossier-search" className="w-full sm:w-72" />
      </div>
      <PauseBanner initialPaused={dossier.pausedAt !== null} label={t(locale, "dossier.paused")} />
      <nav aria-label={t(locale, "dossier.tabs")} className="mt-4 border-b border-slate-200">
        <ul className="-mb-px flex gap-1 overflow-x-auto">
          {dossierTabs
            .filter((tab) => !tab.advisorOnly || dossier.side === "advisor")
            .map((tab) => {
              const current = tab.slug === active;
              return (
                <li key={tab.slug}>
                  <a
                    href={`/dossiers/${dossier.id}${tab.slug ? `/${tab.slug}` : ""}`}
                    aria-current={current ? "page" : undefined}
                    className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
                  >
                    {t(locale, tab.label)}
                  </a>
                </li>
              );
            })}
        </ul>
      </nav>
      <div className="mt-6">{children}</div>
    </DossierLive>
  );
}
