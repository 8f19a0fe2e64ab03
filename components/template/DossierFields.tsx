"use client";
// S5, S8: the advisor side reads the template's fields of the dossier, with what partners get of each;
// values typed by partners (supplement, on-behalf entry) appear live.
import { useState } from "react";
import { dossierFieldsAction } from "@/server/domain/template/actions";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { Badge } from "../ui/Badge";

type Field = { key: string; label: string; section: string; partnerMode: string; value: string };

export function DossierFields({ dossierId, initial, locale }: { dossierId: string; initial: Field[]; locale: Locale }) {
  const [fields, setFields] = useState(initial);
  useDossierEvent((e: DossierEventWire) => {
    if (e.type === "dossier.fields_changed")
      void dossierFieldsAction(dossierId).then((res) => res.ok && setFields(res.value));
  });
  return (
    <section aria-labelledby="dossier-fields" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="dossier-fields" className="text-lg font-semibold">
        {t(locale, "solicitation.fields")}
      </h2>
      {fields.length === 0 ? (
        <p className="text-sm text-slate-600">{t(locale, "solicitation.fieldsEmpty")}</p>
      ) : (
        <dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="dossier-fields">
          {fields.map((f) => (
            <div key={f.key}>
              <dt className="flex flex-wrap items-center gap-2 font-medium">
                {f.label}
                <Badge tone="neutral">{t(locale, `template.section.${f.section}` as MessageKey)}</Badge>
                <Badge tone={f.partnerMode === "hidden" ? "neutral" : "brand"}>
                  {t(locale, "common.colon", { label: t(locale, "template.partnerMode") })}{" "}
                  {t(locale, `template.mode.${f.partnerMode}` as MessageKey)}
                </Badge>
              </dt>
              <dd className="mt-1 whitespace-pre-wrap text-slate-800" data-testid={`dossier-field-${f.key}`}>
                {f.value || "—"}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
