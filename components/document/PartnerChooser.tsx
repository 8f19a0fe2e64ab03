"use client";
// S7: "Visible partenaire", and which partners: every partner of the dossier, or some of them. Used on
// upload (Documents tab) and later (Partners tab).
import { useId } from "react";
import type { PartnerChoice } from "@/server/domain/document/visibility";
import { t, type Locale } from "@/server/i18n";

/** visible: shown to partners; ids: the chosen solicitations, empty for every partner. */
export type PartnerPick = { visible: boolean; some: boolean; ids: string[] };

export const noPartners: PartnerPick = { visible: false, some: false, ids: [] };

/** What the server takes: undefined (not shown), "all", or the chosen solicitations. */
export function partnersOf(pick: PartnerPick): "all" | string[] | undefined {
  if (!pick.visible) return undefined;
  return pick.some ? pick.ids : "all";
}

export function PartnerChooser({
  choices,
  value,
  onChange: change,
  locale,
  label,
  disabled,
  busy = false,
}: {
  choices: PartnerChoice[];
  value: PartnerPick;
  onChange: (next: PartnerPick) => void;
  locale: Locale;
  /** the checkbox's accessible name, when it is not the generic one */
  label?: string;
  disabled?: boolean;
  /** its change is saving: changes are ignored, but the inputs keep focus (disabled would drop it) */
  busy?: boolean;
}) {
  const id = useId();
  const onChange = (next: PartnerPick) => {
    if (!busy) change(next);
  };
  return (
    <fieldset
      className="space-y-1 text-sm"
      data-testid="partner-chooser"
      disabled={disabled}
      aria-busy={busy || undefined}
    >
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={value.visible}
          onChange={(e) => onChange({ ...value, visible: e.target.checked })}
          aria-label={label}
        />
        {t(locale, "doc.partner.visible")}
      </label>
      {value.visible && choices.length > 1 ? (
        <div className="ml-6 space-y-1">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={!value.some}
              onChange={() => onChange({ ...value, some: false })}
            />
            {t(locale, "doc.partner.all")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={value.some}
              onChange={() => onChange({ ...value, some: true })}
            />
            {t(locale, "doc.partner.some")}
          </label>
          {value.some ? (
            <ul className="ml-6 space-y-1">
              {choices.map((c) => (
                <li key={c.solicitationId}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={value.ids.includes(c.solicitationId)}
                      onChange={(e) =>
                        onChange({
                          ...value,
                          ids: e.target.checked
                            ? [...value.ids, c.solicitationId]
                            : value.ids.filter((x) => x !== c.solicitationId),
                        })
                      }
                    />
                    {c.name}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
