"use client";
// A plain form, so it works for signed-out visitors too; it comes back to the page it was used on.
import { usePathname, useSearchParams } from "next/navigation";
import { t, type Locale } from "@/server/i18n";

export function LanguageSwitch({ locale, label }: { locale: Locale; label: string }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const other: Locale = locale === "fr" ? "en" : "fr";
  return (
    <form action="/api/locale" method="post">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="back" value={`${pathname}${query ? `?${query}` : ""}`} />
      <button
        type="submit"
        lang={other}
        className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
        aria-label={`${t(locale, "common.colon", { label })} ${other === "en" ? "English" : "Français"}`}
      >
        {other === "en" ? "English" : "Français"}
      </button>
    </form>
  );
}
