/**
 * Where the Chinese font comes from, so charts render the same on a server that has no CJK font
 * installed (a bare Debian or Alpine image) as on a developer's desktop.
 *
 * The font is Noto Sans Hans Regular (an OpenType/CFF file of Noto Sans CJK SC, OFL-1.1) as
 * shipped in the npm package `@embedpdf/fonts-sc`. It covers all 20,902 CJK Unified Ideographs
 * of GBK (so every GB2312 character and the rarer ones in names such as 堃 or 喆), Latin and
 * CJK punctuation. resvg reads TTF/OTF but not WOFF2, which rules out the webfont packages.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The family name in the font's own name table: the name SVG text must ask for. */
export const CJK_FONT_FAMILY = 'Noto Sans S Chinese';

/** A CSS font-family list for chart text: the bundled font first, the generic family as a net. */
export const CHART_FONT_STACK = `'${CJK_FONT_FAMILY}', sans-serif`;

const FONT_FILE = 'NotoSansHans-Regular.otf';

/**
 * Absolute path of the bundled font file, whatever the working directory. The package's exports
 * map publishes only its JavaScript entry (dist/index.cjs), not the fonts, so the path is taken
 * from that entry's directory.
 */
export function cjkFontPath(): string {
  const entry = require.resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(entry), '..', 'fonts', FONT_FILE);
}
