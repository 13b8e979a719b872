/**
 * Names inside the inspection pack (issue 15, item 5): folder and file names that every unzip
 * tool and Windows accept, still readable in Chinese. Pure.
 *
 * - The characters Windows refuses in a name (/ \ : * ? " < > |) become their full-width forms
 *   (／ ＼ ： ＊ ？ ＂ ＜ ＞ ｜), which read the same; control characters go; runs of whitespace
 *   become one space; leading and trailing spaces and dots are trimmed (Windows drops them).
 * - A name is capped (by characters, never cutting a surrogate pair) so a path of task / unit /
 *   file stays well under Windows' 260; a file keeps its extension when cut.
 * - Windows' reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension)
 *   get a leading underscore; an empty name becomes "_".
 * - Within one folder, names are unique regardless of case (Windows and macOS ignore case):
 *   the second 照片.jpg is 照片 (2).jpg, the third 照片 (3).jpg.
 */

const FULL_WIDTH: Record<string, string> = {
  '/': '／',
  '\\': '＼',
  ':': '：',
  '*': '＊',
  '?': '？',
  '"': '＂',
  '<': '＜',
  '>': '＞',
  '|': '｜',
};

/** Longest folder name (characters). */
export const FOLDER_NAME_MAX = 60;
/** Longest file name (characters), extension included. */
export const FILE_NAME_MAX = 100;
/** Longest extension kept as one (".jpeg", ".docx"; a longer "extension" is part of the name). */
const EXTENSION_MAX = 10;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function trimName(text: string): string {
  return text.replace(/^[\s.]+|[\s.]+$/gu, '');
}

/** The characters of a name made safe, before capping. */
function clean(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\ufeff]/gu, '')
    .replace(/[/\\:*?"<>|]/gu, (c) => FULL_WIDTH[c]!);
}

function guarded(name: string): string {
  if (name === '') return '_';
  return RESERVED.test(name) ? `_${name}` : name;
}

/** A folder's name: safe, trimmed, at most FOLDER_NAME_MAX characters. */
export function safeFolderName(text: string, max = FOLDER_NAME_MAX): string {
  return guarded(trimName(cut(trimName(clean(text)), max)));
}

/** Splits "报告.final.PDF" into ["报告.final", ".PDF"]; no extension: [name, ""]. */
export function splitExtension(name: string): [string, string] {
  const m = /^(.+?)(\.[^.\s]{1,10})$/u.exec(name);
  if (!m || m[2]!.length > EXTENSION_MAX + 1) return [name, ''];
  return [m[1]!, m[2]!];
}

/** A file's name: safe, trimmed, at most FILE_NAME_MAX characters with its extension kept. */
export function safeFileName(text: string, max = FILE_NAME_MAX): string {
  const name = trimName(clean(text));
  const [stem, extension] = splitExtension(name);
  const kept = trimName(cut(trimName(stem), max - Array.from(extension).length));
  if (kept === '') return guarded(trimName(extension));
  return guarded(`${kept}${extension}`);
}

/**
 * The names taken in one folder: `take` returns the name itself the first time, then
 * "name (2).ext", "name (3).ext" …, each unique regardless of case and within the length cap.
 */
export class NameSpace {
  private readonly taken = new Set<string>();

  constructor(private readonly max: number) {}

  /** `name` must already be safe (safeFileName / safeFolderName). */
  take(name: string, { keepExtension }: { keepExtension: boolean }): string {
    const [stem, extension] = keepExtension ? splitExtension(name) : [name, ''];
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const room = this.max - Array.from(extension).length - suffix.length;
      const candidate = `${n === 1 ? stem : trimName(cut(stem, room))}${suffix}${extension}`;
      const key = candidate.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}
