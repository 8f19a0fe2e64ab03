"use client";
// S9 (issue 16 item 1): on an on-behalf solicitation's card, the person it was made for, and the
// invitation to take over the dossier as its referent.
import { useState } from "react";
import { inviteOnBehalfReferentAction } from "@/server/domain/partner/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function OnBehalfTakeOver({
  solicitationId,
  person,
  locale,
}: {
  solicitationId: string;
  person: { name: string; email: string } | null;
  locale: Locale;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!person) return null;

  async function invite() {
    setBusy(true);
    setMessage(null);
    try {
      const res = await inviteOnBehalfReferentAction({ solicitationId });
      setMessage(
        res.ok
          ? { ok: true, text: t(locale, "onBehalf.invited", { name: person!.name }) }
          : { ok: false, text: res.error.message },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-3 space-y-2 text-sm" data-testid="on-behalf-card">
      <p>{t(locale, "onBehalf.card", { name: person.name, email: person.email })}</p>
      <Button variant="secondary" busy={busy} onClick={() => void invite()}>
        {t(locale, "onBehalf.invite", { name: person.name })}
      </Button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-800" : "text-red-700"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
