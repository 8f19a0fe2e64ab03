// A partner attached to a solicitation (S1, S10), as the partner, document and socket suites need one:
// the holder asks, the partner signs in with the solicitation's e-mail and attaches it with its key.
import crypto from "node:crypto";
import { attachWithKey, createSolicitation } from "../domain/solicitation/service";
import { actor, makeUser, type makeWorld } from "./factories";

type World = Awaited<ReturnType<typeof makeWorld>>;

/**
 * `ask` overrides the solicitation's fields (kind, scope, dossierId, partnerEmail, confidential…); by
 * default an external "both" on the world's dossier, legal scope, to a new address.
 */
export async function makePartner(w: World, ask: Record<string, unknown> = {}, name = "Partenaire Test") {
  const email = (ask.partnerEmail as string | undefined) ?? `p-${crypto.randomBytes(4).toString("hex")}@p.test`;
  const res = await createSolicitation(await actor(w.advisor.id), {
    dossierId: w.dossier.id,
    kind: "both",
    scope: "legal",
    external: true,
    ...ask,
    partnerEmail: email,
  });
  if (!res.ok) throw new Error(res.error.message);
  const user = await makeUser(name, { email });
  const attached = await attachWithKey(await actor(user.id), { key: res.value.key }, "127.0.0.1");
  if (!attached.ok) throw new Error(`attach failed: ${attached.error.message}`);
  return { user, partner: await actor(user.id), solicitationId: res.value.solicitationId };
}
