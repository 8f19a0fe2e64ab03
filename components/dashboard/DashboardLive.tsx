"use client";
// The live dashboard (D1, D2, N7, P8): rows refetched when the server says a dossier changed
// ("dashboard:changed", only ever about dossiers this user may see, A3), newest activity first.
import { memo, useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { DashboardFilters } from "@/server/domain/dashboard/schema";
import type { DashboardRow } from "@/server/domain/dashboard/service";
import { t, type Locale } from "@/server/i18n";
import { useDashboardChanges } from "../realtime/dashboard";
import type { RelaisSocket } from "../realtime/socket";
import type { DashboardRowsAck } from "@/server/realtime/contract";
import { Badge } from "../ui/Badge";
import { BulkActions } from "./BulkActions";
import { EmptyState } from "../ui/EmptyState";
import { useDates } from "../i18n/Dates";

const REFRESH_DELAY_MS = 120;
const REFRESH_TIMEOUT_MS = 10_000;

export function DashboardLive({
  initialRows,
  filters,
  locale,
  full,
  canBulkPause,
  filtered,
}: {
  initialRows: DashboardRow[];
  filters: DashboardFilters;
  locale: Locale;
  /** advisors and staff: recommendation counts; applicants get the simple list */
  full: boolean;
  canBulkPause: boolean;
  filtered: boolean;
}) {
  const [rows, setRows] = useState(initialRows);
  const [refreshing, setRefreshing] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filtersRef = useRef(filters);
  useEffect(() => {
    filtersRef.current = filters;
  }, [filters]);

  // The rows come over the socket, not through a server action: an action's answer re-renders the whole
  // page (the router's state), which every dashboard paid once after loading (issue 17). Rows that did
  // not change are left as they are: nothing re-renders.
  const shown = useRef(JSON.stringify(initialRows));
  const socketRef = useRef<RelaisSocket | null>(null);
  const refresh = useCallback(async (socket: RelaisSocket) => {
    setRefreshing(true);
    try {
      socketRef.current = socket;
      const res: DashboardRowsAck = await socket
        .timeout(REFRESH_TIMEOUT_MS)
        .emitWithAck("dashboard:rows", filtersRef.current);
      if (!res.ok) return;
      const text = JSON.stringify(res.rows);
      if (text === shown.current) return;
      shown.current = text;
      const next = res.rows;
      setRows(next);
      setSelected((s) => new Set([...s].filter((id) => next.some((r) => r.id === id))));
    } catch {
      // no answer in time (the connection dropped): the reconnection refreshes again
    } finally {
      setRefreshing(false);
    }
  }, []);

  // Several changes in a burst cost one refetch.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schedule = useCallback(
    (socket: RelaisSocket) => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void refresh(socket);
      }, REFRESH_DELAY_MS);
    },
    [refresh],
  );
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
  useDashboardChanges(schedule, [schedule]);

  return (
    <div className="space-y-3">
      {canBulkPause && rows.length > 0 ? (
        <BulkActions
          locale={locale}
          visible={rows.map((r) => r.id)}
          selected={[...selected]}
          onSelect={(ids) => setSelected(new Set(ids))}
          onDone={() => {
            setSelected(new Set());
            // the changes' own "dashboard:changed" refresh the rows too; this one does not wait for them
            if (socketRef.current) void refresh(socketRef.current);
          }}
        />
      ) : null}
      <p className="sr-only" aria-live="polite">
        {refreshing ? t(locale, "dashboard.refreshing") : ""}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? t(locale, "dashboard.noMatch") : t(locale, "dashboard.empty")}>
          {filtered ? null : t(locale, "dashboard.emptyHint")}
        </EmptyState>
      ) : (
        <DashboardRows
          rows={rows}
          selected={selected}
          setSelected={setSelected}
          locale={locale}
          full={full}
          canBulkPause={canBulkPause}
        />
      )}
    </div>
  );
}

/**
 * The rows, apart so that they re-render only when they or the selection change, not when the refresh
 * status does (a refresh that finds nothing new re-renders nothing but its status line).
 */
const DashboardRows = memo(function DashboardRows({
  rows,
  selected,
  setSelected,
  locale,
  full,
  canBulkPause,
}: {
  rows: DashboardRow[];
  selected: Set<string>;
  setSelected: Dispatch<SetStateAction<Set<string>>>;
  locale: Locale;
  full: boolean;
  canBulkPause: boolean;
}) {
  const date = useDates(locale);
  return (
    <ul
      className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
      data-testid="dashboard-rows"
    >
      {rows.map((d) => (
        <li
          key={d.id}
          className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50"
          data-testid="dashboard-row"
          data-dossier-id={d.id}
        >
          {canBulkPause ? (
            <input
              type="checkbox"
              className="h-4 w-4"
              aria-label={t(locale, "dashboard.select", { title: d.title })}
              checked={selected.has(d.id)}
              onChange={(e) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(d.id);
                  else next.delete(d.id);
                  return next;
                })
              }
            />
          ) : null}
          <a href={`/dossiers/${d.id}`} className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1">
            <span className="min-w-[min(100%,14rem)] flex-1">
              <span className="block font-medium text-slate-900">{d.title}</span>
              <span className="block text-sm text-slate-600">{d.organizationName}</span>
            </span>
            {d.paused ? <Badge tone="warning">{t(locale, "dashboard.paused")}</Badge> : null}
            {full && d.confidentiality !== "none" ? (
              <span data-testid="confidentiality-badge">
                <Badge tone="warning">
                  {t(locale, d.confidentiality === "all" ? "confidentiality.all" : "confidentiality.partial")}
                </Badge>
              </span>
            ) : null}
            {full && d.openRecommendations > 0 ? (
              <Badge tone="neutral">
                {t(locale, "dashboard.openRecommendations", { count: d.openRecommendations })}
              </Badge>
            ) : null}
            {full && d.solicitations.asked > 0 ? (
              <span data-testid="solicitation-counts">
                <Badge tone="neutral">
                  {t(locale, "solicitation.counts", {
                    asked: d.solicitations.asked,
                    answered: d.solicitations.answered,
                  })}
                </Badge>
              </span>
            ) : null}
            {d.unread > 0 ? (
              <span data-testid="unread" data-count={d.unread}>
                <Badge tone="brand">{t(locale, "dashboard.unread", { count: d.unread })}</Badge>
              </span>
            ) : null}
            <span className="text-sm text-slate-600">
              <span className="sr-only">{t(locale, "dashboard.lastActivity")} </span>
              <time dateTime={d.lastActivityAt}>{date(d.lastActivityAt, "medium")}</time>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
});
