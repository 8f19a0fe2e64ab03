// The real-time contract (DESIGN.md section 5), shared by the server and the browser client.
// Types only: payload validation lives in schemas.ts so zod stays out of the browser bundle.
import type { ErrorCode } from "../errors";
import type { MessageView } from "../domain/conversation/events";
import type { DossierEventWire } from "../domain/dossier/events";
import type { DashboardRow } from "../domain/dashboard/service";

export type WireError = { code: ErrorCode; message: string };

// The domain owns the event and message shapes and the limits; the client takes them from here.
export type { MessageView } from "../domain/conversation/events";
export { MESSAGE_MAX_LENGTH } from "../domain/conversation/events";
export type { DossierEventWire, EventType } from "../domain/dossier/events";
export { CATCH_UP_LIMIT } from "../domain/dossier/events";

export type JoinAck =
  | { ok: true; seq: number; events: DossierEventWire[] }
  | { ok: true; seq: number; reload: true }
  | { ok: false; error: WireError };

export type SendAck = { ok: true; message: MessageView } | { ok: false; error: WireError };

export type Viewer = { userId: string; name: string };

export type DashboardRowsAck = { ok: true; rows: DashboardRow[] } | { ok: false; error: WireError };

export interface ClientToServerEvents {
  /**
   * Members and staff join the dossier's rooms through the dossier policy. A partner (A5) joins only the
   * partners' room `dossier:<id>:partners` through their own live solicitation, while the workflow status
   * is partner-visible; their catch-up and live events are partner-audience only, and "dossier:revoked"
   * ends it when the solicitation is revoked or the status hides the dossier.
   */
  "dossier:join": (payload: { dossierId: string; afterSeq: number }, ack: (res: JoinAck) => void) => void;
  "dossier:leave": (payload: { dossierId: string }) => void;
  "message:send": (
    payload: { dossierId: string; clientId: string; body: string; recipientIds?: string[] },
    ack: (res: SendAck) => void,
  ) => void;
  typing: (payload: { dossierId: string }) => void;
  /**
   * C7: the user has read the conversation up to `seq` (sent while the conversation is on screen).
   * Checked by the dossier policy; the marker only grows. The ack is optional.
   */
  "dossier:read": (
    payload: { dossierId: string; seq: number },
    ack?: (res: { ok: true; lastReadSeq: number } | { ok: false; error: WireError }) => void,
  ) => void;
  /**
   * D1: the dashboard is open. The socket joins `user:<id>:dashboard` (its own dossiers' changes), and
   * staff (and admins) the staff-only `org:<id>:dashboard` room of each of their organizations.
   */
  "dashboard:watch": (ack?: () => void) => void;
  /**
   * D1: the dashboard is closed (the tab went to another page): no more "dashboard:changed" here. Both
   * apply in the order sent; the optional ack comes once this one is applied.
   */
  "dashboard:unwatch": (ack?: () => void) => void;
  /**
   * D1, N7: the rows of this user's dashboard with these filters (A3: only dossiers they may see), for
   * the open dashboard to refresh on "dashboard:changed" and after a (re)connection. On the socket rather
   * than a server action: an action's answer makes the router re-render the whole page (issue 17).
   */
  "dashboard:rows": (filters: unknown, ack: (res: DashboardRowsAck) => void) => void;
}

export interface ServerToClientEvents {
  "dossier:event": (event: DossierEventWire) => void;
  presence: (payload: { dossierId: string; viewers: Viewer[] }) => void;
  typing: (payload: { dossierId: string; userId: string; name: string }) => void;
  /** A3; T4: with readOnly, the user kept a read-only copy (the page reloads as that snapshot). */
  "dossier:revoked": (payload: { dossierId: string; readOnly?: boolean }) => void;
  /**
   * D1, N7: a dossier's dashboard row changed (message, pause, members…): refetch it. Sent only to
   * sockets watching the dashboard: the dossier's members' (advisor side only for advisor-only events)
   * and its organization's staff, never anyone who may not see the dossier (A3). Also sent to the
   * user's own dashboards when they mark a dossier read, so their other tabs update the unread count.
   * G2: a socket on a dossier page gets none (it used to get one per change of each of its dossiers).
   */
  "dashboard:changed": (payload: { dossierId: string }) => void;
}
