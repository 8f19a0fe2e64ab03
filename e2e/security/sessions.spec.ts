// X1 against the real production server and browser: sessions end on the server. A cookie saved before
// "Se déconnecter" and replayed afterwards opens no page and no socket; "Se déconnecter de partout"
// sends the user's other browser to the login page.
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE } from "../fixtures/db";
import { socketFor } from "../fixtures/socket";

test("X1: after Se déconnecter, replaying the saved cookie lands on /login, and its socket is cut and refused", async ({
  browser,
  baseURL,
}) => {
  const id = dossierIdByTitle(ECOLE);
  const ctx = await browser.newContext();
  await signInAs(ctx, users.adele);
  const page = await ctx.newPage();
  await page.goto(`/dossiers/${id}`);
  await expect(page.getByRole("heading", { name: ECOLE })).toBeVisible();
  const saved = await ctx.cookies();
  // Not readable by scripts, not sent on cross-site requests (ASVS 3.3.2, 3.3.4).
  expect(saved.find((c) => c.name === "next-auth.session-token")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // The same cookie, used by another client (an attacker who copied it): a live socket, for now.
  const stolen = await browser.newContext();
  await stolen.addCookies(saved);
  const socket = await socketFor(stolen, baseURL!);
  const cut = new Promise<string>((resolve) => socket.once("disconnect", resolve));

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await cut).toBe("io server disconnect");

  const replay = await stolen.newPage();
  for (const path of ["/dashboard", `/dossiers/${id}`, "/settings/conversations"]) {
    await replay.goto(path);
    await expect(replay, path).toHaveURL(/\/login/);
  }
  await expect(socketFor(stolen, baseURL!)).rejects.toThrow(/unauthorized/);
  await ctx.close();
  await stolen.close();
});

test("X1: Se déconnecter de partout ends the other browser's session: its open page goes to /login", async ({
  browser,
}) => {
  const id = dossierIdByTitle(ECOLE);
  const here = await browser.newContext();
  const there = await browser.newContext();
  await signInAs(here, users.marie);
  await signInAs(there, users.marie);
  const elsewhere = await there.newPage();
  await elsewhere.goto(`/dossiers/${id}`);
  await expect(elsewhere.getByRole("heading", { name: ECOLE })).toBeVisible();

  const page = await here.newPage();
  await page.goto("/settings/conversations");
  await expect(page.getByTestId("open-sessions")).toContainText(/[2-9]|\d\d/);
  await page.getByRole("button", { name: "Se déconnecter de partout" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The other browser's page is sent to the login page (its socket was cut); reloading keeps it there.
  await expect(elsewhere).toHaveURL(/\/login/);
  await elsewhere.goto("/dashboard");
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.close();
  await there.close();
});
