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
