"use client";
// The referent hands their role to another applicant-side member (then they may leave).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { handReferentAction } from "@/server/domain/transfer/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function HandReferent({
  dossierId,
  applicants,
  locale,
}: {
  dossierId: string;
  applicants: { id: string; name: string }[];
  locale: Locale;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (applicants.length === 0) return <p className="text-sm text-slate-600">{t(locale, "transfer.referent.none")}</p>;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const toUserId = String(new FormData(e.currentTarget).get("toUserId") ?? "");
    start(async () => {
      const res = await handReferentAction({ dossierId, toUserId });
      if (!res.ok) setError(res.error.message);
      else router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        {t(locale, "transfer.referent.to")}
        <select name="toUserId" required className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
          {applicants.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" disabled={pending}>
        {t(locale, "transfer.referent.button")}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
