// The one builder of server actions (STYLE: "one builder for actions"): the signed-in actor, then the
// service, whose own zod schema parses the input; a failure that should not happen is logged and comes
// back as "internal" in the user's language, never as a stack trace. Each action states its arguments
// in its lambda, so a client can never pass a service's extra parameters (such as `now`).
import { fail, type AppError } from "../errors";
import { logger } from "../logger";
import type { Actor } from "./actor";
import { currentActor, currentLocale } from "./session";

type Failure = { ok: false; error: AppError };

export function action<A extends unknown[], R>(
  name: string,
  run: (actor: Actor, ...args: A) => Promise<R>,
): (...args: A) => Promise<R | Failure> {
  return async (...args: A) => {
    const actor = await currentActor();
    if (!actor) return fail("unauthorized", await currentLocale());
    try {
      return await run(actor, ...args);
    } catch (e) {
      logger.error("action failed", { action: name, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return fail("internal", actor.locale);
    }
  };
}
