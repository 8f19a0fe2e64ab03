// What the document area publishes: an upload is a DossierEvent seen by every viewer of the dossier.
export const DOCUMENT_UPLOADED = "document.uploaded";

export type DocumentView = {
  id: string;
  dossierId: string;
  name: string;
  mimeType: string;
  size: number;
  uploadedBy: { id: string; name: string };
  createdAt: string;
};

export type DocumentUploadedPayload = { document: DocumentView };

// S7: a document shown to partners or hidden again; advisor side only (X2: partners get an empty
// partner.view_changed and refetch through their own filter).
export const DOCUMENT_PARTNER_VISIBILITY = "document.partner_visibility";
export type PartnerVisibilityPayload = {
  document: { id: string; name: string; size: number; createdAt: string };
  visible: boolean;
  /** the solicitations whose partners see it; null: every partner */
  solicitationIds: string[] | null;
};
