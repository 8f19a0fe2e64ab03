// Live dashboard fan-out (D1, N7, A3). After a dossier event, "dashboard:changed" { dossierId } goes to
// the open dashboards (user:<id>:dashboard) of the people the dashboard policy names
// (server/domain/dashboard/policy.ts) and to the staff-only dashboard room of its organization. Events of one dossier are coalesced over a short
// window (150 ms) so a burst of messages costs one member query, off the send path (G1, G2).
import type { PublishedEvent } from "../domain/dossier/events";
import { dashboardAudience } from "../domain/dashboard/policy";
import { logger } from "../logger";
import { rooms } from "./rooms";

export type DashboardEmit = (roomNames: string[], dossierId: string) => void;

export function createDashboardFanout(emit: DashboardEmit, active: () => boolean = () => true, windowMs = 150) {
  const pending = new Map<
    string,
    { organizationId: string; applicantSide: boolean; timer: ReturnType<typeof setTimeout> }
  >();

  async function flush(dossierId: string) {
    const p = pending.get(dossierId);
    if (!p) return;
    pending.delete(dossierId);
    if (!active()) return;
    try {
      const users = await dashboardAudience(dossierId, p.applicantSide);
      emit([rooms.dashboard(p.organizationId), ...users.map((id) => rooms.userDashboard(id))], dossierId);
    } catch (e) {
      logger.warn("dashboard fan-out failed", { error: String(e) });
    }
  }

  return {
    touch(event: PublishedEvent) {
      if (event.audience === "partners") return;
      const applicantSide = event.audience === "all";
      const p = pending.get(event.dossierId);
      if (p) {
        p.applicantSide ||= applicantSide;
        return;
      }
      const timer = setTimeout(() => void flush(event.dossierId), windowMs);
      timer.unref?.();
      pending.set(event.dossierId, { organizationId: event.organizationId, applicantSide, timer });
    },
    dispose() {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}
