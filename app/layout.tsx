import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/AppHeader";
import { FocusHeading } from "@/components/layout/FocusHeading";
import { CatalogueReady } from "@/components/i18n/CatalogueReady";
import { currentActor, currentLocale } from "@/server/auth/session";
import { headerNav } from "@/server/domain/admin/service";
import { env } from "@/server/env";
import { t } from "@/server/i18n";
import "./globals.css";

export const metadata: Metadata = { title: "Relais", description: "Relais" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const locale = await currentLocale(actor);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <CatalogueReady locale={locale}>
          {env().localMode ? (
            // X8: demo sign-in and the local mailbox must never pass for a real deployment.
            <aside aria-label={t(locale, "demo.label")}>
              <p
                data-testid="demo-marker"
                className="bg-amber-100 px-4 py-1 text-center text-sm font-medium text-amber-950"
              >
                {t(locale, "demo.marker")}
              </p>
            </aside>
          ) : null}
          <AppHeader
            actor={actor}
            locale={locale}
            localMail={env().localMail}
            nav={actor ? await headerNav(actor) : null}
          />
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            {children}
            {/* Issue 17: after every navigation, focus on the page's h1 (after the page's own effects). */}
            <FocusHeading />
          </main>
        </CatalogueReady>
      </body>
    </html>
  );
}
