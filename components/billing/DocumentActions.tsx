"use client";
// The buttons above a proforma or an invoice (hidden when printing): PDF, print, validate or drop a
// draft proforma, cancel an invoice by a credit note.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { cancelInvoiceAction, cancelProformaAction, validateProformaAction } from "@/server/domain/billing/actions";
import { t, type Locale } from "@/server/i18n";
import { Button, buttonClass } from "../ui/Button";

export function DocumentActions({
  locale,
  pdfHref,
  backHref,
  proformaId,
  invoiceId,
}: {
  locale: Locale;
  pdfHref: string;
  backHref: string;
  /** a draft proforma: validate or drop */
  proformaId?: string;
  /** a live invoice: cancel by a credit note */
  invoiceId?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<{ ok: boolean; error?: { message: string } }>, then: () => void) {
    setBusy(true);
    setError(null);
    const res = await work();
    setBusy(false);
    if (!res.ok) return setError(res.error?.message ?? null);
    then();
  }

  return (
    <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
      <a className="text-sm text-brand-700 hover:underline" href={backHref}>
        ← {t(locale, "billing.backToBilling")}
      </a>
      <span className="flex-1" />
      <a className={buttonClass("secondary")} href={pdfHref} download>
        {t(locale, "billing.downloadPdf")}
      </a>
      <Button variant="secondary" onClick={() => window.print()}>
        {t(locale, "billing.print")}
      </Button>
      {proformaId && (
        <>
          <Button
            variant="ghost"
            busy={busy}
            onClick={() =>
              run(
                () => cancelProformaAction({ proformaId }),
                () => (window.location.href = backHref),
              )
            }
          >
            {t(locale, "billing.dropProforma")}
          </Button>
          <Button
            busy={busy}
            onClick={() =>
              run(
                () => validateProformaAction({ proformaId }),
                () => router.refresh(),
              )
            }
          >
            {t(locale, "billing.validate")}
          </Button>
        </>
      )}
      {invoiceId && (
        <Button
          variant="secondary"
          busy={busy}
          onClick={() => {
            if (window.confirm(t(locale, "billing.confirmCancelInvoice")))
              void run(
                () => cancelInvoiceAction({ invoiceId }),
                () => router.refresh(),
              );
          }}
        >
          {t(locale, "billing.cancelInvoice")}
        </Button>
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
