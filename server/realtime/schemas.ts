// zod schemas of what clients send over the socket: every handler parses before anything else.
import { z } from "zod";

const id = z.string().min(1).max(64);

export const joinSchema = z.object({ dossierId: id, afterSeq: z.number().int().min(0) });
export const leaveSchema = z.object({ dossierId: id });
export const typingSchema = z.object({ dossierId: id });
export const readSchema = z.object({ dossierId: id, seq: z.number().int().min(0) });
