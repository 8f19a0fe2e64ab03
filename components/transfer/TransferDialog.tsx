"use client";
// T2, T4: the holder transfers the dossier to a colleague, choosing whether confidential items and raw
// data go along and whether to keep a read-only copy; a pending transfer shows with its cancel button.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { cancelTransferAction, requestTransferAction } from "@/server/domain/transfer/actions";
import type { TransferDialogData } from "@/server/domain/transfer/service";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";
import { useDates } from "@/components/i18n/Dates";

export function TransferDialog({
  dossierId,
  data,
  locale,
}: {
  dossierId: string;
  data: TransferDialogData;
  locale: Locale;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const date = useDates(locale);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    start(async () => {
      const res = await requestTransferAction({
        dossierId,
        toUserId: String(f.get("toUserId") ?? ""),
        withConfidential: f.get("withConfidential") === "on",
        withRawData: f.get("withRawData") === "on",
        keepReadOnlyCopy: f.get("keepReadOnlyCopy") === "on",
      });
      if (!res.ok) setError(res.error.message);
      else {
        setError(null);
        setOpen(false);
        router.refresh();
      }
    });
  };

  if (data.pending) {
    const p = data.pending;
    return (
      <div className="space-y-2" data-testid="transfer-pending">
        <p className="text-sm">
          {t(locale, "transfer.pendingTo", {
            to: p.toName,
            date: date(p.expiresAt, "medium"),
          })}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const res = await cancelTransferAction({ transferId: p.id });
              if (!res.ok) setError(res.error.message);
              else router.refresh();
            })
          }
        >
          {t(locale, "transfer.cancel")}
        </Button>
      </div>
    );
  }

  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="transfer-open">
        {t(locale, "transfer.open")}
      </Button>
    );

  return (
    <form
      onSubmit={submit}
      role="dialog"
      aria-labelledby="transfer-dialog-title"
      className="space-y-3 rounded-lg border border-slate-300 p-4"
      data-testid="transfer-dialog"
    >
      <h4 id="transfer-dialog-title" className="font-medium">
        {t(locale, "transfer.dialogTitle")}
      </h4>
      <label className="block text-sm">
        {t(locale, "transfer.recipient")}
        <select name="toUserId" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="">—</option>
          {data.colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.title ? ` (${c.title})` : ""}
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
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="keepReadOnlyCopy" /> {t(locale, "transfer.keepReadOnlyCopy")}
      </label>
      <p className="text-xs text-slate-600">{t(locale, "transfer.neverTransferred")}</p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {t(locale, "transfer.send")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t(locale, "transfer.close")}
        </Button>
      </div>
    </form>
  );
}
