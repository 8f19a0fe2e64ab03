"use client";
// The Parties panel (K1, K2, K7): every party of the dossier; clients carry the Active/Inactive switch.
// An inactive client is greyed with the label "Inactif"; when unbilled activities are linked to a
// client, hovering or focusing its switch shows the warning.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { removePartyAction, setClientActiveAction, setPortalSharingAction } from "@/server/domain/billing/actions";
import type { BillingView, PartyView } from "@/server/domain/billing/service";
import type { ContactView } from "@/server/domain/contact/service";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { PartiesDialog } from "./PartiesDialog";

export function ClientSwitch({
  party,
  locale,
  idSuffix = "",
}: {
  party: PartyView;
  locale: Locale;
  idSuffix?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const warn = party.unbilledCount > 0;
  const tipId = `party-warning-${party.id}${idSuffix}`;
  async function toggle() {
    setBusy(true);
    setError(null);
    const res = await setClientActiveAction({ partyId: party.id, active: !party.active });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }
  return (
    <span className="group relative inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={party.active}
        aria-label={t(locale, "billing.switchLabel", { name: party.contact.name })}
        aria-describedby={warn ? tipId : undefined}
        title={warn ? t(locale, "billing.unbilledWarning") : undefined}
        disabled={busy}
        onClick={toggle}
        data-testid={`party-switch-${party.id}`}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 ${party.active ? "bg-brand-600" : "bg-slate-300"}`}
      >
        <span
          aria-hidden
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${party.active ? "translate-x-5" : "translate-x-0.5"}`}
        />
      </button>
      <span className="text-sm">{t(locale, party.active ? "billing.active" : "billing.inactive")}</span>
      {warn && (
        <span
          id={tipId}
          role="tooltip"
          className="absolute right-0 top-full z-10 mt-1 hidden w-72 rounded-md bg-slate-900 p-2 text-xs text-white shadow group-focus-within:block group-hover:block"
        >
          {t(locale, "billing.unbilledWarning")}
        </span>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

function PortalButton({ party, locale }: { party: PartyView; locale: Locale }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  if (party.role !== "client" || !party.contact.email) return null;
  async function toggle() {
    setError(null);
    const res = await setPortalSharingAction({ partyId: party.id, shared: !party.portalShared });
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <Badge tone={party.portalShared ? "success" : "neutral"}>
        {t(locale, "billing.portal")} : {t(locale, party.portalShared ? "billing.portalOn" : "billing.portalOff")}
      </Badge>
      <button
        type="button"
        className="text-brand-700 hover:underline disabled:text-slate-400"
        disabled={!party.active && !party.portalShared}
        onClick={toggle}
      >
        {t(locale, party.portalShared ? "billing.portalUnshare" : "billing.portalShare")}
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

function RemoveButton({ party, locale }: { party: PartyView; locale: Locale }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setError(null);
    const res = await removePartyAction({ partyId: party.id });
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <button
        type="button"
        className="text-red-700 hover:underline"
        aria-label={t(locale, "billing.removePartyLabel", { name: party.contact.name })}
        onClick={remove}
      >
        {t(locale, "billing.removeParty")}
      </button>
      {error && (
        <span role="alert" className="max-w-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** One party; in the "Modifier les parties" dialog (`editing`) it can also be removed. */
export function PartyRow({
  party,
  locale,
  portal = true,
  editing = false,
}: {
  party: PartyView;
  locale: Locale;
  portal?: boolean;
  editing?: boolean;
}) {
  const inactive = party.role === "client" && !party.active;
  return (
    <li
      data-testid={`party-row-${party.id}`}
      data-active={party.role === "client" ? String(party.active) : undefined}
      className={`flex flex-wrap items-center justify-between gap-3 py-2 ${inactive ? "text-slate-600" : ""}`}
    >
      <span className="flex items-center gap-2">
        <a className={inactive ? "" : "text-brand-700 hover:underline"} href={`/contacts/${party.contact.id}`}>
          {party.contact.name}
        </a>
        <Badge>{t(locale, `billing.role.${party.role}` as MessageKey)}</Badge>
        {inactive && <Badge tone="warning">{t(locale, "billing.inactive")}</Badge>}
      </span>
      <span className="flex flex-wrap items-center gap-4">
        {portal && <PortalButton party={party} locale={locale} />}
        {party.role === "client" && <ClientSwitch party={party} locale={locale} idSuffix={editing ? "-dialog" : ""} />}
        {editing && <RemoveButton party={party} locale={locale} />}
      </span>
    </li>
  );
}

export function PartiesPanel({
  billing,
  contacts,
  locale,
  initialOpen = false,
}: {
  billing: BillingView;
  contacts: ContactView[];
  locale: Locale;
  initialOpen?: boolean;
}) {
  const [open, setOpen] = useState(initialOpen);
  return (
    <section aria-labelledby="billing-parties" className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between">
        <h2 id="billing-parties" className="text-lg font-semibold">
          {t(locale, "billing.parties")}
        </h2>
        <span className="flex items-center gap-3">
          <a className="text-sm text-brand-700 hover:underline" href="/contacts">
            {t(locale, "billing.contacts")}
          </a>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t(locale, "billing.editParties")}
          </Button>
        </span>
      </div>
      {billing.parties.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t(locale, "billing.noParties")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {billing.parties.map((p) => (
            <PartyRow key={p.id} party={p} locale={locale} />
          ))}
        </ul>
      )}
      {open && (
        <PartiesDialog
          billing={billing}
          contacts={contacts}
          locale={locale}
          inline={initialOpen}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}
