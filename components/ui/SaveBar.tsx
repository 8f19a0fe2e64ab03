// The end of a form of fields: the save button (only when something is editable), then what the save
// said, as a status (saved) or an alert (refused), so screen readers hear it.
import { t, type Locale } from "@/server/i18n";
import { Button } from "./Button";

export function SaveBar({
  editable,
  busy,
  saved,
  error,
  locale,
}: {
  editable: boolean;
  busy: boolean;
  saved: boolean;
  error: string | null;
  locale: Locale;
}) {
  return (
    <>
      {editable ? (
        <Button type="submit" variant="secondary" busy={busy}>
          {busy ? t(locale, "partner.view.savingFields") : t(locale, "partner.view.saveFields")}
        </Button>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-800">
          {t(locale, "partner.view.fieldsSaved")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
