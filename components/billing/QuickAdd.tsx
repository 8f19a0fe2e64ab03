"use client";
// The top bar's quick-add "+" menu (K3): "Nouvelle activité" on any dossier the user may bill. Dossiers
// without an active client are not offered. The list is asked for when the menu opens, so pages do not
// pay for it.
import { useEffect, useRef, useState } from "react";
import { quickAddDossiersAction } from "@/server/domain/billing/actions";
import { t, type Locale } from "@/server/i18n";

export function QuickAdd({ locale }: { locale: Locale }) {
  const [open, setOpen] = useState(false);
  const [dossiers, setDossiers] = useState<{ id: string; title: string }[] | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void quickAddDossiersAction().then((res) => {
      if (live) setDossiers(res.ok ? res.value : []);
    });
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("click", close);
    return () => {
      live = false;
      document.removeEventListener("click", close);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={t(locale, "billing.quickAdd")}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-brand-600 text-lg font-semibold text-white hover:bg-brand-700"
      >
        +
      </button>
      {open && (
        <div
          data-testid="quick-add-menu"
          className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-lg"
        >
          <p className="px-2 py-1 font-medium">{t(locale, "billing.newActivity")}</p>
          {dossiers === null ? null : dossiers.length === 0 ? (
            <p className="px-2 py-1 text-slate-600">{t(locale, "billing.quickAddNone")}</p>
          ) : (
            <ul className="max-h-72 overflow-y-auto">
              {dossiers.map((d) => (
                <li key={d.id}>
                  <a
                    className="block rounded px-2 py-1 text-slate-800 hover:bg-slate-100"
                    href={`/dossiers/${d.id}/billing?new=activity`}
                  >
                    {d.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
