"use client";
// T3, T5: the practitioners table and, per practitioner, "Gestion des dossiers": transfer one of their
// active dossiers, or all of them, to another practitioner (each its own transfer to accept or refuse).
import { useRouter } from "next/navigation";
import { Fragment, useState, useTransition, type FormEvent } from "react";
import type { PractitionerView } from "@/server/domain/coordination/service";
import { coordinatorTransferAction } from "@/server/domain/transfer/actions";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";

export function CoordinationPanel({ practitioners, locale }: { practitioners: PractitionerView[]; locale: Locale }) {
  const router = useRouter();
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = (from: PractitionerView) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const which = String(f.get("dossierId") ?? "all");
    start(async () => {
      const res = await coordinatorTransferAction({
        fromUserId: from.id,
        toUserId: String(f.get("toUserId") ?? ""),
        ...(which === "all" ? { all: true } : { dossierId: which }),
        withConfidential: f.get("withConfidential") === "on",
        withRawData: f.get("withRawData") === "on",
        keepReadOnlyCopy: false,
      });
      if (!res.ok) return setMessage(res.error.message);
      const failed = res.value.results.filter((r) => !r.ok);
      setMessage(
        failed.length
          ? failed.map((r) => (r.ok ? "" : r.error.message)).join(" ")
          : t(locale, "coordination.sent", { n: res.value.results.length }),
      );
      setOpenId(null);
      router.refresh();
    });
  };

  // relative: the table's sr-only header text stays inside the scrolling box on a phone.
  return (
    <div className="relative mt-3 overflow-x-auto">
      {message ? (
        <p role="status" className="mb-2 text-sm">
          {message}
        </p>
      ) : null}
      <table className="w-full text-left text-sm" data-testid="practitioners">
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th className="py-2">{t(locale, "coordination.col.name")}</th>
            <th>{t(locale, "coordination.col.email")}</th>
            <th>{t(locale, "coordination.col.title")}</th>
            <th>{t(locale, "coordination.col.active")}</th>
            <th>{t(locale, "coordination.col.pending")}</th>
            <th>
              <span className="sr-only">{t(locale, "coordination.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {practitioners.map((p) => (
            <Fragment key={p.id}>
              <tr className="border-b border-slate-100">
                <td className="py-2">{p.name}</td>
                <td>{p.email}</td>
                <td>{p.title ?? ""}</td>
                <td>{p.activeDossiers}</td>
                <td>{p.pendingTransfers}</td>
                <td>
                  {p.dossiers.length > 0 ? (
                    <Button variant="secondary" onClick={() => setOpenId(openId === p.id ? null : p.id)}>
                      {t(locale, "coordination.manage")}
                    </Button>
                  ) : null}
                </td>
              </tr>
              {openId === p.id ? (
                <tr>
                  <td colSpan={6} className="bg-slate-50 p-3">
                    <form onSubmit={submit(p)} className="flex flex-wrap items-end gap-3">
                      <label className="text-sm">
                        {t(locale, "coordination.which")}
                        <select name="dossierId" className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
                          <option value="all">{t(locale, "coordination.all", { n: p.dossiers.length })}</option>
                          {p.dossiers.map((d) => (
                            <option key={d.id} value={d.id}>
                              {d.title}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="text-sm">
                        {t(locale, "transfer.recipient")}
                        <select
                          name="toUserId"
                          required
                          className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
                        >
                          <option value="">—</option>
                          {practitioners
                            .filter((o) => o.id !== p.id)
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                        </select>
                      </label>
                      <label className="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="withConfidential" /> {t(locale, "transfer.withConfidential")}
                      </label>
                      <label className="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="withRawData" /> {t(locale, "transfer.withRawData")}
                      </label>
                      <Button type="submit" disabled={pending}>
                        {t(locale, "transfer.send")}
                      </Button>
                    </form>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
