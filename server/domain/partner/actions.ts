"use server";
// Server actions of the partner's side: attach with a key (S2), save partner-editable fields (S5, S9).
import { headers } from "next/headers";
import { currentActor } from "../../auth/session";
import { fail } from "../../errors";
import { attachWithKey } from "../solicitation/service";
import { savePartnerFields } from "../template/service";

/** The client address for the per-address limit, set from the TCP socket by the custom server. */
async function clientAddress(): Promise<string> {
  return (await headers()).get("x-relais-client-address") ?? "unknown";
}

export async function attachAction(input: { key: string }) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return attachWithKey(actor, input, await clientAddress());
}

export async function savePartnerFieldsAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "fr");
  return savePartnerFields(actor, input);
}
