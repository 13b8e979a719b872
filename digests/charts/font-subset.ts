/**
 * Cuts a font down to the characters one chart uses, with HarfBuzz's subsetter (the
 * `harfbuzzjs` package's WebAssembly build; no native code, nothing fetched).
 *
 * Why: resvg-js 2.6 (the rasteriser) re-reads a font file for every glyph it draws, so the cost
 * of text grows with the file's size: about 1 ms a character with the 8 MB CJK font, against a
 * few microseconds with a subset of a few dozen glyphs. Subsetting takes 2–20 ms per chart.
 *
 * The full font is read and handed to HarfBuzz once per process; each subset is made from that.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The WebAssembly global, typed here because the project's TypeScript libs (ES2023, no DOM)
 * leave it out.
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The slice of HarfBuzz's C API that the subsetting build exports (pointers are numbers). */
interface HarfBuzzSubsetExports {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthOut: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** hb_memory_mode_t: HarfBuzz may read the bytes in place and never writes to them. */
const HB_MEMORY_MODE_READONLY = 1;

export class FontSubsetter {
  private constructor(
    private readonly hb: HarfBuzzSubsetExports,
    /** The hb_face_t of the full font, kept for the life of the process. */
    private readonly face: number,
  ) {}

  /** Loads HarfBuzz and the font file (synchronously: a few tens of ms, once). */
  static fromFile(fontPath: string): FontSubsetter {
    const wasmPath = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmPath)), {});
    const hb = instance.exports as unknown as HarfBuzzSubsetExports;
    hb._initialize();

    const font = readFileSync(fontPath);
    const fontPtr = hb.malloc(font.byteLength);
    if (fontPtr === 0) throw new Error(`HarfBuzz could not allocate ${font.byteLength} bytes for ${fontPath}`);
    new Uint8Array(hb.memory.buffer).set(font, fontPtr);
    // The blob and face live as long as the process, so the copy is never freed.
    const blob = hb.hb_blob_create(fontPtr, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob); // the face holds its own reference
    return new FontSubsetter(hb, face);
  }

  /**
   * An OpenType font with the glyphs of `codePoints` (characters the font lacks are left out and
   * show as its .notdef box). HarfBuzz's default layout features are kept, the name table's
   * family name too, so SVG text still finds the font by name.
   */
  subset(codePoints: Iterable<number>): Buffer {
    const { hb } = this;
    const input = hb.hb_subset_input_create_or_fail();
    if (input === 0) throw new Error('HarfBuzz could not create a subset input');
    let subsetFace = 0;
    try {
      const unicodes = hb.hb_subset_input_unicode_set(input);
      for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
      subsetFace = hb.hb_subset_or_fail(this.face, input);
      if (subsetFace === 0) throw new Error('HarfBuzz failed to subset the chart font');
      const blob = hb.hb_face_reference_blob(subsetFace);
      try {
        const data = hb.hb_blob_get_data(blob, 0);
        const length = hb.hb_blob_get_length(blob);
        // Copy out: the wasm memory is reused (and may move when it grows).
        return Buffer.from(new Uint8Array(hb.memory.buffer, data, length));
      } finally {
        hb.hb_blob_destroy(blob);
      }
    } finally {
      if (subsetFace !== 0) hb.hb_face_destroy(subsetFace);
      hb.hb_subset_input_destroy(input);
    }
  }
}
