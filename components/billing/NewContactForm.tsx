"use client";
// A new contact of an organization (issue 12, item 1): person or company, name, email, phone, address.
import { useId, useState, type FormEvent } from "react";
import { createContactAction } from "@/server/domain/contact/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600";

export function NewContactForm({ organizationId, locale }: { organizationId: string; locale: Locale }) {
  const id = useId();
  const [kind, setKind] = useState<"person" | "company">("person");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await createContactAction({
      organizationId,
      kind,
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      phone: String(f.get("phone") ?? ""),
      address: String(f.get("address") ?? ""),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    window.location.assign(`/contacts/${res.value.id}`);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 text-sm sm:grid-cols-2">
      <fieldset className="flex gap-4 sm:col-span-2">
        <label>
          <input type="radio" checked={kind === "person"} onChange={() => setKind("person")} />{" "}
          {t(locale, "billing.contactKind.person")}
        </label>
        <label>
          <input type="radio" checked={kind === "company"} onChange={() => setKind("company")} />{" "}
          {t(locale, "billing.contactKind.company")}
        </label>
      </fieldset>
      <div>
        <label htmlFor={`${id}-name`}>{t(locale, "billing.name")}</label>
        <input id={`${id}-name`} name="name" required maxLength={200} className={input} />
      </div>
      <div>
        <label htmlFor={`${id}-email`}>{t(locale, "billing.email")}</label>
        <input id={`${id}-email`} name="email" type="email" maxLength={320} className={input} />
      </div>
      <div>
        <label htmlFor={`${id}-phone`}>{t(locale, "billing.phone")}</label>
        <input id={`${id}-phone`} name="phone" maxLength={50} className={input} />
      </div>
      <div>
        <label htmlFor={`${id}-address`}>{t(locale, "billing.address")}</label>
        <textarea id={`${id}-address`} name="address" rows={2} maxLength={500} className={input} />
      </div>
      <div className="sm:col-span-2">
        {error && (
          <p role="alert" className="mb-2 text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" busy={busy}>
          {t(locale, "billing.newContact")}
        </Button>
      </div>
    </form>
  );
}
