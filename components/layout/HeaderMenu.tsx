"use client";
// The header's menu: inline on wide screens (administration pages grouped under one disclosure, so
// an admin's menu stays on one line at 1280 px); below that, one "Menu" button opens a panel with the
// links and the account controls, so nothing overlaps or is cut on a phone.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";

export type MenuLink = { href: string; label: string };

export function HeaderMenu({
  links,
  admin,
  labels,
  account,
  row,
}: {
  links: MenuLink[];
  admin: MenuLink[];
  labels: { menu: string; nav: string; admin: string };
  /** language, name and sign-out: in the row on wide screens, in the panel on small ones */
  account: ReactNode;
  /** search and quick-add: always in the row */
  row: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [adminOpen, setAdminOpen] = useState(false);
  const pathname = usePathname();
  const adminRef = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const adminButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      // Escape closes the open disclosure and puts focus back on its button (focus was maybe in it).
      if (adminOpen) {
        setAdminOpen(false);
        adminButton.current?.focus();
      } else if (open) {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (adminRef.current && !adminRef.current.contains(e.target as Node)) setAdminOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open, adminOpen]);

  const current = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const linkClass = (href: string) =>
    `block whitespace-nowrap rounded-md px-2 py-2 text-sm xl:py-1 ${current(href) ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100"}`;

  return (
    <>
      {row}
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpen(!open)}
        className="order-6 inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 xl:hidden"
        data-testid="menu-button"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.3 10 9l4.7-4.7 1 1L11 10l4.7 4.7-1 1L10 11l-4.7 4.7-1-1L9 10 4.3 5.3z" />
          ) : (
            <path d="M3 5h14v1.5H3zm0 4.25h14v1.5H3zM3 13.5h14V15H3z" />
          )}
        </svg>
        {labels.menu}
      </button>
      <div
        id="site-menu"
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-4rem)] flex-col gap-3 overflow-y-auto border-b border-slate-200 bg-white px-4 py-3 shadow-lg xl:contents`}
      >
        <nav aria-label={labels.nav} className="xl:order-2 xl:min-w-0 xl:flex-1">
          <ul className="flex flex-col gap-0.5 xl:flex-row xl:items-center xl:gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <a href={l.href} className={linkClass(l.href)} aria-current={current(l.href) ? "page" : undefined}>
                  {l.label}
                </a>
              </li>
            ))}
            {admin.length > 0 ? (
              <li>
                <div ref={adminRef} className="xl:relative">
                  <p className="px-2 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600 xl:hidden">
                    {labels.admin}
                  </p>
                  <button
                    ref={adminButton}
                    type="button"
                    aria-expanded={adminOpen}
                    aria-controls="admin-menu"
                    onClick={() => setAdminOpen(!adminOpen)}
                    className="hidden items-center gap-1 whitespace-nowrap rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 xl:inline-flex"
                  >
                    {labels.admin}
                    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                      <path d="M5.5 7.5 10 12l4.5-4.5 1 1L10 14 4.5 8.5z" />
                    </svg>
                  </button>
                  <ul
                    id="admin-menu"
                    className={`${adminOpen ? "xl:block" : "xl:hidden"} flex flex-col gap-0.5 xl:absolute xl:left-0 xl:z-30 xl:mt-1 xl:w-56 xl:rounded-lg xl:border xl:border-slate-200 xl:bg-white xl:p-1 xl:shadow-lg`}
                  >
                    {admin.map((l) => (
                      <li key={l.href}>
                        <a
                          href={l.href}
                          className={linkClass(l.href)}
                          aria-current={current(l.href) ? "page" : undefined}
                        >
                          {l.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 xl:order-5 xl:flex-nowrap xl:border-0 xl:pt-0">
          {account}
        </div>
      </div>
    </>
  );
}
