"use client";
// S8: an admin designs a dossier template: its fields (applicant view, internal view, partner only),
// for each field what partners get (hidden, read only, editable), and the workflow statuses with
// whether partners see and may edit the dossier in each.
import { useId, useState, type FormEvent } from "react";
import { saveTemplateAction } from "@/server/domain/template/actions";
import { FIELD_SECTIONS, PARTNER_MODES, type FieldSection, type PartnerMode } from "@/server/domain/template/sections";
import type { WorkflowStatus } from "@/server/domain/template/statuses";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Button } from "../ui/Button";

type Field = { key: string; label: string; section: FieldSection; mode: PartnerMode };
export type TemplateDraft = {
  id: string | null;
  name: string;
  fields: { key: string; label: string; section: FieldSection }[];
  partnerView: Record<string, "read" | "edit">;
  statuses: WorkflowStatus[];
};

const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^\w]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase()
    .slice(0, 40);

export function TemplateDesigner({
  organizationId,
  draft,
  locale,
}: {
  organizationId: string;
  draft: TemplateDraft;
  locale: Locale;
}) {
  const id = useId();
  const [templateId, setTemplateId] = useState(draft.id);
  const [name, setName] = useState(draft.name);
  const [fields, setFields] = useState<Field[]>(
    draft.fields.map((f) => ({ ...f, mode: draft.partnerView[f.key] ?? "hidden" })),
  );
  const [statuses, setStatuses] = useState<WorkflowStatus[]>(draft.statuses);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const setField = (i: number, patch: Partial<Field>) =>
    setFields((list) => list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const setStatus = (i: number, patch: Partial<WorkflowStatus>) =>
    setStatuses((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await saveTemplateAction({
        organizationId,
        templateId,
        name,
        fields: fields.map((f) => ({ key: f.key || slug(f.label), label: f.label, section: f.section })),
        partnerView: Object.fromEntries(fields.map((f) => [f.key || slug(f.label), f.mode])),
        statuses: statuses.map((s) => ({
          ...s,
          key: s.key || slug(s.label),
          partnerEditable: s.partnerVisible && s.partnerEditable,
        })),
      });
      if (!res.ok) return setError(res.error.message);
      setTemplateId(res.value.templateId);
      setSaved(true);
    } finally {
      setBusy(false);
    }
  }

  const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="template-designer"
      aria-label={name || t(locale, "template.new")}
    >
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${id}-name`} className="font-medium">
          {t(locale, "template.name")}
        </label>
        <input
          id={`${id}-name`}
          className={input}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={120}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t(locale, "template.fields")}</legend>
        {fields.map((f, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2 text-sm" data-testid="template-field">
            <label className="flex flex-col gap-1">
              <span>{t(locale, "template.field.label")}</span>
              <input
                className={input}
                value={f.label}
                onChange={(e) => setField(i, { label: e.target.value })}
                required
                maxLength={120}
              />
            </label>
            <label className="flex flex-col gap-1">
              <span>{t(locale, "template.field.key")}</span>
              <input
                className={`${input} font-mono`}
                value={f.key}
                placeholder={slug(f.label)}
                onChange={(e) => setField(i, { key: e.target.value })}
                maxLength={40}
                pattern="[a-z0-9_]{1,40}"
              />
            </label>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-f${i}-section`}>{t(locale, "template.field.section")}</label>
              <select
                id={`${id}-f${i}-section`}
                className={input}
                value={f.section}
                onChange={(e) => setField(i, { section: e.target.value as FieldSection })}
              >
                {FIELD_SECTIONS.map((s) => (
                  <option key={s} value={s}>
                    {t(locale, `template.section.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-f${i}-mode`}>{t(locale, "template.partnerMode")}</label>
              <select
                id={`${id}-f${i}-mode`}
                className={input}
                value={f.mode}
                onChange={(e) => setField(i, { mode: e.target.value as PartnerMode })}
              >
                {PARTNER_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(locale, `template.mode.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="button" variant="ghost" onClick={() => setFields((list) => list.filter((_, j) => j !== i))}>
              {t(locale, "template.remove")}
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => setFields((list) => [...list, { key: "", label: "", section: "partner", mode: "edit" }])}
        >
          {t(locale, "template.addField")}
        </Button>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t(locale, "template.statuses")}</legend>
        {statuses.map((s, i) => (
          <div key={i} className="flex flex-wrap items-end gap-3 text-sm" data-testid="template-status">
            <label className="flex flex-col gap-1">
              <span>{t(locale, "template.status.label")}</span>
              <input
                className={input}
                value={s.label}
                onChange={(e) => setStatus(i, { label: e.target.value })}
                required
                maxLength={80}
              />
            </label>
            <label className="flex flex-col gap-1">
              <span>{t(locale, "template.status.key")}</span>
              <input
                className={`${input} font-mono`}
                value={s.key}
                placeholder={slug(s.label)}
                onChange={(e) => setStatus(i, { key: e.target.value })}
                maxLength={40}
              />
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={s.partnerVisible}
                onChange={(e) => setStatus(i, { partnerVisible: e.target.checked })}
              />
              {t(locale, "template.status.visible")}
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={s.partnerEditable}
                disabled={!s.partnerVisible}
                onChange={(e) => setStatus(i, { partnerEditable: e.target.checked })}
              />
              {t(locale, "template.status.editable")}
            </label>
            <Button
              type="button"
              variant="ghost"
              disabled={statuses.length === 1}
              onClick={() => setStatuses((list) => list.filter((_, j) => j !== i))}
            >
              {t(locale, "template.remove")}
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setStatuses((list) => [...list, { key: "", label: "", partnerVisible: false, partnerEditable: false }])
          }
        >
          {t(locale, "template.addStatus")}
        </Button>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? t(locale, "template.saving") : t(locale, "template.save")}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-800">
            {t(locale, "template.saved")}
          </span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
