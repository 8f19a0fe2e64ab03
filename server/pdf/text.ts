// The text of an uncompressed PDF drawn by pdfkit with its built-in fonts: the hex strings of its TJ
// operators, decoded (WinAnsi: Latin-1 for most characters we print, 0x80 for the euro sign). For tests.
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const m of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const pieces = [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) =>
      Buffer.from(h[1], "hex").toString("latin1").replace(/\x80/g, "€"),
    );
    lines.push(pieces.join(""));
  }
  return lines.join("\n");
}
