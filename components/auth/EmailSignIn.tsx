"use client";
import { signIn } from "./client";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";

type Labels = { email: string; submit: string; sending: string; invalid: string; failed: string };

export function EmailSignIn({ callbackUrl, labels }: { callbackUrl: string; labels: Labels }) {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError(labels.invalid);
      return;
    }
    setBusy(true);
    setError(null);
    const res = await signIn("email", { email: email.trim(), callbackUrl, redirect: false });
    setBusy(false);
    if (res?.error) setError(labels.failed);
    else window.location.assign("/login?sent=1");
  }

  return (
    <form onSubmit={submit} noValidate className="mt-5 space-y-3">
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {labels.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600"
        />
        {error ? (
          <p id="email-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" busy={busy} className="w-full">
        {busy ? labels.sending : labels.submit}
      </Button>
    </form>
  );
}
