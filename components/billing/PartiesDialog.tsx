"use client";
// "Modifier les parties" (K1): the dossier's parties with their switches, and adding one, from the
// organization's contacts or as a new contact.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { addPartyAction } from "@/server/domain/billing/actions";
import type { BillingView } from "@/server/domain/billing/service";
import { createContactAction } from "@/server/domain/contact/actions";
import type { ContactView } from "@/server/domain/contact/service";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";
import { PartyRow } from "./PartiesPanel";

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600";
const NEW = "__new__";

export function PartiesDialog({
  billing,
  contacts,
  locale,
  onClose,
  inline = false,
}: {
  billing: BillingView;
  contacts: ContactView[];
  locale: Locale;
  onClose: () => void;
  /** dossier creation's step 2: shown in the page, not as a modal (nothing else is blocked) */
  inline?: boolean;
}) {
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  // Labels point at their select (a wrapping label would take the options' text into the name).
  const uid = useId();
  const [contactId, setContactId] = useState(contacts[0]?.id ?? NEW);
  const [role, setRole] = useState<"client" | "opposing" | "related">("client");
  const [active, setActive] = useState(true);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"person" | "company">("person");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open && !inline) d.showModal();
  }, [inline]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    let id = contactId;
    if (id === NEW) {
      const created = await createContactAction({ organizationId: billing.organizationId, kind, name, email });
      if (!created.ok) {
        setBusy(false);
        return setError(created.error.message);
      }
      id = created.value.id;
    }
    const res = await addPartyAction({ dossierId: billing.dossierId, contactId: id, role, active });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setName("");
    setEmail("");
    router.refresh();
  }

  const body = (
    <div className="p-5">
      <div className="flex items-center justify-between">
        <h2 id="parties-dialog-title" className="text-lg font-semibold">
          {t(locale, "billing.editParties")}
        </h2>
        <Button variant="ghost" onClick={() => (inline ? onClose() : ref.current?.close())}>
          {t(locale, "billing.close")}
        </Button>
      </div>
      <ul className="mt-3 divide-y divide-slate-100">
        {billing.parties.map((p) => (
          <PartyRow key={p.id} party={p} locale={locale} portal={false} editing />
        ))}
      </ul>
      <form onSubmit={submit} className="mt-4 grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-2">
        <div className="text-sm">
          <label htmlFor={`${uid}-contact`}>{t(locale, "billing.contact")}</label>
          <select
            id={`${uid}-contact`}
            className={input}
            value={contactId}
            onChange={(e) => setContactId(e.target.value)}
          >
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW}>{t(locale, "billing.newContact")}…</option>
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor={`${uid}-role`}>{t(locale, "billing.role")}</label>
          <select
            id={`${uid}-role`}
            className={input}
            value={role}
            onChange={(e) => setRole(e.target.value as typeof role)}
          >
            <option value="client">{t(locale, "billing.role.client")}</option>
            <option value="opposing">{t(locale, "billing.role.opposing")}</option>
            <option value="related">{t(locale, "billing.role.related")}</option>
          </select>
        </div>
        {contactId === NEW && (
          <>
            <label className="text-sm">
              {t(locale, "billing.name")}
              <input className={input} value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
            <label className="text-sm">
              {t(locale, "billing.email")}
              <input className={input} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <fieldset className="text-sm">
              <label className="mr-4">
                <input type="radio" checked={kind === "person"} onChange={() => setKind("person")} />{" "}
                {t(locale, "billing.contactKind.person")}
              </label>
              <label>
                <input type="radio" checked={kind === "company"} onChange={() => setKind("company")} />{" "}
                {t(locale, "billing.contactKind.company")}
              </label>
            </fieldset>
          </>
        )}
        {role === "client" && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {t(locale, "billing.active")}
          </label>
        )}
        <div className="sm:col-span-2">
          {error && (
            <p role="alert" className="mb-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <Button type="submit" busy={busy}>
            {t(locale, "billing.addParty")}
          </Button>
        </div>
      </form>
    </div>
  );
  if (inline)
    return (
      <section aria-labelledby="parties-dialog-title" className="mt-4 rounded-xl border border-brand-200 bg-white">
        {body}
      </section>
    );
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="parties-dialog-title"
      className="w-full max-w-2xl rounded-xl p-0 backdrop:bg-slate-900/40"
    >
      {body}
    </dialog>
  );
}
