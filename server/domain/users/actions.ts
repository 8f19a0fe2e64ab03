"use server";
// Server actions of user management (T1): thin, through the one builder.
import { action } from "../../auth/action";
import { changeRole, deactivateUser, setCoordinator } from "./service";

export const changeRoleAction = action("users.role", (actor, input: unknown) => changeRole(actor, input));
export const deactivateUserAction = action("users.deactivate", (actor, input: unknown) => deactivateUser(actor, input));
export const setCoordinatorAction = action("users.coordinator", (actor, input: unknown) =>
  setCoordinator(actor, input),
);
