/**
 * Text to bytes as offices' machines write it: UTF-8 with or without BOM, GBK (Excel on
 * Chinese Windows), UTF-16 (Excel's "Unicode text"), so the importer's decoding is fuzzed
 * along with what it decodes.
 */
let gbkTable: Map<string, number[]> | null = null;

/** Every GBK double-byte character, found by decoding each double-byte code once. */
function gbk(): Map<string, number[]> {
  if (gbkTable) return gbkTable;
  gbkTable = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
    }
  }
  return gbkTable;
}

/** GBK bytes of the text; characters GBK lacks become "?", as Excel writes them. */
export function encodeGbk(text: string): Uint8Array {
  const table = gbk();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

export type Encoding = 'utf-8' | 'utf-8 with BOM' | 'gbk' | 'utf-16le with BOM';
export const ENCODINGS: Encoding[] = ['utf-8', 'utf-8 with BOM', 'gbk', 'utf-16le with BOM'];

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8 with BOM':
      return new TextEncoder().encode(`\ufeff${text}`);
    case 'gbk':
      return encodeGbk(text);
    case 'utf-16le with BOM':
      return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
  }
}
