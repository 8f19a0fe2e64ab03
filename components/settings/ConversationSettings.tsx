"use client";
// Conversation settings (N1–N3): frequency, notification language and participation per dossier,
// grouped by organization in collapsible groups. Every change is saved at once, with feedback.
import { useState, useTransition } from "react";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import type { ConversationSettingsView, ParticipationRow } from "@/server/domain/settings/service";
import {
  setFrequencyAction,
  setNotificationLocaleAction,
  setParticipationAction,
  setParticipationForAllAction,
} from "@/server/domain/settings/actions";
import { FREQUENCIES, type Frequency } from "@/server/domain/notification/frequencies";
import { Button } from "../ui/Button";
import { EmptyState } from "../ui/EmptyState";

type Switch = "fromApplicants" | "toApplicants";
const SWITCHES: { key: Switch; label: MessageKey }[] = [
  { key: "fromApplicants", label: "notify.settings.fromApplicants" },
  { key: "toApplicants", label: "notify.settings.toApplicants" },
];

type Outcome = { ok: true } | { ok: false; error: { message: string } };

export function ConversationSettings({
  initial,
  locale,
  countLabels,
}: {
  initial: ConversationSettingsView;
  locale: Locale;
  /** "3 dossiers" per organization id, written by the server: a plural here would make the browser load
   * its number formatting data during hydration (some 100 ms of blocked main thread on a slow phone) */
  countLabels: Record<string, string>;
}) {
  const [frequency, setFrequency] = useState<Frequency>(initial.frequency);
  const [notifLocale, setNotifLocale] = useState<Locale | "profile">(initial.locale ?? "profile");
  const [orgs, setOrgs] = useState(initial.organizations);
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  /** Applies the change on screen at once, saves it, and puts the previous state back if refused. */
  function save(apply: () => void, undo: () => void, call: () => Promise<Outcome>) {
    apply();
    setStatus("saving");
    setError(null);
    startTransition(async () => {
      try {
        const res = await call();
        if (res.ok) return setStatus("saved");
        undo();
        setStatus("idle");
        setError(res.error.message);
      } catch {
        undo();
        setStatus("idle");
        setError(t(locale, "error.internal"));
      }
    });
  }

  function setRows(update: (d: ParticipationRow, orgId: string) => ParticipationRow) {
    setOrgs((list) => list.map((o) => ({ ...o, dossiers: o.dossiers.map((d) => update(d, o.id)) })));
  }

  function toggle(dossierId: string, key: Switch, value: boolean) {
    save(
      () => setRows((d) => (d.id === dossierId ? { ...d, [key]: value } : d)),
      () => setRows((d) => (d.id === dossierId ? { ...d, [key]: !value } : d)),
      () => setParticipationAction({ dossierId, switch: key, value }),
    );
  }

  function applyAll(key: Switch, value: boolean, organizationId?: string) {
    const before = orgs;
    save(
      () => setRows((d, orgId) => (!organizationId || orgId === organizationId ? { ...d, [key]: value } : d)),
      () => setOrgs(before),
      () => setParticipationForAllAction({ switch: key, value, ...(organizationId ? { organizationId } : {}) }),
    );
  }

  const profileName = t(locale, `notify.language.${initial.profileLocale}` as MessageKey);

  return (
    <div className="mt-2">
      <div className="mb-2 min-h-6 text-sm" aria-live="polite">
        {error ? (
          <p role="alert" className="text-red-700" data-testid="settings-error">
            {error}
          </p>
        ) : status === "saving" ? (
          <p role="status" className="text-slate-600">
            {t(locale, "notify.settings.saving")}
          </p>
        ) : status === "saved" ? (
          <p role="status" className="text-emerald-700" data-testid="settings-saved">
            {t(locale, "notify.settings.saved")}
          </p>
        ) : null}
      </div>

      <div className="space-y-6">
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <fieldset>
            <legend className="text-lg font-semibold">{t(locale, "notify.settings.frequency")}</legend>
            <div className="mt-3 space-y-2">
              {FREQUENCIES.map((f) => (
                <label key={f} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="frequency"
                    value={f}
                    checked={frequency === f}
                    onChange={() => {
                      const previous = frequency;
                      save(
                        () => setFrequency(f),
                        () => setFrequency(previous),
                        () => setFrequencyAction({ frequency: f }),
                      );
                    }}
                  />
                  {t(locale, `notify.frequency.${f}` as MessageKey)}
                </label>
              ))}
            </div>
            <p className="mt-3 text-sm text-slate-600">{t(locale, "notify.settings.immediatelyHint")}</p>
            <p className="mt-1 text-sm text-slate-600">{t(locale, "notify.settings.neverHint")}</p>
          </fieldset>
        </section>

        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <label htmlFor="notification-locale" className="text-lg font-semibold">
            {t(locale, "notify.settings.language")}
          </label>
          <select
            id="notification-locale"
            className="mt-3 block rounded-md border border-slate-300 px-3 py-2 text-sm"
            value={notifLocale}
            onChange={(e) => {
              const next = e.target.value as Locale | "profile";
              const previous = notifLocale;
              save(
                () => setNotifLocale(next),
                () => setNotifLocale(previous),
                () => setNotificationLocaleAction({ locale: next }),
              );
            }}
          >
            <option value="profile">{t(locale, "notify.settings.languageDefault", { language: profileName })}</option>
            <option value="fr">{t(locale, "notify.language.fr")}</option>
            <option value="en">{t(locale, "notify.language.en")}</option>
          </select>
        </section>

        {initial.advisor ? (
          <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="participation-title">
            <h2 id="participation-title" className="text-lg font-semibold">
              {t(locale, "notify.settings.participation")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t(locale, "notify.settings.participationHint")}</p>
            {orgs.length === 0 ? (
              <div className="mt-4">
                <EmptyState title={t(locale, "notify.settings.noDossiers")} />
              </div>
            ) : (
              <>
                <ApplyAll
                  locale={locale}
                  label={t(locale, "notify.settings.allDossiers")}
                  onApply={(key, value) => applyAll(key, value)}
                  testId="apply-all"
                />
                <div className="mt-4 space-y-3">
                  {orgs.map((o) => (
                    <details
                      key={o.id}
                      open
                      className="rounded-lg border border-slate-200"
                      data-testid="org-group"
                      data-org={o.name}
                    >
                      <summary className="cursor-pointer px-4 py-2 font-medium">
                        {o.name} <span className="text-sm font-normal text-slate-600">· {countLabels[o.id]}</span>
                      </summary>
                      <div className="border-t border-slate-100 px-4 py-3">
                        <ApplyAll
                          locale={locale}
                          label={t(locale, "notify.settings.orgDossiers", { organization: o.name })}
                          onApply={(key, value) => applyAll(key, value, o.id)}
                          testId="apply-org"
                        />
                        <table className="mt-3 w-full text-sm">
                          <thead>
                            <tr className="text-left text-slate-600">
                              <th scope="col" className="py-1 font-medium">
                                {t(locale, "notify.settings.dossier")}
                              </th>
                              {SWITCHES.map((s) => (
                                <th key={s.key} scope="col" className="py-1 text-center font-medium">
                                  {t(locale, s.label)}
                                </th>
                              ))}
                            </tr>
                          </thead>
                          <tbody>
                            {o.dossiers.map((d) => (
                              <tr
                                key={d.id}
                                className="border-t border-slate-100"
                                data-testid="participation-row"
                                data-dossier={d.id}
                              >
                                <th scope="row" className="py-2 text-left font-normal">
                                  <a className="underline-offset-2 hover:underline" href={`/dossiers/${d.id}`}>
                                    {d.title}
                                  </a>
                                </th>
                                {SWITCHES.map((s) => (
                                  <td key={s.key} className="py-2 text-center">
                                    <input
                                      type="checkbox"
                                      className="h-4 w-4"
                                      checked={d[s.key]}
                                      aria-label={`${t(locale, s.label)} — ${d.title}`}
                                      data-switch={s.key}
                                      onChange={(e) => toggle(d.id, s.key, e.target.checked)}
                                    />
                                  </td>
                                ))}
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    </details>
                  ))}
                </div>
              </>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function ApplyAll({
  locale,
  label,
  onApply,
  testId,
}: {
  locale: Locale;
  label: string;
  onApply: (key: Switch, value: boolean) => void;
  testId: string;
}) {
  return (
    <div
      className="mt-3 flex flex-wrap items-center gap-2 text-sm"
      role="group"
      aria-label={label}
      data-testid={testId}
    >
      <span className="font-medium text-slate-700">{label} :</span>
      {SWITCHES.map((s) => (
        <span key={s.key} className="flex gap-1">
          <Button type="button" variant="secondary" className="px-2 py-1 text-xs" onClick={() => onApply(s.key, true)}>
            {t(locale, "notify.settings.allOn", { label: t(locale, s.label) })}
          </Button>
          <Button type="button" variant="secondary" className="px-2 py-1 text-xs" onClick={() => onApply(s.key, false)}>
            {t(locale, "notify.settings.allOff", { label: t(locale, s.label) })}
          </Button>
        </span>
      ))}
    </div>
  );
}
