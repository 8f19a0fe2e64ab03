"use client";
// The dossier's members (issue item 1): the advisor side invites and removes; everyone sees the list
// change live (member.added, member.removed, member.left).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { inviteMembersAction, removeMemberAction } from "@/server/domain/membership/actions";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { useDossierEvent } from "../realtime/DossierLive";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";

export type PanelMember = {
  userId: string;
  name: string;
  email: string | null;
  role: string;
  holder: boolean;
  removable: boolean;
};

export function MembersPanel({
  dossierId,
  members,
  canManage,
  me,
  locale,
}: {
  dossierId: string;
  members: PanelMember[];
  canManage: boolean;
  me: string;
  locale: Locale;
}) {
  const router = useRouter();
  useDossierEvent((e) => {
    // About me: losing access shows the revocation notice rather than a reload into a 404.
    if (e.type.startsWith("member.") && (e.payload as { userId?: string } | null)?.userId !== me) router.refresh();
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="members-heading" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t(locale, "dossier.members")}
        </h2>
        <ul className="mt-3 divide-y divide-slate-100" data-testid="members">
          {members.map((m) => (
            <MemberRow
              key={m.userId}
              dossierId={dossierId}
              member={m}
              me={me}
              locale={locale}
              onRemoved={() => router.refresh()}
            />
          ))}
        </ul>
      </section>
      {canManage ? <InviteForm dossierId={dossierId} locale={locale} onDone={() => router.refresh()} /> : null}
    </div>
  );
}

function MemberRow({
  dossierId,
  member: m,
  me,
  locale,
  onRemoved,
}: {
  dossierId: string;
  member: PanelMember;
  me: string;
  locale: Locale;
  onRemoved: () => void;
}) {
  const [step, setStep] = useState<"idle" | "confirm" | "busy">("idle");
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setStep("busy");
    const res = await removeMemberAction({ dossierId, userId: m.userId });
    if (res.ok) return onRemoved();
    setError(res.error.message);
    setStep("idle");
  }
  return (
    <li className="flex flex-wrap items-center gap-3 py-2" data-testid="member" data-user-id={m.userId}>
      <Avatar name={m.name} size="sm" />
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">
          {m.name}
          {m.userId === me ? ` (${t(locale, "membership.you")})` : ""}
        </span>
        <span className="block text-xs text-slate-600">
          {t(locale, (m.holder ? "role.holder" : `role.${m.role}`) as MessageKey)}
          {m.email ? ` · ${m.email}` : ""}
        </span>
      </span>
      {m.removable && m.userId !== me ? (
        step === "idle" ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => setStep("confirm")}
            aria-label={`${t(locale, "membership.remove")} ${m.name}`}
          >
            {t(locale, "membership.remove")}
          </Button>
        ) : (
          <span className="flex items-center gap-2">
            <span className="text-xs text-slate-700">{t(locale, "membership.removeConfirm", { name: m.name })}</span>
            <Button
              type="button"
              onClick={() => void remove()}
              busy={step === "busy"}
              className="bg-red-700 hover:bg-red-800"
            >
              {step === "busy" ? t(locale, "membership.removing") : t(locale, "membership.remove")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setStep("idle")} busy={step === "busy"}>
              {t(locale, "membership.leave.cancel")}
            </Button>
          </span>
        )
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function InviteForm({ dossierId, locale, onDone }: { dossierId: string; locale: Locale; onDone: () => void }) {
  const [emails, setEmails] = useState("");
  const [side, setSide] = useState<"applicant" | "advisor">("applicant");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const res = await inviteMembersAction({ dossierId, side, emails });
      if (!res.ok) return setError(res.error.message);
      setEmails("");
      setDone(true);
      onDone();
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      onSubmit={submit}
      className="h-fit space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      aria-labelledby="invite-heading"
      noValidate
    >
      <h2 id="invite-heading" className="text-lg font-semibold">
        {t(locale, "membership.invite.title")}
      </h2>
      <fieldset className="flex gap-4">
        <legend className="mb-1">{t(locale, "membership.invite.side")}</legend>
        {(["applicant", "advisor"] as const).map((s) => (
          <label key={s} className="flex items-center gap-2">
            <input type="radio" name="side" value={s} checked={side === s} onChange={() => setSide(s)} />
            {t(locale, s === "applicant" ? "membership.invite.sideApplicant" : "membership.invite.sideAdvisor")}
          </label>
        ))}
      </fieldset>
      <label className="block">
        <span className="mb-1 block">{t(locale, "membership.invite.emails")}</span>
        <textarea
          value={emails}
          onChange={(e) => setEmails(e.target.value)}
          rows={3}
          required
          aria-invalid={error ? true : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </label>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-emerald-800">
          {t(locale, "membership.invite.done")}
        </p>
      ) : null}
      <Button type="submit" busy={busy}>
        {busy ? t(locale, "membership.invite.submitting") : t(locale, "membership.invite.submit")}
      </Button>
    </form>
  );
}
