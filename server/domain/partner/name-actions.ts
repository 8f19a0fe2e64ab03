"use server";
// X7 (issue 16): the partner gives their name on first sign-in; thin, through the one action builder.
import { action } from "../../auth/action";
import { setOwnName } from "./name";

export const setOwnNameAction = action("partner.name", (actor, input: unknown) => setOwnName(actor, input));
