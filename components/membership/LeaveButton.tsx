"use client";
// Two steps so that one stray click does not take someone out of a dossier.
import { useState } from "react";
import { leaveDossierAction } from "@/server/domain/membership/actions";
import { Button } from "../ui/Button";

export function LeaveButton({
  dossierId,
  labels,
}: {
  dossierId: string;
  labels: { button: string; confirm: string; cancel: string; leaving: string };
}) {
  const [step, setStep] = useState<"idle" | "confirm" | "leaving">("idle");
  const [error, setError] = useState<string | null>(null);

  async function leave() {
    setStep("leaving");
    setError(null);
    const res = await leaveDossierAction({ dossierId });
    if (res.ok) {
      window.location.assign("/dashboard");
      return;
    }
    setError(res.error.message);
    setStep("idle");
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {step === "idle" ? (
        <Button type="button" variant="secondary" onClick={() => setStep("confirm")}>
          {labels.button}
        </Button>
      ) : (
        <>
          <Button
            type="button"
            onClick={() => void leave()}
            busy={step === "leaving"}
            className="bg-red-700 hover:bg-red-800"
          >
            {step === "leaving" ? labels.leaving : labels.confirm}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setStep("idle")} busy={step === "leaving"}>
            {labels.cancel}
          </Button>
        </>
      )}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
