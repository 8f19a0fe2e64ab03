"use client";
import { signOut } from "next-auth/react";
import { buttonClass } from "../ui/Button";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className={buttonClass("ghost")} onClick={() => void signOut({ callbackUrl: "/login" })}>
      {label}
    </button>
  );
}
