"use client";
// The contact card's dossiers (K5): the client's status on each; an activity can be added from here
// only where the client is active (the server refuses the others too).
import { useState } from "react";
import type { ContactCard } from "@/server/domain/contact/service";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { ActivityForm } from "./ActivityForm";

export function ContactDossiers({ card, locale }: { card: ContactCard; locale: Locale }) {
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (card.dossiers.length === 0)
    return <p className="text-sm text-slate-600">{t(locale, "billing.contactNoDossier")}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {card.dossiers.map((d) => {
        const inactive = d.role === "client" && !d.active;
        const hint = `contact-hint-${d.partyId}`;
        return (
          <li
            key={d.partyId}
            className={`py-3 ${inactive ? "text-slate-400" : ""}`}
            data-testid={`contact-dossier-${d.dossierId}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <a className="font-medium text-brand-700 hover:underline" href={`/dossiers/${d.dossierId}/billing`}>
                {d.title}
              </a>
              <Badge>{t(locale, `billing.role.${d.role}` as MessageKey)}</Badge>
              {d.confidentiality !== "none" && (
                <span data-testid="confidentiality-badge">
                  <Badge tone="warning">
                    {t(locale, d.confidentiality === "all" ? "confidentiality.all" : "confidentiality.partial")}
                  </Badge>
                </span>
              )}
              {d.role === "client" && (
                <Badge tone={d.active ? "success" : "warning"}>
                  {t(locale, d.active ? "billing.active" : "billing.inactive")}
                </Badge>
              )}
              <span className="flex-1" />
              {d.role === "client" && (
                <Button
                  variant="secondary"
                  disabled={!d.canAddActivity}
                  aria-describedby={d.canAddActivity ? undefined : hint}
                  onClick={() => setOpen(open === d.partyId ? null : d.partyId)}
                >
                  {t(locale, "billing.addActivityHere")}
                </Button>
              )}
            </div>
            {inactive && (
              <p id={hint} className="mt-1 text-sm text-amber-800">
                {t(locale, "billing.inactiveNoActivity")}
              </p>
            )}
            {saved === d.partyId && <p className="mt-1 text-sm text-emerald-700">{t(locale, "billing.created")}</p>}
            {open === d.partyId && d.canAddActivity && (
              <ActivityForm
                dossierId={d.dossierId}
                clients={[]}
                fixedClientId={d.partyId}
                locale={locale}
                onDone={() => {
                  setOpen(null);
                  setSaved(d.partyId);
                }}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
