// S5 (issue 16 item 5): on a solicitation's card, what its partner supplied: their answers to the
// partner-only fields and links to their files (downloaded through the Documents tab's policy).
import type { Supplied } from "@/server/domain/partner/events";
import { t, type Locale } from "@/server/i18n";

export function SuppliedAnswers({
  dossierId,
  supplied,
  locale,
}: {
  dossierId: string;
  supplied: Supplied | null;
  locale: Locale;
}) {
  if (!supplied) return null;
  return (
    <div className="mt-3 rounded-lg bg-sky-50 p-3 text-sm" data-testid="solicitation-supplied">
      <p className="text-xs font-medium text-sky-900">{t(locale, "solicitation.supplied")}</p>
      {supplied.fields.length ? (
        <dl className="mt-1 space-y-1">
          {supplied.fields.map((f) => (
            <div key={f.key}>
              <dt className="font-medium">{f.label}</dt>
              <dd className="whitespace-pre-wrap" data-testid={`supplied-field-${f.key}`}>
                {f.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {supplied.files.length ? (
        <ul className="mt-1 space-y-1">
          {supplied.files.map((d) => (
            <li key={d.id}>
              <a
                className="text-brand-700 underline"
                href={`/api/dossiers/${dossierId}/documents/${d.id}`}
                data-testid="supplied-file"
              >
                {d.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
