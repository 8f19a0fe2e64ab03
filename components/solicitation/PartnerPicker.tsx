"use client";
// S1, S12 (issue 16): choosing the partner. Internal: a list of the organization's members who do not
// see the dossier yet. External: the approved directory as suggestions with free typing, or as the only
// choice when the organization restricts partners to it. Native controls: a label for each, keyboard
// and screen readers work as everywhere (a select, or an email input with a datalist).
import type { PartnerCandidates } from "@/server/domain/solicitation/candidates";
import { t, type Locale } from "@/server/i18n";

/** X7: a name when there is one, and the address as an address. */
function optionLabel(p: { email: string; name: string | null; title?: string | null }) {
  if (!p.name) return p.email;
  return `${p.name}${p.title ? ` (${p.title})` : ""} — ${p.email}`;
}

export function PartnerPicker({
  id,
  external,
  candidates,
  value,
  onChange,
  inputClass,
  locale,
}: {
  id: string;
  external: boolean;
  candidates: PartnerCandidates;
  value: string;
  onChange: (email: string) => void;
  inputClass: string;
  locale: Locale;
}) {
  const fieldId = `${id}-partner`;
  const hintId = `${id}-partner-hint`;
  const choices = external ? candidates.directory : candidates.members;
  const listOnly = !external || candidates.directoryOnly;

  if (listOnly) {
    const label = t(locale, external ? "solicitation.picker.approved" : "solicitation.picker.member");
    const empty = t(locale, external ? "solicitation.picker.emptyDirectory" : "solicitation.picker.noMembers");
    return (
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={fieldId}>{label}</label>
        <select
          id={fieldId}
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
          disabled={choices.length === 0}
          aria-describedby={hintId}
          data-testid="partner-picker"
        >
          <option value="">{t(locale, "solicitation.picker.choose")}</option>
          {choices.map((p) => (
            <option key={p.email} value={p.email}>
              {optionLabel(p)}
            </option>
          ))}
        </select>
        <p id={hintId} className="text-xs text-slate-600">
          {choices.length === 0 ? empty : external ? t(locale, "solicitation.picker.directoryOnly") : null}
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={fieldId}>{t(locale, "solicitation.partnerEmail")}</label>
      <input
        id={fieldId}
        className={inputClass}
        type="email"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        maxLength={320}
        autoComplete="off"
        list={choices.length ? `${id}-directory` : undefined}
        aria-describedby={hintId}
        data-testid="partner-picker"
      />
      {choices.length ? (
        <datalist id={`${id}-directory`}>
          {choices.map((p) => (
            <option key={p.email} value={p.email}>
              {optionLabel(p)}
            </option>
          ))}
        </datalist>
      ) : null}
      <p id={hintId} className="text-xs text-slate-600">
        {t(locale, "solicitation.picker.hint")}
      </p>
    </div>
  );
}
