"use client";
// P1: "Dossier en pause" appears and disappears live for everyone viewing.
import { useState } from "react";
import { useDossierEvent } from "../realtime/DossierLive";

export function PauseBanner({ initialPaused, label }: { initialPaused: boolean; label: string }) {
  const [paused, setPaused] = useState(initialPaused);
  useDossierEvent((e) => {
    if (e.type === "dossier.paused") setPaused(true);
    else if (e.type === "dossier.reactivated") setPaused(false);
  });
  if (!paused) return null;
  return (
    <div
      role="status"
      data-testid="pause-banner"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900"
    >
      {label}
    </div>
  );
}
