import type { Locale } from "@/server/i18n";

/** A plain form: works without JavaScript, and for signed-out visitors too. */
export function LanguageSwitch({ locale, label, back }: { locale: Locale; label: string; back: string }) {
  const other: Locale = locale === "fr" ? "en" : "fr";
  return (
    <form action="/api/locale" method="post">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100" aria-label={`${label}: ${other === "en" ? "English" : "Français"}`}>
        {other === "en" ? "English" : "Français"}
      </button>
    </form>
  );
}
