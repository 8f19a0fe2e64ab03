// Leaving a dossier ("dossier.leave"): a button with confirmation for those allowed, and for the
// referent (or the holder) why they cannot. The page gives `problem` (leaveProblem of its access);
// the button is LeaveButton.
import type { leaveProblem } from "@/server/domain/membership/policy";
import { t, type Locale } from "@/server/i18n";
import { LeaveButton } from "./LeaveButton";

export function LeaveDossier({
  dossierId,
  problem,
  locale,
}: {
  dossierId: string;
  problem: ReturnType<typeof leaveProblem>;
  locale: Locale;
}) {
  // Staff who are not members have nothing to leave.
  if (problem === "membership.notMember") return null;
  return (
    <div className="space-y-2" data-testid="leave-dossier">
      <h3 className="font-medium">{t(locale, "membership.leave.title")}</h3>
      {problem ? (
        <p className="text-sm text-slate-700" data-testid="leave-explanation">
          {t(
            locale,
            problem === "membership.referentCannotLeave" ? "membership.leave.referent" : "membership.leave.holder",
          )}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t(locale, "membership.leave.body")}</p>
          <LeaveButton
            dossierId={dossierId}
            labels={{
              button: t(locale, "membership.leave.button"),
              confirm: t(locale, "membership.leave.confirm"),
              cancel: t(locale, "membership.leave.cancel"),
              leaving: t(locale, "membership.leave.leaving"),
            }}
          />
        </>
      )}
    </div>
  );
}
