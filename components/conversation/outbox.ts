"use client";
// C10: the messages a user wrote that the server has not acknowledged yet, kept in localStorage per
// user and dossier (so a reload while offline loses nothing) and sent one at a time, in order, while
// the channel is live. Each keeps the client id it was made with, so a resend after a lost ack is
// answered with the stored message (C4): exactly once. A refusal (invalid, access lost) is kept with
// its reason and never retried.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageView } from "@/server/realtime/contract";

export type Pending = {
  clientId: string;
  body: string;
  recipientIds?: string[];
  /** waiting: for the connection (or a retry); sending: an ack is awaited; refused: the server said no */
  state: "waiting" | "sending" | "refused";
  error?: string;
};

export type SendOutcome =
  { ok: true; message: MessageView } | { ok: false; refused: true; error: string } | { ok: false; refused: false };

/** Retry after a lost ack or a transient error (timeout, rate limit, internal), while still live. */
const RETRY_MS = 3000;

export function outboxKey(userId: string, dossierId: string) {
  return `relais.outbox.${userId}.${dossierId}`;
}

/** C10: on sign-out, unsent messages do not stay behind on a shared computer. */
export function clearOutboxes() {
  try {
    const keys = Object.keys(window.localStorage).filter((k) => k.startsWith("relais.outbox."));
    for (const k of keys) window.localStorage.removeItem(k);
  } catch {
    // Storage unavailable (private mode): nothing was kept.
  }
}

function read(key: string): Pending[] {
  try {
    const raw = window.localStorage.getItem(key);
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list
      .filter((p): p is Pending => typeof p?.clientId === "string" && typeof p?.body === "string")
      .map((p) => ({ ...p, state: p.state === "refused" ? "refused" : "waiting" }));
  } catch {
    return [];
  }
}

function write(key: string, list: Pending[]) {
  try {
    if (list.length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(list));
  } catch {
    // Storage full or refused (private mode): the messages still go while the page stays open.
  }
}

export function useOutbox(
  key: string,
  live: boolean,
  send: (p: Pending) => Promise<SendOutcome>,
  onSent: (m: MessageView) => void,
) {
  const [items, setItems] = useState<Pending[]>([]);
  const ref = useRef<Pending[]>([]);
  const liveRef = useRef(live);
  const sendRef = useRef(send);
  const onSentRef = useRef(onSent);
  const flushing = useRef(false);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    sendRef.current = send;
    onSentRef.current = onSent;
  }, [send, onSent]);

  const set = useCallback(
    (next: Pending[]) => {
      ref.current = next;
      setItems(next);
      write(key, next);
    },
    [key],
  );
  const patch = useCallback(
    (clientId: string, change: Partial<Pending>) =>
      set(ref.current.map((p) => (p.clientId === clientId ? { ...p, ...change } : p))),
    [set],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      while (liveRef.current) {
        const next = ref.current.find((p) => p.state === "waiting");
        if (!next) break;
        patch(next.clientId, { state: "sending" });
        const res = await sendRef.current(next);
        if (res.ok) {
          set(ref.current.filter((p) => p.clientId !== next.clientId));
          onSentRef.current(res.message);
        } else if (res.refused) {
          patch(next.clientId, { state: "refused", error: res.error });
        } else {
          // Later ones wait behind it: the order is kept.
          patch(next.clientId, { state: "waiting" });
          if (!retry.current)
            retry.current = setTimeout(() => {
              retry.current = null;
              void flush();
            }, RETRY_MS);
          break;
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [patch, set]);

  // What an earlier visit (or another tab) left unsent, once on the client.
  useEffect(() => {
    const stored = read(key);
    const known = new Set(stored.map((p) => p.clientId));
    set([...stored, ...ref.current.filter((p) => !known.has(p.clientId))]);
    void flush();
  }, [key, set, flush]);

  useEffect(() => {
    liveRef.current = live;
    if (live) void flush();
  }, [live, flush]);

  useEffect(
    () => () => {
      if (retry.current) clearTimeout(retry.current);
    },
    [],
  );

  return {
    items,
    add: useCallback(
      (p: Omit<Pending, "state">) => {
        set([...ref.current, { ...p, state: "waiting" }]);
        void flush();
      },
      [set, flush],
    ),
    /** The message arrived by the live channel before its ack: nothing left to send. */
    delivered: useCallback(
      (clientId: string) => {
        if (ref.current.some((p) => p.clientId === clientId && p.state !== "sending"))
          set(ref.current.filter((p) => p.clientId !== clientId));
      },
      [set],
    ),
    dismiss: useCallback((clientId: string) => set(ref.current.filter((p) => p.clientId !== clientId)), [set]),
  };
}
