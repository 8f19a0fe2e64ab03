// Pages that need a signed-in user send visitors to the login page, then back.
import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { currentActor } from "./session";

export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
