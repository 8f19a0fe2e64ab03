"use client";
// The dossier's Partners tab for the advisor side (S1, S6, S10, S11): ask a partner, follow each
// solicitation's state live, read answers as they arrive, remind (Notify) and revoke.
import { useCallback, useId, useState, type FormEvent } from "react";
import {
  createSolicitationAction,
  notifyPartnersAction,
  refreshSolicitationsAction,
  revokeSolicitationAction,
} from "@/server/domain/solicitation/actions";
import type { PartnerCandidates } from "@/server/domain/solicitation/candidates";
import type { SolicitationState, SolicitationView } from "@/server/domain/solicitation/events";
import { SCOPE_PRESETS, SOLICITATION_KINDS } from "@/server/domain/solicitation/kinds";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierEvent } from "../realtime/DossierLive";
import { OnBehalfTakeOver } from "./OnBehalfTakeOver";
import { StagesChooser } from "./StagesChooser";
import { SuppliedAnswers } from "./SuppliedAnswers";

/** S5: a partner's answers or files changed: the cards refetch (issue 16 item 5). */
const SUPPLIED_EVENTS = new Set(["dossier.fields_changed", "partner.supplement_uploaded", "partner.on_behalf_named"]);
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { LiveStatus } from "../partner/LiveStatus";
import { EmptyState } from "../ui/EmptyState";
import { scopeText } from "./describe";
import { PartnerPicker } from "./PartnerPicker";
import { ReminderControls } from "./ReminderControls";
import { useDates, useDays } from "@/components/i18n/Dates";

const stateTone: Record<SolicitationState, "neutral" | "brand" | "warning" | "success"> = {
  waiting: "neutral",
  expired: "warning",
  pending: "brand",
  answered: "success",
  overdue: "warning",
  withdrawn: "neutral",
};

export function PartnersPanel({
  dossierId,
  initial,
  locale,
  today,
  candidates,
}: {
  dossierId: string;
  initial: SolicitationView[];
  locale: Locale;
  today: string;
  candidates: PartnerCandidates;
}) {
  const [list, setList] = useState(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [notifying, setNotifying] = useState(false);

  const refresh = useCallback(async () => {
    const res = await refreshSolicitationsAction(dossierId);
    if (res.ok) setList(res.value);
  }, [dossierId]);

  useDossierEvent((e: DossierEventWire) => {
    if (e.type.startsWith("solicitation.") || SUPPLIED_EVENTS.has(e.type)) void refresh();
  });

  async function notify() {
    setNotifying(true);
    setNotice(null);
    try {
      const res = await notifyPartnersAction({ dossierId });
      if (!res.ok) return setNotice(res.error.message);
      setNotice(
        res.value.reminded > 0
          ? t(locale, "solicitation.notified", { count: res.value.reminded })
          : t(locale, "solicitation.notifyNone"),
      );
      await refresh();
    } finally {
      setNotifying(false);
    }
  }

  const open = list.some((s) => s.canRemind);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t(locale, "solicitation.intro")}</p>
        <LiveStatus locale={locale} />
      </div>
      <NewSolicitation
        dossierId={dossierId}
        locale={locale}
        today={today}
        candidates={candidates}
        onCreated={refresh}
      />
      <section aria-labelledby="solicitations-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="solicitations-heading" className="text-lg font-semibold">
            {t(locale, "solicitation.heading")}
          </h2>
          <Button variant="secondary" onClick={notify} busy={notifying} disabled={!open}>
            {notifying ? t(locale, "solicitation.notifying") : t(locale, "solicitation.notify")}
          </Button>
        </div>
        {notice ? (
          <p role="status" className="text-sm text-slate-700">
            {notice}
          </p>
        ) : null}
        {list.length === 0 ? (
          <EmptyState title={t(locale, "solicitation.empty")}>{t(locale, "solicitation.emptyHint")}</EmptyState>
        ) : (
          <ul className="space-y-3" data-testid="solicitations">
            {list.map((s) => (
              <SolicitationCard key={s.id} dossierId={dossierId} s={s} locale={locale} onChanged={refresh} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function SolicitationCard({
  dossierId,
  s,
  locale,
  onChanged,
}: {
  dossierId: string;
  s: SolicitationView;
  locale: Locale;
  onChanged: () => Promise<void>;
}) {
  const date = useDates(locale);
  const day = useDays(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    if (!window.confirm(t(locale, "solicitation.revokeConfirm"))) return;
    setBusy(true);
    setError(null);
    try {
      const res = await revokeSolicitationAction({ solicitationId: s.id });
      if (!res.ok) setError(res.error.message);
      await onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <li
      className="rounded-xl border border-slate-200 bg-white p-4"
      data-testid="solicitation"
      data-solicitation-id={s.id}
      data-state={s.state}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {t(locale, `solicitation.kind.${s.kind}` as MessageKey)} · {scopeText(locale, s.scope)}
        </span>
        <span data-testid="solicitation-state">
          <Badge tone={stateTone[s.state]}>{t(locale, `solicitation.state.${s.state}` as MessageKey)}</Badge>
        </span>
        {s.confidential ? <Badge tone="warning">{t(locale, "solicitation.confidentialBadge")}</Badge> : null}
        <span className="ml-auto text-sm text-slate-600">
          {s.partnerName ? `${s.partnerName} · ` : ""}
          {s.partnerEmail}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t(locale, "solicitation.askedBy", { name: s.askedBy.name })}
        {s.dueDate ? ` · ${t(locale, "solicitation.due", { date: day(s.dueDate) })}` : ""}
      </p>
      {s.instructions ? <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{s.instructions}</p> : null}
      {s.answer ? (
        <div className="mt-3 rounded-lg bg-emerald-50 p-3" data-testid="solicitation-answer">
          <p className="text-xs font-medium text-emerald-900">
            {t(locale, "solicitation.answeredOn", { date: date(s.answeredAt!, "medium") })}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm">{s.answer.text}</p>
          {s.answer.file ? (
            <p className="mt-1 text-sm">
              <a className="text-brand-700 underline" href={`/dossiers/${dossierId}/partners/${s.id}/file`}>
                {t(locale, "solicitation.file", { name: s.answer.file.name })}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <SuppliedAnswers dossierId={dossierId} supplied={s.supplied} locale={locale} />
      {s.kind === "on_behalf" && !s.revokedAt ? (
        <OnBehalfTakeOver solicitationId={s.id} person={s.onBehalf} locale={locale} />
      ) : null}
      {!s.revokedAt ? (
        <StagesChooser solicitationId={s.id} stages={s.stages} locale={locale} onChanged={onChanged} />
      ) : null}
      {s.answerHidden ? (
        <p className="mt-3 text-sm italic text-slate-600">{t(locale, "solicitation.answerHidden")}</p>
      ) : null}
      {s.revokedAt ? (
        <p className="mt-2 text-sm text-slate-600">
          {t(locale, "solicitation.revokedOn", { date: date(s.revokedAt, "medium") })}
        </p>
      ) : null}
      <ReminderControls s={s} locale={locale} onChanged={onChanged} />
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {!s.revokedAt ? (
          <Button variant="ghost" className="ml-auto" onClick={revoke} busy={busy}>
            {busy ? t(locale, "solicitation.revoking") : t(locale, "solicitation.revoke")}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function NewSolicitation({
  dossierId,
  locale,
  today,
  candidates,
  onCreated,
}: {
  dossierId: string;
  locale: Locale;
  today: string;
  candidates: PartnerCandidates;
  onCreated: () => Promise<void>;
}) {
  const id = useId();
  const [kind, setKind] = useState<string>("opinion");
  const [scope, setScope] = useState<string>("legal");
  const [freeScope, setFreeScope] = useState("");
  const [external, setExternal] = useState(true);
  const [email, setEmail] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [instructions, setInstructions] = useState("");
  const [confidential, setConfidential] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const res = await createSolicitationAction({
        dossierId,
        kind,
        scope: scope === "other" ? freeScope : scope,
        external,
        partnerEmail: email,
        dueDate: dueDate || null,
        instructions,
        confidential,
      });
      if (!res.ok) return setError(res.error.message);
      setDone(true);
      setEmail("");
      setInstructions("");
      setDueDate("");
      setConfidential(false);
      await onCreated();
    } finally {
      setBusy(false);
    }
  }

  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      aria-labelledby={`${id}-title`}
      data-testid="solicitation-form"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t(locale, "solicitation.new")}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-kind`}>{t(locale, "solicitation.kind")}</label>
          <select id={`${id}-kind`} className={input} value={kind} onChange={(e) => setKind(e.target.value)}>
            {SOLICITATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(locale, `solicitation.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-scope`}>{t(locale, "solicitation.scope")}</label>
          <select id={`${id}-scope`} className={input} value={scope} onChange={(e) => setScope(e.target.value)}>
            {SCOPE_PRESETS.map((k) => (
              <option key={k} value={k}>
                {t(locale, `solicitation.scope.${k}` as MessageKey)}
              </option>
            ))}
            <option value="other">{t(locale, "solicitation.scope.other")}</option>
          </select>
        </div>
        {scope === "other" ? (
          <label className="flex flex-col gap-1 text-sm sm:col-span-2">
            <span>{t(locale, "solicitation.scope.free")}</span>
            <input
              className={input}
              value={freeScope}
              onChange={(e) => setFreeScope(e.target.value)}
              maxLength={80}
              required
            />
          </label>
        ) : null}
        <fieldset className="flex flex-col gap-1 text-sm sm:col-span-2">
          <legend className="mb-1">{t(locale, "solicitation.partnerType")}</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-ext`}
              checked={external}
              onChange={() => {
                setExternal(true);
                setEmail("");
              }}
            />
            {t(locale, "solicitation.external")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-ext`}
              checked={!external}
              onChange={() => {
                setExternal(false);
                setEmail("");
              }}
            />
            {t(locale, "solicitation.internal")}
          </label>
        </fieldset>
        <PartnerPicker
          id={id}
          external={external}
          candidates={candidates}
          value={email}
          onChange={setEmail}
          inputClass={input}
          locale={locale}
        />
        <label className="flex flex-col gap-1 text-sm">
          <span>{t(locale, "solicitation.dueDate")}</span>
          <input
            className={input}
            type="date"
            min={today}
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm sm:col-span-2">
          <span>{t(locale, "solicitation.instructions")}</span>
          <textarea
            className={input}
            rows={3}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
            maxLength={5000}
          />
        </label>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
          {t(locale, "solicitation.confidential")}
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" busy={busy}>
          {busy ? t(locale, "solicitation.submitting") : t(locale, "solicitation.submit")}
        </Button>
        {done ? (
          <span role="status" className="text-sm text-emerald-800">
            {t(locale, "solicitation.created")}
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
