"use client";
// T6: "Partiellement confidentiel" / "Confidentiel", updated live from the events of notes and documents
// (they carry the derived badge, never the content).
import { useState } from "react";
import type { Confidentiality } from "@/server/domain/note/events";
import { useDossierEvent } from "../realtime/DossierLive";
import { Badge } from "../ui/Badge";

export function ConfidentialityBadge({
  initial,
  labels,
}: {
  initial: Confidentiality;
  labels: { partial: string; all: string };
}) {
  const [value, setValue] = useState(initial);
  useDossierEvent((e) => {
    const c = (e.payload as { confidentiality?: unknown } | null)?.confidentiality;
    if (c === "none" || c === "partial" || c === "all") setValue(c);
  });
  if (value === "none") return null;
  return (
    <span data-testid="confidentiality-badge">
      <Badge tone="warning">{value === "all" ? labels.all : labels.partial}</Badge>
    </span>
  );
}
