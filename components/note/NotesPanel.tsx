"use client";
// The Notes tab (A4, T4, T6, T7): advisor-side notes, which the holder may mark confidential (then only
// they see them), and the viewer's own appointments and tasks (never transferred).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import {
  createAppointmentAction,
  createNoteAction,
  createTaskAction,
  setDocumentFlagsAction,
  setNoteConfidentialAction,
  toggleTaskAction,
} from "@/server/domain/note/actions";
import type { AppointmentView, DocumentFlagsView, NoteView, TaskView } from "@/server/domain/note/service";
import { t, type Locale } from "@/server/i18n";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { BusyCheckbox } from "../ui/BusyCheckbox";
import { useDates } from "@/components/i18n/Dates";

type Tab = {
  notes: NoteView[];
  appointments: AppointmentView[];
  tasks: TaskView[];
  canMarkConfidential: boolean;
  documents: DocumentFlagsView[];
  readOnly: boolean;
};

const input = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

export function NotesPanel({ dossierId, tab, locale }: { dossierId: string; tab: Tab; locale: Locale }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const date = useDates(locale);

  const run = (
    fn: () => Promise<{ ok: boolean; error?: { message: string } } | { ok: false; error: { message: string } }>,
    reset?: () => void,
  ) =>
    start(async () => {
      const res = await fn();
      if (!res.ok) setError(res.error?.message ?? t(locale, "error.internal"));
      else {
        setError(null);
        reset?.();
        router.refresh();
      }
    });

  const addNote = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    run(
      () =>
        createNoteAction({
          dossierId,
          body: String(data.get("body") ?? ""),
          confidential: data.get("confidential") === "on",
        }),
      () => form.reset(),
    );
  };
  const addAppointment = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    run(
      () =>
        createAppointmentAction({
          dossierId,
          at: String(data.get("at") ?? ""),
          place: String(data.get("place") ?? ""),
          attendees: String(data.get("attendees") ?? ""),
        }),
      () => form.reset(),
    );
  };
  const addTask = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    run(
      () => createTaskAction({ dossierId, title: String(data.get("title") ?? "") }),
      () => form.reset(),
    );
  };

  return (
    <div className="space-y-6">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <section aria-labelledby="notes-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="notes-title" className="text-lg font-semibold">
          {t(locale, "note.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t(locale, "note.intro")}</p>
        <form onSubmit={addNote} className="mt-3 space-y-2" hidden={tab.readOnly}>
          <label className="block text-sm font-medium" htmlFor="note-body">
            {t(locale, "note.new")}
          </label>
          <textarea id="note-body" name="body" rows={3} required maxLength={10000} className={input} />
          {tab.canMarkConfidential ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="confidential" /> {t(locale, "note.confidential")}
            </label>
          ) : null}
          <Button type="submit" busy={pending}>
            {t(locale, "note.add")}
          </Button>
        </form>
        <ul className="mt-4 space-y-3" data-testid="notes">
          {tab.notes.map((n) => (
            <li key={n.id} className="rounded-md border border-slate-200 p-3" data-testid="note">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                <span>{n.authorName}</span>
                <span>{date(n.createdAt, "medium")}</span>
                {n.confidential ? <Badge tone="warning">{t(locale, "confidentiality.all")}</Badge> : null}
                {tab.canMarkConfidential ? (
                  <button
                    type="button"
                    className="ml-auto text-brand-700 hover:underline aria-disabled:cursor-not-allowed aria-disabled:text-slate-500"
                    aria-disabled={pending || undefined}
                    onClick={() =>
                      pending || run(() => setNoteConfidentialAction({ noteId: n.id, confidential: !n.confidential }))
                    }
                  >
                    {t(locale, n.confidential ? "note.unmark" : "note.mark")}
                  </button>
                ) : null}
              </div>
              <p className="mt-1 whitespace-pre-wrap text-sm">{n.body}</p>
            </li>
          ))}
        </ul>
      </section>

      {tab.canMarkConfidential && tab.documents.length > 0 ? (
        <section aria-labelledby="doc-flags-title" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="doc-flags-title" className="text-lg font-semibold">
            {t(locale, "note.documents")}
          </h2>
          <ul className="mt-3 space-y-2 text-sm" data-testid="document-flags">
            {tab.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-4">
                <span className="min-w-0 grow break-all">{d.name}</span>
                <label className="flex items-center gap-1">
                  <BusyCheckbox
                    checked={d.confidential}
                    busy={pending}
                    onCheckedChange={(confidential) =>
                      run(() => setDocumentFlagsAction({ documentId: d.id, confidential }))
                    }
                  />
                  {t(locale, "confidentiality.all")}
                </label>
                <label className="flex items-center gap-1">
                  <BusyCheckbox
                    checked={d.rawData}
                    busy={pending}
                    onCheckedChange={(rawData) => run(() => setDocumentFlagsAction({ documentId: d.id, rawData }))}
                  />
                  {t(locale, "note.rawData")}
                </label>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="appointments-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="appointments-title" className="text-lg font-semibold">
          {t(locale, "appointment.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t(locale, "appointment.intro")}</p>
        <form onSubmit={addAppointment} className="mt-3 grid gap-2 sm:grid-cols-3" hidden={tab.readOnly}>
          <input type="datetime-local" name="at" required aria-label={t(locale, "appointment.at")} className={input} />
          <input name="place" placeholder={t(locale, "appointment.place")} className={input} maxLength={500} />
          <input name="attendees" placeholder={t(locale, "appointment.attendees")} className={input} maxLength={2000} />
          <Button type="submit" busy={pending} className="sm:col-span-3 sm:justify-self-start">
            {t(locale, "appointment.add")}
          </Button>
        </form>
        <ul className="mt-3 space-y-1 text-sm">
          {tab.appointments.map((a) => (
            <li key={a.id}>
              {date(a.at, "medium")} · {a.place} · {a.attendees}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tasks-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="tasks-title" className="text-lg font-semibold">
          {t(locale, "task.title")}
        </h2>
        <form onSubmit={addTask} className="mt-3 flex gap-2" hidden={tab.readOnly}>
          <input name="title" required maxLength={500} aria-label={t(locale, "task.new")} className={input} />
          <Button type="submit" busy={pending}>
            {t(locale, "task.add")}
          </Button>
        </form>
        <ul className="mt-3 space-y-1 text-sm">
          {tab.tasks.map((task) => (
            <li key={task.id}>
              <label className="flex items-center gap-2">
                <BusyCheckbox
                  checked={task.done}
                  busy={pending}
                  onCheckedChange={(done) => run(() => toggleTaskAction({ taskId: task.id, done }))}
                />
                {task.title}
              </label>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
