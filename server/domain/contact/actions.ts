"use server";
// Thin server actions for contacts: the signed-in actor, then the service.
import { currentActor, currentLocale } from "../../auth/session";
import { fail } from "../../errors";
import { createContact } from "./service";

export async function createContactAction(input: unknown) {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", await currentLocale());
  return createContact(actor, input);
}
