import type { MessageKey } from "@/server/i18n";

/** The dossier page's tabs, in order: each is a page under /dossiers/[id]. advisorOnly tabs are not
 * shown to the applicant side (their pages answer 404 to it anyway). */
export const dossierTabs: { slug: string; label: MessageKey; advisorOnly?: true }[] = [
  { slug: "", label: "dossier.conversation" },
  { slug: "recommendations", label: "dossier.recommendations" },
  { slug: "documents", label: "dossier.documents" },
  { slug: "form", label: "form.tab" },
  { slug: "partners", label: "solicitation.tab", advisorOnly: true },
  { slug: "billing", label: "billing.tab", advisorOnly: true },
  { slug: "notes", label: "note.tab", advisorOnly: true },
  { slug: "timeline", label: "timeline.tab" },
  { slug: "members", label: "membership.tab" },
  { slug: "settings", label: "settings.tab" },
];
