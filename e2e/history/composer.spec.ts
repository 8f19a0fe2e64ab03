// Issue 14, part 5: whom a question went to (C2, C3; A4: names for the advisor side only), the
// recipient choice back to its defaults after sending, and "Adèle écrit…" (C6).
import { expect, test } from "@playwright/test";
import { signInAs, users } from "../fixtures/auth";
import { dossierIdByTitle, ECOLE, setDossierActive } from "../fixtures/db";

test("C2, A4, C6: addressed-to shown by side, recipients reset after sending, typing line names the writer", async ({
  browser,
}) => {
  const id = dossierIdByTitle(ECOLE);
  setDossierActive(id);
  const ctxs = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  await signInAs(ctxs[0], users.paul);
  await signInAs(ctxs[1], users.adele);
  await signInAs(ctxs[2], users.marie);
  const [paul, adele, marie] = await Promise.all(ctxs.map((c) => c.newPage()));
  for (const p of [paul, adele, marie]) {
    await p.goto(`/dossiers/${id}`);
    await expect(p.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  }

  const picker = paul.getByTestId("recipient-picker");
  const arnaud = picker.getByRole("checkbox", { name: /Arnaud Conseil/ });
  const adeleBox = picker.getByRole("checkbox", { name: /Adèle Conseil/ });
  const defaults = [await adeleBox.isChecked(), await arnaud.isChecked()];
  // Paul addresses both advisors this time.
  if (!defaults[0]) await adeleBox.check();
  if (!defaults[1]) await arnaud.check();
  const question = `Question adressée ${Date.now()}`;
  await paul.getByLabel("Votre message").fill(question);
  await paul.getByRole("button", { name: "Envoyer" }).click();
  await expect(paul.getByTestId("message-body").filter({ hasText: question })).toBeVisible();
  // The next message starts from the defaults again.
  expect([await adeleBox.isChecked(), await arnaud.isChecked()]).toEqual(defaults);

  // The advisor side reads the names, live and after a reload.
  const onAdele = adele.getByTestId("message").filter({ hasText: question });
  await expect(onAdele.getByTestId("addressed-to")).toHaveText("Question pour : Adèle Conseil, Arnaud Conseil");
  await adele.reload();
  await expect(onAdele.getByTestId("addressed-to")).toHaveText("Question pour : Adèle Conseil, Arnaud Conseil");
  // The applicant side only that it went to the advisors.
  const onMarie = marie.getByTestId("message").filter({ hasText: question });
  await expect(onMarie.getByTestId("addressed-to")).toHaveText("Question pour les conseillers");
  await expect(onMarie).not.toContainText("Arnaud");

  // C6: "Adèle écrit…" for the others while she types.
  await expect(adele.getByTestId("channel-status")).toHaveAttribute("data-status", "live");
  await adele.getByLabel("Votre message").pressSequentially("Je regarde", { delay: 50 });
  await expect(paul.getByTestId("typing")).toHaveText("Adèle écrit…");
  await Promise.all(ctxs.map((c) => c.close()));
});
