"use client";
// The dossier's conversation (C1, C4, C5, C6): live messages in seq order, a composer whose sends are
// acknowledged after commit and retried with the same client id.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MESSAGE_MAX_LENGTH, type DossierEventWire, type MessageView } from "@/server/realtime/contract";
import { t, type Locale } from "@/server/i18n";
import type { SystemLine } from "@/server/domain/conversation/service";
import type { ComposerRecipients } from "@/server/domain/notification/service";
import { describePauseEvent, isPauseEvent } from "../pause/describe";
import { useDossierEvent, useDossierLive } from "../realtime/DossierLive";
import { getSocket } from "../realtime/socket";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { dateFormat } from "@/server/i18n/format";

type Outgoing = { clientId: string; body: string; recipientIds?: string[]; state: "sending" | "failed" };

type Item = { kind: "message"; seq: number; message: MessageView } | { kind: "system"; seq: number; line: SystemLine };

/** Messages and system lines in one list, in seq order (the order everyone sees, C1). */
function interleave(messages: MessageView[], lines: SystemLine[]): Item[] {
  const items: Item[] = [
    ...messages.map((message) => ({ kind: "message" as const, seq: message.seq, message })),
    ...lines.map((line) => ({ kind: "system" as const, seq: line.seq, line })),
  ];
  return items.sort((a, b) => a.seq - b.seq);
}

function newClientId() {
  return crypto.randomUUID().replace(/-/g, "");
}

export function Conversation({
  initialMessages,
  initialSystemLines = [],
  me,
  locale,
  recipients,
}: {
  initialMessages: MessageView[];
  /** P9: pauses and reactivations, interleaved with the messages by seq */
  initialSystemLines?: SystemLine[];
  me: { userId: string; name: string };
  locale: Locale;
  /** C2, C3: the advisors the sender may address or copy, with their participation */
  recipients?: ComposerRecipients;
}) {
  const [messages, setMessages] = useState<MessageView[]>(initialMessages);
  const [systemLines, setSystemLines] = useState<SystemLine[]>(initialSystemLines);
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  // C2, C3: preselected from participation; the sender adds or removes anyone.
  const [chosen, setChosen] = useState<string[]>(() => preselected(recipients));
  const listRef = useRef<HTMLOListElement>(null);

  const addMessage = useCallback((m: MessageView) => {
    setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m].sort((a, b) => a.seq - b.seq)));
    setOutgoing((list) => list.filter((o) => o.clientId !== m.clientId));
  }, []);

  useDossierEvent((e: DossierEventWire) => {
    if (e.type === "message.created") addMessage(e.payload as MessageView);
    else if (isPauseEvent(e.type))
      setSystemLines((list) => (list.some((x) => x.seq === e.seq) ? list : [...list, e].sort((a, b) => a.seq - b.seq)));
  });
  const { status, viewers, typing, dossierId } = useDossierLive();

  // C7: what is on screen is read: the newest message's seq goes to the server while the tab is visible.
  const newestSeq = messages.length ? messages[messages.length - 1].seq : 0;
  useEffect(() => {
    if (status !== "live" || newestSeq === 0) return;
    const mark = () => {
      if (document.visibilityState === "visible") getSocket().emit("dossier:read", { dossierId, seq: newestSeq });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [status, newestSeq, dossierId]);

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, outgoing.length, systemLines.length]);

  const send = useCallback(
    (clientId: string, body: string, recipientIds?: string[]) => {
      setOutgoing((list) => [
        ...list.filter((o) => o.clientId !== clientId),
        { clientId, body, recipientIds, state: "sending" },
      ]);
      getSocket()
        .timeout(10_000)
        .emit("message:send", { dossierId, clientId, body, ...(recipientIds ? { recipientIds } : {}) }, (err, res) => {
          if (!err && res.ok) {
            addMessage(res.message);
            return;
          }
          setOutgoing((list) => list.map((o) => (o.clientId === clientId ? { ...o, state: "failed" } : o)));
          if (!err && !res.ok) setError(res.error.message);
        });
    },
    [dossierId, addMessage],
  );

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (draft.trim().length === 0) return setError(t(locale, "message.empty"));
    if (draft.length > MESSAGE_MAX_LENGTH) return setError(t(locale, "message.tooLong"));
    setError(null);
    send(newClientId(), draft, recipients ? chosen : undefined);
    setDraft("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key.length === 1) {
      getSocket().emit("typing", { dossierId });
    }
  }

  const fmt = dateFormat(locale, "short");
  const others = typing.filter((x) => x.userId !== me.userId);

  if (status === "revoked") {
    return (
      <p role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900">
        {t(locale, "conversation.revoked")}{" "}
        <a className="underline" href="/dashboard">
          {t(locale, "dossier.back")}
        </a>
      </p>
    );
  }

  return (
    <div className="flex flex-col rounded-xl border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-sm">
        <span className="flex items-center gap-2" data-testid="channel-status" data-status={status}>
          <span
            aria-hidden="true"
            className={`h-2 w-2 rounded-full ${status === "live" ? "bg-emerald-500" : "bg-amber-500"}`}
          />
          {status === "live" ? t(locale, "conversation.live") : t(locale, "conversation.offline")}
        </span>
        <span className="flex -space-x-1" aria-label={viewers.map((v) => v.name).join(", ")} data-testid="presence">
          {viewers.map((v) => (
            <span key={v.userId} title={v.name}>
              <Avatar name={v.name} size="sm" />
            </span>
          ))}
        </span>
      </div>
      <ol
        ref={listRef}
        aria-live="polite"
        aria-label={t(locale, "dossier.conversation")}
        className="max-h-[60vh] min-h-48 space-y-4 overflow-y-auto px-4 py-4"
        data-testid="messages"
      >
        {messages.length === 0 && outgoing.length === 0 ? (
          <li className="py-8 text-center text-sm text-slate-600">{t(locale, "conversation.empty")}</li>
        ) : null}
        {interleave(messages, systemLines).map((item) => {
          if (item.kind === "system") {
            const line = describePauseEvent(locale, item.line.type, item.line.payload);
            if (!line) return null;
            return (
              <li
                key={`s${item.line.seq}`}
                data-testid="system-line"
                data-type={item.line.type}
                data-seq={item.line.seq}
                className="text-center text-xs text-slate-600"
              >
                <span className="inline-block rounded-full bg-amber-50 px-3 py-1 text-amber-900">
                  {line.text}
                  {line.reason ? ` — ${line.reason}` : ""}
                  {line.comment ? ` (${line.comment})` : ""} ·{" "}
                  <time dateTime={item.line.at}>{fmt.format(new Date(item.line.at))}</time>
                </span>
              </li>
            );
          }
          const m = item.message;
          const mine = m.author.id === me.userId;
          return (
            <li
              key={m.id}
              data-testid="message"
              data-seq={m.seq}
              className={`flex gap-3 ${mine ? "flex-row-reverse" : ""}`}
            >
              <Avatar name={m.author.name} size="sm" />
              <div
                className={`max-w-[75%] rounded-2xl px-3.5 py-2 ${mine ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-900"}`}
              >
                <p className={`text-xs ${mine ? "text-brand-100" : "text-slate-600"}`}>
                  {mine ? t(locale, "conversation.you") : m.author.name} ·{" "}
                  <time dateTime={m.createdAt}>{fmt.format(new Date(m.createdAt))}</time>
                </p>
                <p className="whitespace-pre-wrap break-words text-sm" data-testid="message-body">
                  {m.body}
                </p>
              </div>
            </li>
          );
        })}
        {outgoing.map((o) => (
          <li key={o.clientId} data-testid="outgoing" className="flex flex-row-reverse gap-3 opacity-80">
            <Avatar name={me.name} size="sm" />
            <div className="max-w-[75%] rounded-2xl bg-brand-100 px-3.5 py-2 text-slate-900">
              <p className="whitespace-pre-wrap break-words text-sm">{o.body}</p>
              <p className="mt-1 text-xs text-slate-600">
                {o.state === "sending" ? t(locale, "conversation.sending") : t(locale, "conversation.failed")}
                {o.state === "failed" ? (
                  <button
                    type="button"
                    className="ml-2 underline"
                    onClick={() => send(o.clientId, o.body, o.recipientIds)}
                  >
                    {t(locale, "conversation.retry")}
                  </button>
                ) : null}
              </p>
            </div>
          </li>
        ))}
      </ol>
      <p className="h-5 px-4 text-xs text-slate-600" aria-live="polite">
        {others.length ? `${others.map((x) => x.name).join(", ")} …` : ""}
      </p>
      <form onSubmit={submit} className="border-t border-slate-100 p-3" noValidate>
        {recipients && recipients.advisors.length > 0 ? (
          <RecipientPicker recipients={recipients} chosen={chosen} onChange={setChosen} locale={locale} />
        ) : null}
        <label htmlFor="composer" className="sr-only">
          {t(locale, "conversation.label")}
        </label>
        <textarea
          id="composer"
          name="body"
          rows={3}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          placeholder={t(locale, "conversation.placeholder")}
          aria-invalid={error ? true : undefined}
          aria-describedby="composer-hint composer-error"
          className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600"
        />
        <div className="mt-2 flex items-center justify-between gap-3">
          <div className="text-xs">
            {error ? (
              <p id="composer-error" role="alert" className="text-red-700" data-testid="composer-error">
                {error}
              </p>
            ) : (
              <p id="composer-hint" className="text-slate-600">
                {t(locale, "conversation.hint")}
              </p>
            )}
          </div>
          <Button type="submit">{t(locale, "conversation.send")}</Button>
        </div>
      </form>
    </div>
  );
}

function preselected(r: ComposerRecipients | undefined): string[] {
  if (!r) return [];
  return r.advisors.filter((a) => (r.side === "applicant" ? a.fromApplicants : a.toApplicants)).map((a) => a.userId);
}

/** C2: recipients of a question for advisors; C3: advisors copied on a question for applicants. A grey bell marks those who do not take part by default. */
function RecipientPicker({
  recipients,
  chosen,
  onChange,
  locale,
}: {
  recipients: ComposerRecipients;
  chosen: string[];
  onChange: (ids: string[]) => void;
  locale: Locale;
}) {
  const question = recipients.side === "applicant";
  return (
    <fieldset className="mb-2" data-testid="recipient-picker">
      <legend className="text-xs font-medium text-slate-700">
        {t(locale, question ? "notify.composer.recipients" : "notify.composer.copies")}
      </legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {recipients.advisors.map((a) => {
          const participates = question ? a.fromApplicants : a.toApplicants;
          const on = chosen.includes(a.userId);
          return (
            <label
              key={a.userId}
              data-testid="recipient"
              data-participating={participates}
              className={`flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs ${on ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
            >
              <input
                type="checkbox"
                checked={on}
                onChange={(e) =>
                  onChange(e.target.checked ? [...chosen, a.userId] : chosen.filter((id) => id !== a.userId))
                }
              />
              <Bell grey={!participates} label={participates ? "" : t(locale, "notify.composer.notParticipating")} />
              {a.name}
            </label>
          );
        })}
      </div>
      {question && chosen.length === 0 ? (
        <p className="mt-1 text-xs text-slate-600">{t(locale, "notify.composer.none")}</p>
      ) : null}
    </fieldset>
  );
}

function Bell({ grey, label }: { grey: boolean; label: string }) {
  return (
    <span
      className={grey ? "text-slate-400" : "text-brand-600"}
      title={label || undefined}
      data-testid={grey ? "grey-bell" : "bell"}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5">
        <path d="M10 2a6 6 0 0 0-6 6v3.586l-.707.707A1 1 0 0 0 4 14h12a1 1 0 0 0 .707-1.707L16 11.586V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
      </svg>
      {label ? <span className="sr-only">({label})</span> : null}
    </span>
  );
}
