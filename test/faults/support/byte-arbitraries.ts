/**
 * Byte-level damage, as transfers and disks do it: truncation, flipped bits, overwritten,
 * inserted, deleted and repeated spans. Positions are fractions of the input's length, so
 * the same edit means something whatever the input.
 */
import fc from 'fast-check';

const position = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

export type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const someBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 16 }),
  fc.constantFrom(
    ...[[0], [0xff], [0x22], [0xef, 0xbb, 0xbf], [0x0d], [0x0a], [0x3c], [0x26], [0xd0, 0xcf, 0x11, 0xe0], [0x50, 0x4b, 0x03, 0x04]].map(
      (b) => new Uint8Array(b),
    ),
  ),
);

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  fc.record({ kind: fc.constant('overwrite' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: position,
    length: fc.integer({ min: 1, max: 256 }),
    times: fc.integer({ min: 1, max: 20 }),
  }),
);

export function applyByteEdits(input: Uint8Array, edits: ByteEdit[]): Uint8Array {
  let out = Buffer.from(input);
  for (const edit of edits) {
    const at = Math.floor(edit.at * out.byteLength);
    switch (edit.kind) {
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'flip':
        if (at < out.byteLength) out[at] = out[at]! ^ (1 << edit.bit);
        break;
      case 'overwrite':
        out = Buffer.concat([out.subarray(0, at), edit.bytes, out.subarray(at + edit.bytes.byteLength)]);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), edit.bytes, out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + edit.length)]);
        break;
      case 'repeat': {
        const span = out.subarray(at, at + edit.length);
        out = Buffer.concat([out.subarray(0, at), ...Array<Buffer>(edit.times + 1).fill(span), out.subarray(at + edit.length)]);
        break;
      }
    }
  }
  return new Uint8Array(out);
}

/** `input` with 1 to `max` byte edits. */
export const damaged = (input: Uint8Array, max = 4): fc.Arbitrary<Uint8Array> =>
  fc.array(byteEdit, { minLength: 1, maxLength: max }).map((edits) => applyByteEdits(input, edits));
