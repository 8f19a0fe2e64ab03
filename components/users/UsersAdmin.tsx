"use client";
// T1, X1: the users table with an actions menu per user (role, deactivation, coordinator flag after the
// confirmation "Oui, je veux continuer"), and the organization's audit list.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeRoleAction, deactivateUserAction, setCoordinatorAction } from "@/server/domain/users/actions";
import { COORDINATOR_CONFIRMATION, ORG_ROLES } from "@/server/domain/users/events";
import type { AuditView, OrgUserView } from "@/server/domain/users/service";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { useDates } from "@/components/i18n/Dates";

type Confirm = { userId: string; name: string; coordinator: boolean } | null;

export function UsersAdmin({
  organizationId,
  users,
  audit,
  me,
  locale,
}: {
  organizationId: string;
  users: OrgUserView[];
  audit: AuditView[];
  me: string;
  locale: Locale;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [pending, start] = useTransition();
  const date = useDates(locale);
  const act = (fn: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) =>
    start(async () => {
      const res = await fn();
      if (!res.ok) setError(res.error.message);
      else {
        setError(null);
        setConfirm(null);
        router.refresh();
      }
    });
  return (
    <div className="mt-3 space-y-4">
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {confirm ? (
        <div
          role="alertdialog"
          aria-labelledby="confirm-title"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4"
        >
          <p id="confirm-title" className="text-sm">
            {t(locale, confirm.coordinator ? "users.confirm.grant" : "users.confirm.remove", { name: confirm.name })}
          </p>
          <div className="mt-2 flex gap-2">
            <Button
              busy={pending}
              onClick={() =>
                act(() =>
                  setCoordinatorAction({
                    organizationId,
                    userId: confirm.userId,
                    coordinator: confirm.coordinator,
                    confirmed: true,
                  }),
                )
              }
            >
              {COORDINATOR_CONFIRMATION}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              {t(locale, "transfer.close")}
            </Button>
          </div>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th className="py-2">{t(locale, "coordination.col.name")}</th>
              <th>{t(locale, "users.col.role")}</th>
              <th>{t(locale, "coordination.col.title")}</th>
              <th>{t(locale, "coordination.col.active")}</th>
              <th>{t(locale, "users.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 align-top">
                <td className="py-2">
                  {u.name}
                  <div className="text-xs text-slate-600">{u.email}</div>
                  <div className="mt-1 flex gap-1">
                    {u.coordinator ? <Badge tone="brand">{t(locale, "users.coordinator")}</Badge> : null}
                    {u.deactivated ? <Badge>{t(locale, "users.deactivated")}</Badge> : null}
                  </div>
                </td>
                <td>{t(locale, `users.role.${u.role}` as MessageKey)}</td>
                <td>{u.title ?? ""}</td>
                <td>{u.activeDossiers}</td>
                <td>
                  {u.id === me || u.deactivated ? null : (
                    <details>
                      <summary className="cursor-pointer text-brand-700">{t(locale, "users.col.actions")}</summary>
                      <div className="mt-2 flex flex-col items-start gap-2">
                        <label className="text-xs">
                          {t(locale, "users.col.role")}
                          <select
                            defaultValue={u.role}
                            aria-busy={pending || undefined}
                            className="ml-2 rounded border border-slate-300 px-2 py-1"
                            onChange={(e) => {
                              // Busy, not disabled: the select keeps keyboard focus while the change saves.
                              if (pending) return void (e.target.value = u.role);
                              act(() => changeRoleAction({ organizationId, userId: u.id, role: e.target.value }));
                            }}
                          >
                            {ORG_ROLES.map((r) => (
                              <option key={r} value={r}>
                                {t(locale, `users.role.${r}` as MessageKey)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <Button
                          variant="secondary"
                          onClick={() => setConfirm({ userId: u.id, name: u.name, coordinator: !u.coordinator })}
                        >
                          {t(locale, u.coordinator ? "users.coordinator.remove" : "users.coordinator.add")}
                        </Button>
                        <Button
                          variant="secondary"
                          busy={pending}
                          onClick={() => {
                            if (window.confirm(t(locale, "users.deactivate.confirm", { name: u.name })))
                              act(() => deactivateUserAction({ organizationId, userId: u.id }));
                          }}
                        >
                          {t(locale, "users.deactivate")}
                        </Button>
                      </div>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="font-medium">{t(locale, "users.audit")}</h3>
        <ul className="mt-2 space-y-1 text-sm" data-testid="audit">
          {audit.map((a) => (
            <li key={a.id}>
              {date(a.at, "medium")} · {a.actorName} ·{" "}
              {t(locale, `users.audit.${a.action}` as MessageKey, { name: a.targetName, detail: a.detail })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
