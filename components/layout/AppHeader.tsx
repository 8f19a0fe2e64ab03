import { Suspense } from "react";
import type { Actor } from "@/server/auth/actor";
import type { NavLink } from "@/server/domain/admin/service";
import { t, type Locale } from "@/server/i18n";
import { QuickAdd } from "../billing/QuickAdd";
import { SearchBox } from "../search/SearchBox";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

export function AppHeader({
  actor,
  locale,
  localMail,
  adminLinks,
}: {
  actor: Actor | null;
  locale: Locale;
  localMail: boolean;
  adminLinks: NavLink[];
}) {
  const links: NavLink[] = [
    ...(actor
      ? ([
          { href: "/dashboard", label: "nav.dossiers" },
          { href: "/partners", label: "partner.nav" },
          { href: "/settings/conversations", label: "notify.nav.settings" },
        ] as const)
      : []),
    ...adminLinks,
    ...(localMail ? ([{ href: "/dev/mailbox", label: "nav.mailbox" }] as const) : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t(locale, "nav.skip")}
      </a>
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
        <a href={actor ? "/dashboard" : "/login"} className="flex items-center gap-2 font-semibold text-brand-700">
          <span
            aria-hidden="true"
            className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm text-white"
          >
            R
          </span>
          {t(locale, "app.name")}
        </a>
        <nav aria-label="Navigation" className="flex flex-1 flex-wrap items-center gap-1 text-sm">
          {links.map((l) => (
            <a key={l.href} href={l.href} className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              {t(locale, l.label)}
            </a>
          ))}
        </nav>
        {actor ? (
          <>
            <SearchBox locale={locale} testId="header-search" className="hidden w-64 md:flex" />
            <a href="/search" className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 md:hidden">
              {t(locale, "search.label")}
            </a>
          </>
        ) : null}
        {actor ? <QuickAdd locale={locale} /> : null}
        <Suspense>
          <LanguageSwitch locale={locale} label={t(locale, "nav.language")} />
        </Suspense>
        {actor ? (
          <div className="flex items-center gap-2">
            <span className="hidden text-sm text-slate-600 sm:inline">{actor.name}</span>
            <SignOutButton label={t(locale, "nav.signOut")} />
          </div>
        ) : null}
      </div>
    </header>
  );
}
