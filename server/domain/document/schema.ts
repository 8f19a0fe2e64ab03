// What a document may be: an allow-list of extensions, each with the bytes its content must start
// with where that check is cheap. The type comes from this list, never from what the browser says.
import { z } from "zod";
import { stripUnsafe } from "../text";
import { extensionOf, type AcceptedExtension } from "./kinds";

export const NAME_MAX = 200;

type Kind = { mime: string; magic: (b: Buffer) => boolean };

const starts =
  (sig: number[] | string, offset = 0) =>
  (b: Buffer) => {
    const bytes = typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig);
    return b.length >= offset + bytes.length && b.subarray(offset, offset + bytes.length).equals(bytes);
  };
const zip = starts([0x50, 0x4b, 0x03, 0x04]);
const ole = starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Text: no NUL byte in the first 8 KiB (binaries almost always have one). */
const text = (b: Buffer) => !b.subarray(0, 8192).includes(0);

export const DOCUMENT_KINDS: Record<AcceptedExtension, Kind> = {
  pdf: { mime: "application/pdf", magic: starts("%PDF-") },
  png: { mime: "image/png", magic: starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: "image/jpeg", magic: starts([0xff, 0xd8, 0xff]) },
  jpeg: { mime: "image/jpeg", magic: starts([0xff, 0xd8, 0xff]) },
  gif: { mime: "image/gif", magic: (b) => starts("GIF87a")(b) || starts("GIF89a")(b) },
  webp: { mime: "image/webp", magic: (b) => starts("RIFF")(b) && starts("WEBP", 8)(b) },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: zip },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: zip },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: zip },
  odt: { mime: "application/vnd.oasis.opendocument.text", magic: zip },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", magic: zip },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", magic: zip },
  doc: { mime: "application/msword", magic: ole },
  xls: { mime: "application/vnd.ms-excel", magic: ole },
  ppt: { mime: "application/vnd.ms-powerpoint", magic: ole },
  rtf: { mime: "application/rtf", magic: starts("{\\rtf") },
  txt: { mime: "text/plain; charset=utf-8", magic: text },
  csv: { mime: "text/csv; charset=utf-8", magic: text },
  md: { mime: "text/markdown; charset=utf-8", magic: text },
};

/** A file name as stored and shown: no path, no control characters, trimmed. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // X7: no bidirectional override either ("cv\u202Efdp.exe" would read "cvexe.pdf").
  return stripUnsafe(base).trim();
}

export const uploadSchema = z.object({
  dossierId: z.string().min(1).max(64),
  name: z.string().transform(cleanName).pipe(z.string().min(1).max(NAME_MAX)),
  bytes: z.instanceof(Buffer),
});

export type UploadInput = z.input<typeof uploadSchema>;

/** S7: on upload, shown to every partner ("all"), to the partners of these solicitations, or to none (absent). */
export const partnerChoiceSchema = z
  .union([z.literal("all"), z.array(z.string().min(1).max(64)).min(1).max(50)])
  .nullish();

export type FileProblem = "doc.missing" | "doc.emptyFile" | "doc.tooLarge" | "doc.badType" | "doc.spoofed";

/** Why a file is refused, as a catalogue key, or its type when accepted. */
export function checkFile(name: string, bytes: Buffer, maxBytes: number): { problem: FileProblem } | { mime: string } {
  if (bytes.length === 0) return { problem: "doc.emptyFile" };
  if (bytes.length > maxBytes) return { problem: "doc.tooLarge" };
  const kind = (DOCUMENT_KINDS as Record<string, Kind | undefined>)[extensionOf(name)];
  if (!kind) return { problem: "doc.badType" };
  if (!kind.magic(bytes)) return { problem: "doc.spoofed" };
  return { mime: kind.mime };
}

/** S7: a document shown to partners (all of them, or those of some solicitations), or hidden again. */
export const partnerVisibilitySchema = z.object({
  documentId: z.string().min(1).max(64),
  visible: z.boolean(),
  solicitationIds: z.array(z.string().min(1).max(64)).max(50).nullish(),
});
