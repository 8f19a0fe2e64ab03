// Test data builders: each test makes the organizations, users and dossiers it needs.
import crypto from "node:crypto";
import { actorById, type Actor } from "../auth/actor";
import { db } from "../db";

const uid = () => crypto.randomBytes(4).toString("hex");

export async function makeOrganization(name = `Org ${uid()}`) {
  return db().organization.create({ data: { name, slug: `org-${uid()}` } });
}

export async function makeUser(
  name: string,
  opts: { organizationId?: string; role?: "admin" | "staff" | "member"; locale?: "fr" | "en"; email?: string } = {},
) {
  const user = await db().user.create({
    data: {
      name,
      email: opts.email ?? `${name.toLowerCase().replace(/\W+/g, ".")}.${uid()}@test.test`,
      locale: opts.locale ?? "fr",
    },
  });
  if (opts.organizationId)
    await db().membership.create({
      data: { organizationId: opts.organizationId, userId: user.id, role: opts.role ?? "member" },
    });
  return user;
}

export async function makeDossier(
  organizationId: string,
  members: { userId: string; role: "referent" | "applicant" | "advisor"; holder?: boolean }[],
  title = `Dossier ${uid()}`,
) {
  return db().dossier.create({
    data: {
      organizationId,
      title,
      members: {
        create: members.map((m) => ({
          userId: m.userId,
          role: m.role,
          side: m.role === "advisor" ? "advisor" : "applicant",
          holder: m.holder ?? false,
        })),
      },
    },
  });
}

export async function actor(userId: string): Promise<Actor> {
  const a = await actorById(userId);
  if (!a) throw new Error(`no user ${userId}`);
  return a;
}

/** A typical world: one organization with a dossier (referent, applicant, holder), plus another organization's staff. */
export async function makeWorld() {
  const org = await makeOrganization("Agence Test");
  const other = await makeOrganization("Autre Cabinet");
  const staff = await makeUser("Staff Nord", { organizationId: org.id, role: "staff" });
  const advisor = await makeUser("Adele Test", { organizationId: org.id });
  const outsider = await makeUser("Membre Hors Dossier", { organizationId: org.id });
  const referent = await makeUser("Paul Test");
  const applicant = await makeUser("Marie Test");
  const otherStaff = await makeUser("Sofia Test", { organizationId: other.id, role: "staff" });
  const dossier = await makeDossier(org.id, [
    { userId: referent.id, role: "referent" },
    { userId: applicant.id, role: "applicant" },
    { userId: advisor.id, role: "advisor", holder: true },
  ]);
  return { org, other, staff, advisor, outsider, referent, applicant, otherStaff, dossier };
}
