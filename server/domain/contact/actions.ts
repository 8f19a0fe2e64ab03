"use server";
// Thin server actions for contacts, through the one action builder (server/auth/action.ts).
import { action } from "../../auth/action";
import { createContact } from "./service";

export const createContactAction = action("contact.create", (actor, input: unknown) => createContact(actor, input));
