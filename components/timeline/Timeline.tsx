"use client";
// The Timeline tab (P7): the dossier's events, newest first, with who, when and why; new events
// arrive live through the dossier's channel, already filtered by audience on the server.
import { useState } from "react";
import type { TimelineEntry } from "@/server/domain/timeline/service";
import { t, type Locale } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { Avatar } from "../ui/Avatar";
import { Badge } from "../ui/Badge";
import { EmptyState } from "../ui/EmptyState";
import { describeEvent, newestFirst, type TimelineView } from "./describe";
import { useDates } from "@/components/i18n/Dates";

/** An entry as the page rendered it: described on the server, so that hydration formats no amount or date
 * (issue 17); entries that arrive live are described here. */
export type DescribedEntry = TimelineEntry & { view?: TimelineView };

export function Timeline({ initialEntries, locale }: { initialEntries: DescribedEntry[]; locale: Locale }) {
  const [entries, setEntries] = useState<DescribedEntry[]>(() => [...initialEntries].sort(newestFirst));
  useDossierEvent((e: DossierEventWire) => {
    setEntries((list) =>
      list.some((x) => x.seq === e.seq) ? list : [{ ...e, actorName: null }, ...list].sort(newestFirst),
    );
  });
  const date = useDates(locale);

  if (entries.length === 0) return <EmptyState title={t(locale, "timeline.empty")} />;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t(locale, "timeline.title")}
      </h2>
      <p className="text-sm text-slate-600">{t(locale, "timeline.order")}</p>
      <ol className="mt-4 space-y-3" aria-live="polite" data-testid="timeline">
        {entries.map((e) => {
          const view = e.view ?? describeEvent(locale, e, e.actorName);
          return (
            <li
              key={e.seq}
              data-testid="timeline-entry"
              data-type={e.type}
              data-seq={e.seq}
              className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3"
            >
              <Avatar name={view.actorName ?? "Relais"} size="sm" />
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">
                  {view.title} {view.automatic ? <Badge tone="warning">{t(locale, "timeline.automatic")}</Badge> : null}
                </p>
                {view.details.map((d, i) => (
                  <p key={i} className="break-words text-sm text-slate-700">
                    {d}
                  </p>
                ))}
                <p className="text-xs text-slate-600">
                  <time dateTime={e.at}>{date(e.at, "medium")}</time>
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
