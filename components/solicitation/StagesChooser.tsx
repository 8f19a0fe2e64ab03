"use client";
// S3 (issue 16 item 2): on a solicitation's card, at which stages its partner sees and edits the
// dossier; by default the template's. A change reaches the partner's open page at once.
import { useState } from "react";
import type { StageRow } from "@/server/domain/solicitation/choose-stages";
import { choosePartnerStagesAction } from "@/server/domain/solicitation/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";
import { BusyCheckbox } from "../ui/BusyCheckbox";

export function StagesChooser({
  solicitationId,
  stages,
  locale,
  onChanged,
}: {
  solicitationId: string;
  stages: StageRow[];
  locale: Locale;
  onChanged: () => Promise<void> | void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const custom = stages.some((s) => s.own);

  async function save(next: Record<string, { visible: boolean; editable: boolean }> | null) {
    setBusy(true);
    setError(null);
    try {
      const res = await choosePartnerStagesAction({ solicitationId, stages: next });
      if (!res.ok) setError(res.error.message);
      await onChanged();
    } finally {
      setBusy(false);
    }
  }

  const set = (key: string, change: Partial<{ visible: boolean; editable: boolean }>) =>
    save(
      Object.fromEntries(
        stages.map((s) => {
          const v = { visible: s.visible, editable: s.editable, ...(s.key === key ? change : {}) };
          return [s.key, { visible: v.visible, editable: v.visible && v.editable }];
        }),
      ),
    );

  return (
    <div className="mt-3 text-sm" data-testid="solicitation-stages">
      <button
        type="button"
        className="text-brand-700 underline"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t(locale, custom ? "solicitation.stages.custom" : "solicitation.stages.default")}
      </button>
      {open ? (
        <div className="mt-2 space-y-2">
          <table className="text-left">
            <thead>
              <tr>
                <th className="pr-4 font-medium">{t(locale, "solicitation.stages.status")}</th>
                <th className="pr-4 font-medium">{t(locale, "solicitation.stages.sees")}</th>
                <th className="font-medium">{t(locale, "solicitation.stages.edits")}</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr key={s.key}>
                  <td className="pr-4">{s.label}</td>
                  <td className="pr-4">
                    <BusyCheckbox
                      checked={s.visible}
                      busy={busy}
                      aria-label={t(locale, "solicitation.stages.seesAt", { status: s.label })}
                      onCheckedChange={(visible) => void set(s.key, { visible })}
                    />
                  </td>
                  <td>
                    <BusyCheckbox
                      checked={s.editable}
                      disabled={!s.visible}
                      busy={busy}
                      aria-label={t(locale, "solicitation.stages.editsAt", { status: s.label })}
                      onCheckedChange={(editable) => void set(s.key, { editable })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {custom ? (
            <Button variant="ghost" busy={busy} onClick={() => void save(null)}>
              {t(locale, "solicitation.stages.reset")}
            </Button>
          ) : null}
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
