"use server";
// X1: "Se déconnecter de partout", through the one builder.
import { action } from "../../auth/action";
import { signOutEverywhere } from "./service";

export const signOutEverywhereAction = action("session.signOutEverywhere", (actor) => signOutEverywhere(actor));
