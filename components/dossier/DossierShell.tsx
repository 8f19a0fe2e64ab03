// The frame of every dossier tab: title, live pause banner, tabs, and the live channel (server component).
import type { ReactNode } from "react";
import { t, type Locale } from "@/server/i18n";
import { DossierLive } from "../realtime/DossierLive";
import { RefreshOn } from "../realtime/RefreshOn";
import type { Confidentiality } from "@/server/domain/note/events";
import type { PauseState } from "@/server/domain/pause/service";
import { ConfidentialityBadge } from "./ConfidentialityBadge";
import { SearchBox } from "../search/SearchBox";
import { LabelledDates } from "../i18n/LabelledDates";
import { PauseBanner } from "./PauseBanner";
import { dossierTabs } from "./tabs";
import { TabStrip } from "./TabStrip";

export type ShellData = {
  id: string;
  title: string;
  organizationName: string;
  pausedAt: string | null;
  /** P1: who paused, why and since when (null while active) */
  pause?: PauseState | null;
  /** P2: whether this viewer may reactivate (the referent and staff) */
  canPause?: boolean;
  seq: number;
  side: "applicant" | "advisor";
  /** T4: a read-only copy kept after a transfer */
  readOnly?: boolean;
  /** T6 */
  confidentiality?: Confidentiality;
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
      {/* T4: a transfer's answer re-renders the frame (a sender who kept a copy sees the read-only banner). */}
      {dossier.side === "advisor" ? <RefreshOn prefix="transfer." me="" /> : null}
      <a href="/dashboard" className="text-sm text-brand-700 hover:underline">
        ← {t(locale, "dossier.back")}
      </a>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 id="page-title" tabIndex={-1} className="break-words text-2xl font-semibold">
              {dossier.title}
            </h1>
            {dossier.side === "advisor" ? (
              <ConfidentialityBadge
                initial={dossier.confidentiality ?? "none"}
                labels={{ partial: t(locale, "confidentiality.partial"), all: t(locale, "confidentiality.all") }}
              />
            ) : null}
          </div>
          <p className="text-sm text-slate-600">{dossier.organizationName}</p>
        </div>
        <SearchBox locale={locale} dossierId={dossier.id} testId="dossier-search" className="w-full sm:w-72" />
      </div>
      {dossier.readOnly ? (
        <p
          role="status"
          data-testid="read-only-banner"
          className="mt-4 rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800"
        >
          {t(locale, "transfer.readOnlyBanner")}
        </p>
      ) : null}
      <LabelledDates locale={locale} styles={["longDate"]} of={[dossier.pausedAt, dossier.pause]}>
        <PauseBanner
          dossierId={dossier.id}
          initial={
            dossier.pausedAt
              ? (dossier.pause ?? {
                  pausedAt: dossier.pausedAt,
                  cause: null,
                  reason: null,
                  comment: null,
                  byName: null,
                })
              : null
          }
          side={dossier.side}
          canPause={dossier.canPause === true}
          locale={locale}
        />
      </LabelledDates>
      <TabStrip label={t(locale, "dossier.tabs")}>
        {dossierTabs
          // T4: a read-only copy also keeps its Notes tab (what the transfer left to it).
          .filter((tab) => !tab.advisorOnly || dossier.side === "advisor" || (dossier.readOnly && tab.slug === "notes"))
          .map((tab) => {
            const current = tab.slug === active;
            return (
              <li key={tab.slug}>
                <a
                  href={`/dossiers/${dossier.id}${tab.slug ? `/${tab.slug}` : ""}`}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
                >
                  {t(locale, tab.label)}
                </a>
              </li>
            );
          })}
      </TabStrip>
      <div className="mt-6">{children}</div>
    </DossierLive>
  );
}
