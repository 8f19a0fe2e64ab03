"use client";
import { signOut } from "../auth/client";
import { clearOutboxes } from "../conversation/outbox";
import { buttonClass } from "../ui/Button";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className={buttonClass("ghost")}
      onClick={() => {
        clearOutboxes();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {label}
    </button>
  );
}
