import { Suspense } from "react";
import type { Actor } from "@/server/auth/actor";
import type { HeaderNav } from "@/server/domain/admin/service";
import { t, type Locale } from "@/server/i18n";
import { QuickAdd } from "../billing/QuickAdd";
import { SearchBox } from "../search/SearchBox";
import { HeaderMenu } from "./HeaderMenu";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

export function AppHeader({
  actor,
  locale,
  localMail,
  nav,
}: {
  actor: Actor | null;
  locale: Locale;
  localMail: boolean;
  /** what this actor may use (server/domain/admin/service.ts headerNav) */
  nav: HeaderNav | null;
}) {
  const language = (
    <Suspense>
      <LanguageSwitch locale={locale} label={t(locale, "nav.language")} />
    </Suspense>
  );
  const label = (l: { href: string; label: Parameters<typeof t>[1] }) => ({ href: l.href, label: t(locale, l.label) });
  return (
    <header className="relative border-b border-slate-200 bg-white print:hidden">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-40 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t(locale, "nav.skip")}
      </a>
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-3">
        <a
          href={actor ? "/dashboard" : "/login"}
          className="order-1 mr-auto flex shrink-0 items-center gap-2 font-semibold text-brand-700 xl:mr-2"
        >
          <span
            aria-hidden="true"
            className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm text-white"
          >
            R
          </span>
          {t(locale, "app.name")}
        </a>
        {actor && nav ? (
          <HeaderMenu
            links={[
              ...nav.links.map(label),
              ...(localMail ? [{ href: "/dev/mailbox", label: t(locale, "nav.mailbox") }] : []),
            ]}
            admin={nav.admin.map(label)}
            labels={{ menu: t(locale, "nav.menu"), nav: "Navigation", admin: t(locale, "nav.admin") }}
            row={
              <>
                {nav.search ? (
                  <>
                    <SearchBox
                      locale={locale}
                      testId="header-search"
                      name={t(locale, "search.label")}
                      className="order-3 hidden w-64 shrink-0 md:flex"
                    />
                    <a
                      href="/search"
                      className="order-3 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 md:hidden"
                    >
                      {t(locale, "search.label")}
                    </a>
                  </>
                ) : null}
                {nav.quickAdd ? (
                  <div className="order-4">
                    <QuickAdd locale={locale} />
                  </div>
                ) : null}
              </>
            }
            account={
              <>
                {language}
                <span className="text-sm text-slate-700 xl:hidden 2xl:inline">
                  {t(locale, "nav.signedInAs", { name: actor.name })}
                </span>
                <SignOutButton label={t(locale, "nav.signOut")} />
              </>
            }
          />
        ) : (
          <div className="order-2">{language}</div>
        )}
      </div>
    </header>
  );
}
