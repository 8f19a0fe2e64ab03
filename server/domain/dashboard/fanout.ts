// Live dashboard fan-out (D1, N7, A3). After a dossier event, "dashboard:changed" { dossierId } goes to
// the user rooms of the dossier's members (advisor side only for advisor-only events, A4) and to the
// staff-only dashboard room of its organization. Nobody else ever receives the id: not another
// organization's users, not an organization's advisors who are not on the dossier.
// Events of one dossier are coalesced over a short window (150 ms) so a burst of messages costs one
// member query, off the send path (G1, G2).
import { hot } from "../../db";
import { sql } from "../../db/hot";
import { logger } from "../../logger";
import type { PublishedEvent } from "../dossier/events";
import { rooms } from "../../realtime/rooms";

// After most messages (G2): a prepared statement, not a Prisma query compiled on the event loop.
const MEMBERS = sql("dashboard.members", `SELECT "userId" FROM "DossierMember" WHERE "dossierId" = ?`);
const ADVISOR_MEMBERS = sql(
  "dashboard.advisorMembers",
  `SELECT "userId" FROM "DossierMember" WHERE "dossierId" = ? AND "side" = 'advisor'`,
);

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
      const members = await hot().all<{ userId: string }>(p.applicantSide ? MEMBERS : ADVISOR_MEMBERS, [dossierId]);
      emit([rooms.dashboard(p.organizationId), ...members.map((m) => rooms.user(m.userId))], dossierId);
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
