"use client";
import { signIn } from "./client";
import { Avatar } from "../ui/Avatar";

export function DemoSignIn({
  users,
  callbackUrl,
}: {
  users: { email: string; name: string; title: string | null }[];
  callbackUrl: string;
}) {
  return (
    <ul className="mt-4 divide-y divide-slate-100">
      {users.map((u) => (
        <li key={u.email}>
          <button
            type="button"
            onClick={() => void signIn("demo", { email: u.email, callbackUrl })}
            className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-slate-50"
          >
            <Avatar name={u.name} size="sm" />
            <span className="min-w-0 flex-1">
              <span className="block text-sm font-medium text-slate-900">{u.name}</span>
              <span className="block truncate text-xs text-slate-600">
                {u.title ? `${u.title} · ` : ""}
                {u.email}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
