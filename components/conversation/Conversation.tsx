"use client";
// The dossier's conversation (C1, C4, C5, C6, C8, C10): live messages in seq order; older pages loaded
// as the reader reaches the top, keeping what they read in place; day separators and a "new messages"
// marker; a composer whose messages wait in this browser while the connection is down and leave by
// themselves, in order and once each, when it returns.
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from "react";
import { MESSAGE_MAX_LENGTH, type DossierEventWire, type MessageView } from "@/server/realtime/contract";
import { t, type Locale } from "@/server/i18n";
import { HISTORY_PAGE_SIZE } from "@/server/domain/conversation/events";
import { addressedToAction, historyPageAction } from "@/server/domain/conversation/actions";
import type { SystemLine } from "@/server/domain/conversation/service";
import type { ComposerRecipients } from "@/server/domain/notification/service";
import { describePauseEvent, isPauseEvent } from "../pause/describe";
import { useDossierEvent, useDossierLive } from "../realtime/DossierLive";
import { currentSocket } from "../realtime/socket";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { useDates } from "../i18n/Dates";
import { outboxKey, useOutbox, type Pending, type SendOutcome } from "./outbox";

type Item = { kind: "message"; seq: number; message: MessageView } | { kind: "system"; seq: number; line: SystemLine };

/** Messages and system lines in one list, in seq order (the order everyone sees, C1). */
function interleave(messages: MessageView[], lines: SystemLine[]): Item[] {
  const items: Item[] = [
    ...messages.map((message) => ({ kind: "message" as const, seq: message.seq, message })),
    ...lines.map((line) => ({ kind: "system" as const, seq: line.seq, line })),
  ];
  return items.sort((a, b) => a.seq - b.seq);
}

/** Each item with the day it opens when it is the first of its day (C8: day separators). */
function withDays(items: Item[], dayOf: (at: string) => string) {
  const out: { item: Item; opens: { day: string; at: string } | null }[] = [];
  let last = "";
  for (const item of items) {
    const at = item.kind === "message" ? item.message.createdAt : item.line.at;
    const day = dayOf(at);
    out.push({ item, opens: day !== last ? { day, at } : null });
    last = day;
  }
  return out;
}

function bySeq<T extends { seq: number }>(list: T[]): T[] {
  const seen = new Set<number>();
  return [...list].sort((a, b) => a.seq - b.seq).filter((x) => !seen.has(x.seq) && !!seen.add(x.seq));
}

function newClientId() {
  return crypto.randomUUID().replace(/-/g, "");
}

/** Refusals that a resend would only repeat (C10: shown, not retried). */
const FINAL = new Set(["invalid", "not_found", "conflict", "unauthorized"]);

/** Within this distance of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 80;
/** Older messages are asked for when the reader comes this close to the top. */
const TOP_PX = 300;

export function Conversation({
  initialMessages,
  initialSystemLines = [],
  me,
  locale,
  recipients,
  lastReadSeq = 0,
  applicantIds = [],
  focusSeq,
  readOnly = false,
}: {
  initialMessages: MessageView[];
  /** P9: pauses and reactivations, interleaved with the messages by seq */
  initialSystemLines?: SystemLine[];
  me: { userId: string; name: string };
  locale: Locale;
  /** C2, C3: the advisors the sender may address or copy, with their participation */
  recipients?: ComposerRecipients;
  /** C7, C8: messages by others after this seq are new: the marker goes before the first of them */
  lastReadSeq?: number;
  /** the applicant side's members: their messages are questions for the advisors (C2) */
  applicantIds?: string[];
  /** C9: a search result opens this message in its place: older pages load until it is there */
  focusSeq?: number;
  /** T4: a read-only copy has no composer (the server refuses every write anyway) */
  readOnly?: boolean;
}) {
  const [messages, setMessages] = useState<MessageView[]>(initialMessages);
  const [systemLines, setSystemLines] = useState<SystemLine[]>(initialSystemLines);
  const [hasOlder, setHasOlder] = useState(initialMessages.length >= HISTORY_PAGE_SIZE);
  const [older, setOlder] = useState<"idle" | "loading" | "failed">("idle");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  // C2, C3: preselected from participation; the sender adds or removes anyone.
  const [chosen, setChosen] = useState<string[]>(() => preselected(recipients));
  const listRef = useRef<HTMLDivElement>(null);
  const { status, viewers, typing, dossierId } = useDossierLive();
  const advisorSide = recipients?.side === "advisor";
  // The marker stays where it was when the page opened, while this visit reads on.
  const [readUpTo] = useState(lastReadSeq);

  // C2, C3 on the advisor side: whom new messages were addressed to, read in batches (never in the
  // live event, which the applicant side receives too: A4).
  const wanted = useRef(new Set<number>());
  const wantTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wantAddressees = useCallback(
    (seq: number) => {
      if (!advisorSide) return;
      wanted.current.add(seq);
      if (wantTimer.current) return;
      wantTimer.current = setTimeout(async () => {
        wantTimer.current = null;
        const seqs = [...wanted.current];
        wanted.current.clear();
        // Offline, the request fails: the names come with the page's next load.
        const res = await addressedToAction({
          dossierId,
          fromSeq: Math.min(...seqs),
          toSeq: Math.max(...seqs),
        }).catch(() => null);
        if (!res?.ok) return;
        setMessages((list) => list.map((m) => (res.value[m.seq] && !m.to ? { ...m, to: res.value[m.seq] } : m)));
      }, 300);
    },
    [advisorSide, dossierId],
  );
  useEffect(
    () => () => {
      if (wantTimer.current) clearTimeout(wantTimer.current);
    },
    [],
  );

  const addMessage = useCallback(
    (m: MessageView) => {
      setMessages((list) => (list.some((x) => x.id === m.id) ? list : bySeq([...list, m])));
      wantAddressees(m.seq);
    },
    [wantAddressees],
  );

  const sendOne = useCallback(
    (p: Pending) =>
      new Promise<SendOutcome>((resolve) => {
        const payload = {
          dossierId,
          clientId: p.clientId,
          body: p.body,
          ...(p.recipientIds ? { recipientIds: p.recipientIds } : {}),
        };
        // only sent while live (useOutbox), so the socket is loaded; if not, the outbox tries again
        const socket = currentSocket();
        if (!socket) return resolve({ ok: false, refused: false });
        socket.timeout(10_000).emit("message:send", payload, (err, res) => {
          if (err) resolve({ ok: false, refused: false });
          else if (res.ok) resolve({ ok: true, message: res.message });
          else if (FINAL.has(res.error.code)) resolve({ ok: false, refused: true, error: res.error.message });
          else resolve({ ok: false, refused: false });
        });
      }),
    [dossierId],
  );
  const outbox = useOutbox(outboxKey(me.userId, dossierId), status === "live", sendOne, addMessage);
  const { delivered } = outbox;

  useDossierEvent((e: DossierEventWire) => {
    if (e.type === "message.created") {
      const m = e.payload as MessageView;
      addMessage(m);
      if (m.author.id === me.userId) delivered(m.clientId);
    } else if (isPauseEvent(e.type)) setSystemLines((list) => bySeq([...list, e]));
  });

  // C7: what is on screen is read: the newest message's seq goes to the server while the tab is visible.
  const newestSeq = messages.length ? messages[messages.length - 1].seq : 0;
  useEffect(() => {
    if (status !== "live" || newestSeq === 0) return;
    const mark = () => {
      if (document.visibilityState === "visible") currentSocket()?.emit("dossier:read", { dossierId, seq: newestSeq });
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [status, newestSeq, dossierId]);

  // Scrolling: at the first unread message (or the end) on opening; at the end for new messages while
  // the reader is there; and, when an older page is inserted above, what was on screen stays put
  // (measured before and after, the browser's own anchoring off so that it does not add its own).
  const atEnd = useRef(true);
  const restore = useRef<{ height: number; top: number } | null>(null);
  const opened = useRef(false);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    if (!opened.current) {
      opened.current = true;
      const marker = el.querySelector<HTMLElement>("[data-testid=unread-marker]");
      if (marker) el.scrollTop = marker.offsetTop - el.offsetTop - 8;
      else el.scrollTop = el.scrollHeight;
      atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      return;
    }
    if (restore.current) {
      el.scrollTop = restore.current.top + (el.scrollHeight - restore.current.height);
      restore.current = null;
    } else if (atEnd.current) el.scrollTop = el.scrollHeight;
  }, [messages, systemLines, outbox.items.length]);

  const loadOlder = useCallback(async () => {
    if (older === "loading" || !hasOlder || messages.length === 0) return;
    setOlder("loading");
    const res = await historyPageAction({ dossierId, beforeSeq: messages[0].seq }).catch(() => null);
    if (!res?.ok) {
      setOlder("failed");
      return;
    }
    const el = listRef.current;
    if (el) restore.current = { height: el.scrollHeight, top: el.scrollTop };
    setMessages((list) => bySeq([...res.value.messages, ...list]));
    setSystemLines((list) => bySeq([...res.value.systemLines, ...list]));
    setHasOlder(res.value.hasOlder);
    setOlder("idle");
  }, [older, hasOlder, messages, dossierId]);

  // C9: a search result's message: load older pages until it is there, then show it in its place
  // (after the render, so that each older page is in the list before the next look).
  const [found, setFound] = useState<number | null>(null);
  useEffect(() => {
    if (focusSeq === undefined || found === focusSeq) return;
    const frame = requestAnimationFrame(() => {
      const el = listRef.current?.querySelector<HTMLElement>(`[data-seq="${focusSeq}"]`);
      if (el) {
        el.scrollIntoView({ block: "center" });
        atEnd.current = false;
        setFound(focusSeq);
      } else if (hasOlder && older === "idle" && messages.length > 0 && messages[0].seq > focusSeq) void loadOlder();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusSeq, found, hasOlder, older, messages, loadOlder]);

  function onScroll() {
    const el = listRef.current;
    if (!el) return;
    atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (el.scrollTop < TOP_PX && older === "idle") void loadOlder();
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (draft.trim().length === 0) return setError(t(locale, "message.empty"));
    if (draft.length > MESSAGE_MAX_LENGTH) return setError(t(locale, "message.tooLong"));
    setError(null);
    atEnd.current = true;
    outbox.add({ clientId: newClientId(), body: draft, ...(recipients ? { recipientIds: chosen } : {}) });
    setDraft("");
    // The next message starts from the defaults again (C2, C3).
    setChosen(preselected(recipients));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key.length === 1 && status === "live") {
      currentSocket()?.emit("typing", { dossierId });
    }
  }

  // Issue 17: the page's times and days come written by the server (DateLabels), not formatted here.
  const date = useDates(locale);
  const fmt = useCallback((at: string) => date(at, "short"), [date]);
  const dayOf = useCallback((at: string) => date(at, "day"), [date]);
  const applicants = useMemo(() => new Set(applicantIds), [applicantIds]);
  // Each item with the day it opens, if it is the first of its day (C8: day separators).
  const items = useMemo(() => withDays(interleave(messages, systemLines), dayOf), [messages, systemLines, dayOf]);
  const firstUnread = useMemo(
    () => messages.find((m) => m.seq > readUpTo && m.author.id !== me.userId)?.seq ?? null,
    [messages, readUpTo, me.userId],
  );
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
        {/* C6: nobody is shown as viewing while the channel is not live (not stale). Its height is the
            avatars' from the start: the conversation below does not jump when the first one arrives. */}
        <span className="flex min-h-7 -space-x-1" data-testid="presence">
          {/* The avatars are decoration; their names are said once as text (no aria-label on a span). */}
          {status === "live" && viewers.length > 0 ? (
            <span className="sr-only">
              {t(locale, "conversation.viewing", { names: viewers.map((v) => v.name).join(", ") })}
            </span>
          ) : null}
          {status === "live"
            ? viewers.map((v) => (
                <span key={v.userId} title={v.name} aria-hidden="true">
                  <Avatar name={v.name} size="sm" />
                </span>
              ))
            : null}
        </span>
      </div>
      <div
        ref={listRef}
        role="log"
        aria-busy={older === "loading"}
        tabIndex={0}
        aria-label={t(locale, "dossier.conversation")}
        onScroll={onScroll}
        className="max-h-[55dvh] min-h-48 overflow-y-auto sm:max-h-[60vh] px-4 py-4 [overflow-anchor:none] focus:outline-2 focus:outline-brand-600"
        data-testid="messages"
      >
        {messages.length > 0 ? (
          <div className="mb-3 text-center text-xs text-slate-600" data-testid="history-top">
            {!hasOlder ? (
              <span>{t(locale, "conversation.history.start")}</span>
            ) : older === "loading" ? (
              <span role="status">{t(locale, "conversation.history.loading")}</span>
            ) : (
              <button type="button" className="underline" onClick={() => void loadOlder()} data-testid="load-older">
                {older === "failed" ? `${t(locale, "conversation.history.failed")} ` : ""}
                {t(locale, "conversation.history.older")}
              </button>
            )}
          </div>
        ) : null}
        <ol className="space-y-4">
          {messages.length === 0 && outbox.items.length === 0 ? (
            <li className="py-8 text-center text-sm text-slate-600">{t(locale, "conversation.empty")}</li>
          ) : null}
          {items.flatMap(({ item, opens }) => {
            const out = [];
            if (opens) {
              out.push(
                <li
                  key={`d${item.seq}`}
                  data-testid="day-separator"
                  className="flex items-center gap-3 text-xs text-slate-600"
                >
                  <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
                  <time dateTime={opens.at}>{opens.day}</time>
                  <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
                </li>,
              );
            }
            if (item.kind === "message" && item.seq === firstUnread) {
              out.push(
                <li
                  key="unread"
                  data-testid="unread-marker"
                  className="flex items-center gap-3 text-xs font-semibold text-red-700"
                >
                  <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
                  {t(locale, "conversation.unread")}
                  <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
                </li>,
              );
            }
            if (item.kind === "system") {
              out.push(<SystemItem key={`s${item.seq}`} line={item.line} locale={locale} fmt={fmt} />);
            } else {
              const m = item.message;
              out.push(
                <MessageItem
                  key={m.id}
                  m={m}
                  mine={m.author.id === me.userId}
                  fromApplicant={applicants.has(m.author.id)}
                  advisorSide={advisorSide}
                  locale={locale}
                  fmt={fmt}
                  focused={found === m.seq}
                />,
              );
            }
            return out;
          })}
          {outbox.items.map((o) => (
            <li
              key={o.clientId}
              data-testid="outgoing"
              data-state={o.state}
              className="flex flex-row-reverse gap-3 opacity-80"
            >
              <Avatar name={me.name} size="sm" />
              <div className="max-w-[75%] rounded-2xl bg-brand-100 px-3.5 py-2 text-slate-900">
                <p className="whitespace-pre-wrap break-words text-sm">{o.body}</p>
                <p className="mt-1 text-xs text-slate-600" data-testid="outgoing-state">
                  {o.state === "sending"
                    ? t(locale, "conversation.sending")
                    : o.state === "waiting"
                      ? t(locale, "conversation.waiting")
                      : t(locale, "conversation.refused", { reason: o.error ?? "" })}
                  {o.state === "refused" ? (
                    <button type="button" className="ml-2 underline" onClick={() => outbox.dismiss(o.clientId)}>
                      {t(locale, "conversation.dismiss")}
                    </button>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </div>
      <p className="h-5 px-4 text-xs text-slate-600" aria-live="polite" data-testid="typing">
        {others.length === 1
          ? t(locale, "conversation.typingOne", { name: firstName(others[0].name) })
          : others.length > 1
            ? t(locale, "conversation.typingMany", { names: others.map((x) => firstName(x.name)).join(", ") })
            : ""}
      </p>
      {/* On a phone the composer stays in reach at the bottom of the screen while the page scrolls. */}
      <form
        onSubmit={submit}
        className="sticky bottom-0 z-10 rounded-b-xl border-t border-slate-100 bg-white p-3 max-sm:shadow-[0_-4px_8px_-6px_rgb(0_0_0/0.15)] sm:static"
        noValidate
        hidden={readOnly}
      >
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

/** "Paul Demandeur" → "Paul": the typing line is about people already on the page. */
function firstName(name: string) {
  return name.trim().split(/\s+/)[0] || name;
}

const SystemItem = memo(function SystemItem({
  line,
  locale,
  fmt,
}: {
  line: SystemLine;
  locale: Locale;
  fmt: (at: string) => string;
}) {
  const text = describePauseEvent(locale, line.type, line.payload);
  if (!text) return null;
  return (
    <li
      data-testid="system-line"
      data-type={line.type}
      data-seq={line.seq}
      className="text-center text-xs text-slate-600"
    >
      <span className="inline-block rounded-full bg-amber-50 px-3 py-1 text-amber-900">
        {text.text}
        {text.reason ? ` — ${text.reason}` : ""}
        {text.comment ? ` (${text.comment})` : ""} · <time dateTime={line.at}>{fmt(line.at)}</time>
      </span>
    </li>
  );
});

/**
 * One message; memoized so that inserting an older page renders only the new rows (C8). Whom it was
 * addressed to (C2, C3): the advisor side reads the names; the applicant side only that a question of
 * theirs went to the advisors (A4: which advisors follows the advisors' own participation settings).
 */
const MessageItem = memo(function MessageItem({
  m,
  mine,
  fromApplicant,
  advisorSide,
  locale,
  fmt,
  focused = false,
}: {
  m: MessageView;
  mine: boolean;
  fromApplicant: boolean;
  advisorSide: boolean;
  locale: Locale;
  fmt: (at: string) => string;
  /** C9: the message a search result opened */
  focused?: boolean;
}) {
  const names = m.to?.join(", ");
  const addressed = advisorSide
    ? fromApplicant
      ? names
        ? t(locale, "conversation.to.names", { names })
        : null
      : names
        ? t(locale, "conversation.copies", { names })
        : null
    : fromApplicant
      ? t(locale, "conversation.to.advisors")
      : null;
  return (
    <li
      data-testid="message"
      data-seq={m.seq}
      id={`message-${m.seq}`}
      aria-current={focused ? "true" : undefined}
      className={`flex gap-3 rounded-lg ${mine ? "flex-row-reverse" : ""} ${focused ? "ring-2 ring-amber-400 ring-offset-2" : ""}`}
    >
      <Avatar name={m.author.name} size="sm" />
      <div
        className={`max-w-[75%] rounded-2xl px-3.5 py-2 ${mine ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-900"}`}
      >
        <p className={`text-xs ${mine ? "text-brand-100" : "text-slate-600"}`}>
          {mine ? t(locale, "conversation.you") : m.author.name} ·{" "}
          <time dateTime={m.createdAt}>{fmt(m.createdAt)}</time>
        </p>
        {addressed ? (
          <p className={`text-xs ${mine ? "text-brand-100" : "text-slate-600"}`} data-testid="addressed-to">
            {addressed}
          </p>
        ) : null}
        <p className="whitespace-pre-wrap break-words text-sm" data-testid="message-body">
          {m.body}
        </p>
      </div>
    </li>
  );
});

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
