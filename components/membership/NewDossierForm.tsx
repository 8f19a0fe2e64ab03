"use client";
// Creating a dossier (issue item 1): title, referent by email, optional applicant members and advisors.
import { useState, type FormEvent } from "react";
import { createDossierAction } from "@/server/domain/membership/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function NewDossierForm({
  organizations,
  locale,
}: {
  organizations: { id: string; name: string }[];
  locale: Locale;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await createDossierAction({
      organizationId: String(f.get("organizationId") ?? ""),
      title: String(f.get("title") ?? ""),
      referentEmail: String(f.get("referentEmail") ?? ""),
      applicantEmails: String(f.get("applicantEmails") ?? ""),
      advisorEmails: String(f.get("advisorEmails") ?? ""),
    });
    if (res.ok) {
      // K1: step 2 – Parties, on the new dossier's Billing tab.
      window.location.assign(`/dossiers/${res.value.dossierId}/billing?step=parties`);
      return;
    }
    setError(res.error.message);
    setBusy(false);
  }

  const input = "block w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form
      onSubmit={submit}
      className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-5 text-sm"
      noValidate
    >
      {organizations.length > 1 ? (
        <label className="block">
          <span className="mb-1 block">{t(locale, "membership.create.organization")}</span>
          <select name="organizationId" className={input}>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="organizationId" value={organizations[0]?.id ?? ""} />
      )}
      <label className="block">
        <span className="mb-1 block">{t(locale, "membership.create.dossierTitle")}</span>
        <input name="title" required maxLength={200} className={input} />
      </label>
      <label className="block">
        <span className="mb-1 block">{t(locale, "membership.create.referent")}</span>
        <input name="referentEmail" type="email" required className={input} />
      </label>
      <label className="block">
        <span className="mb-1 block">{t(locale, "membership.create.applicants")}</span>
        <textarea name="applicantEmails" rows={2} className={input} />
      </label>
      <label className="block">
        <span className="mb-1 block">{t(locale, "membership.create.advisors")}</span>
        <textarea name="advisorEmails" rows={2} className={input} />
      </label>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" busy={busy}>
        {busy ? t(locale, "membership.create.submitting") : t(locale, "membership.create.submit")}
      </Button>
    </form>
  );
}
