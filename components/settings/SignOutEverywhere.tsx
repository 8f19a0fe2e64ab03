"use client";
// X1: "Se déconnecter de partout": every session of the user ends on the server (other browsers and
// devices, their open sockets cut at once), then this browser drops its cookie and goes to the login page.
import { signOut } from "../auth/client";
import { useState, useTransition } from "react";
import { signOutEverywhereAction } from "@/server/domain/session/actions";
import { t, type Locale } from "@/server/i18n";
import { clearOutboxes } from "../conversation/outbox";
import { Button } from "../ui/Button";

export function SignOutEverywhere({
  locale,
  openSessions,
  idleMinutes,
  lifetimeHours,
}: {
  locale: Locale;
  openSessions: number;
  idleMinutes: number;
  lifetimeHours: number;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="text-lg font-semibold">
        {t(locale, "session.title")}
      </h2>
      <p className="mt-2 text-sm text-slate-700" data-testid="open-sessions">
        {t(locale, "session.open", { count: openSessions })}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        {t(locale, "session.limits", { idle: idleMinutes, hours: lifetimeHours })}
      </p>
      <div className="mt-3">
        <Button
          type="button"
          variant="secondary"
          busy={pending}
          onClick={() =>
            start(async () => {
              setError(null);
              const res = await signOutEverywhereAction();
              if (!res.ok) return setError(res.error.message);
              clearOutboxes();
              await signOut({ callbackUrl: "/login" });
            })
          }
        >
          {t(locale, "session.signOutEverywhere")}
        </Button>
      </div>
      <p className="mt-2 text-sm text-slate-600">{t(locale, "session.signOutEverywhere.hint")}</p>
      {error ? (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
