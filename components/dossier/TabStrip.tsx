"use client";
// The dossier's tabs on a narrow screen: the strip scrolls sideways, so it shows that it does (a fade
// and an arrow on the side with more tabs) and brings the current tab into view.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function TabStrip({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () =>
      setMore({ left: el.scrollLeft > 2, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 2 });
    el.querySelector<HTMLElement>('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "center" });
    update();
    el.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    return () => {
      el.removeEventListener("scroll", update);
      window.removeEventListener("resize", update);
    };
  }, []);
  const fade = "pointer-events-none absolute inset-y-0 flex w-10 items-center text-slate-600";
  return (
    <nav aria-label={label} className="relative mt-4 border-b border-slate-200" data-testid="dossier-tabs">
      <ul ref={ref} className="-mb-px flex gap-1 overflow-x-auto [scrollbar-width:thin]">
        {children}
      </ul>
      {more.left ? (
        <span
          aria-hidden="true"
          className={`${fade} left-0 justify-start bg-gradient-to-r from-slate-50 via-slate-50/90`}
        >
          ‹
        </span>
      ) : null}
      {more.right ? (
        <span
          aria-hidden="true"
          data-testid="tabs-more"
          className={`${fade} right-0 justify-end bg-gradient-to-l from-slate-50 via-slate-50/90`}
        >
          ›
        </span>
      ) : null}
    </nav>
  );
}
