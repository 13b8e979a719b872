/**
 * Word's automatic numbering, rebuilt. A paragraph numbered by Word (w:numPr: a list, w:numId,
 * and a level, w:ilvl) stores no number: Word counts the list's paragraphs as it lays the
 * page out and prints each level's text (w:lvlText "（%1）", "%1、") with the level's format
 * (w:numFmt chineseCounting → 一, decimal → 1, decimalEnclosedCircle → ①). Government
 * documents number 一、（一）1.（1）so, and a plan whose numbers were dropped has no items.
 *
 * Counted here as Word does for the common case: each list (numId) counts on through the
 * document, a level restarts when a higher level of its list moves on, w:start and
 * w:startOverride set where a level starts.
 *
 * Offices most often number headings through paragraph styles: the paragraph names only its
 * style (w:pStyle), and the style in word/styles.xml carries the w:numPr, itself or through
 * the styles it is based on (w:basedOn; a style's w:numId 0 switches an inherited list off).
 * A paragraph's own numPr wins over its style's (its numId 0 switches numbering off; an ilvl
 * alone picks the level in the style's list). A style's numPr without ilvl takes the level
 * of the list that names the style (w:lvl/w:pStyle), else level 0. A paragraph naming no
 * style has the default paragraph style. Not followed: list styles (w:numStyleLink).
 *
 * Pure: XML in, numbers out; linear (saxes, no entities), the definitions read and the
 * basedOn chains walked both capped.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { chineseOrdinal } from './plan';

interface Level {
  start: number;
  format: string;
  text: string;
  /** The paragraph style linked to this level (w:lvl/w:pStyle): its paragraphs take this level. */
  style?: string;
}

/** The list a paragraph style numbers its paragraphs in; ilvl null when no style in its chain gives one. */
export interface StyleNumbering {
  numId: string;
  ilvl: number | null;
}

export interface ParagraphStyles {
  /** Each paragraph style that numbers, by w:styleId, its numPr resolved through w:basedOn. */
  numbering: Map<string, StyleNumbering>;
  /** The style of a paragraph naming none (w:default="1"), or null. */
  defaultStyle: string | null;
}

export interface NumberingDefinitions {
  /** Levels of each abstract list (w:abstractNumId → level index → level). */
  abstract: Map<string, Map<number, Level>>;
  /** Each list (w:numId): its abstract list and the levels' start overrides. */
  lists: Map<string, { abstractId: string; startOverrides: Map<number, number> }>;
  /** The paragraph styles of word/styles.xml, when it was read: numbering through styles. */
  styles?: ParagraphStyles;
}

/** Levels a list may have in Word (0–8); more are ignored. */
const MAX_LEVEL = 8;
/** Definitions read at most: a real numbering.xml has a few dozen. */
const MAX_DEFINITIONS = 10_000;
/**
 * Styles a basedOn chain is followed through: Word's built-in chains are a few long; a
 * longer chain (or a cycle, which Word refuses to write) stops here, so resolving every style
 * costs at most MAX_DEFINITIONS × MAX_BASED_ON steps.
 */
const MAX_BASED_ON = 32;

const attribute = (tag: SaxesTagPlain, name: string): string | undefined => {
  const value = tag.attributes[name];
  return typeof value === 'string' ? value : undefined;
};

const levelIndex = (value: string | undefined): number | null => {
  if (value === undefined || !/^\d$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_LEVEL ? n : null;
};

/** The lists of word/numbering.xml; empty definitions when the XML cannot be read (numbers are then left out, as before). */
export function readNumbering(xml: string): NumberingDefinitions {
  const definitions: NumberingDefinitions = { abstract: new Map(), lists: new Map() };
  const parser = new SaxesParser({ xmlns: false });
  let abstractLevels: Map<number, Level> | null = null;
  let level: Level | null = null;
  let list: { abstractId: string; startOverrides: Map<number, number> } | null = null;
  let override: number | null = null;
  let count = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const val = attribute(tag, 'w:val');
    switch (tag.name) {
      case 'w:abstractNum': {
        const id = attribute(tag, 'w:abstractNumId');
        if (id === undefined || ++count > MAX_DEFINITIONS) break;
        abstractLevels = new Map();
        definitions.abstract.set(id, abstractLevels);
        break;
      }
      case 'w:lvl': {
        const index = levelIndex(attribute(tag, 'w:ilvl'));
        if (abstractLevels && index !== null) {
          level = { start: 1, format: 'decimal', text: `%${index + 1}.` };
          abstractLevels.set(index, level);
        }
        break;
      }
      case 'w:start':
        if (level && val !== undefined && /^\d{1,6}$/.test(val)) level.start = Number(val);
        break;
      case 'w:numFmt':
        if (level && val !== undefined) level.format = val;
        break;
      case 'w:lvlText':
        if (level && val !== undefined) level.text = val.slice(0, 40);
        break;
      case 'w:pStyle':
        if (level && val !== undefined) level.style = val;
        break;
      case 'w:num': {
        const id = attribute(tag, 'w:numId');
        if (id === undefined || ++count > MAX_DEFINITIONS) break;
        list = { abstractId: '', startOverrides: new Map() };
        definitions.lists.set(id, list);
        break;
      }
      case 'w:abstractNumId':
        if (list && val !== undefined) list.abstractId = val;
        break;
      case 'w:lvlOverride':
        override = levelIndex(attribute(tag, 'w:ilvl'));
        break;
      case 'w:startOverride':
        if (list && override !== null && val !== undefined && /^\d{1,6}$/.test(val)) list.startOverrides.set(override, Number(val));
        break;
    }
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.name === 'w:abstractNum') abstractLevels = null;
    else if (tag.name === 'w:lvl') level = null;
    else if (tag.name === 'w:num') list = null;
    else if (tag.name === 'w:lvlOverride') override = null;
  });
  try {
    parser.write(xml).close();
  } catch {
    return { abstract: new Map(), lists: new Map() };
  }
  return definitions;
}

interface RawStyle {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
}

/**
 * The paragraph styles of word/styles.xml that number their paragraphs. Empty when the XML
 * cannot be read: numbering through styles is then left out, a paragraph's own kept.
 */
export function readStyles(xml: string): ParagraphStyles {
  const raw = new Map<string, RawStyle>();
  let defaultStyle: string | null = null;
  const parser = new SaxesParser({ xmlns: false });
  let style: RawStyle | null = null;
  let inNumPr = false;
  let changeDepth = 0; // inside w:pPrChange: the formatting before a tracked change, not the style's
  let count = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const val = attribute(tag, 'w:val');
    switch (tag.name) {
      case 'w:style': {
        style = null;
        const id = attribute(tag, 'w:styleId');
        const type = attribute(tag, 'w:type') ?? 'paragraph'; // the schema's default type
        if (id === undefined || type !== 'paragraph' || raw.has(id) || ++count > MAX_DEFINITIONS) break;
        style = { basedOn: null, numId: null, ilvl: null };
        raw.set(id, style);
        const isDefault = attribute(tag, 'w:default');
        if (defaultStyle === null && (isDefault === '1' || isDefault === 'true' || isDefault === 'on')) defaultStyle = id;
        break;
      }
      case 'w:pPrChange':
        if (!tag.isSelfClosing) changeDepth++;
        break;
      case 'w:basedOn':
        if (style && val !== undefined) style.basedOn = val;
        break;
      case 'w:numPr':
        inNumPr = style !== null && changeDepth === 0 && !tag.isSelfClosing;
        break;
      case 'w:numId':
        if (style && inNumPr && val !== undefined) style.numId = val;
        break;
      case 'w:ilvl':
        if (style && inNumPr) style.ilvl = levelIndex(val);
        break;
    }
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.isSelfClosing) return;
    if (tag.name === 'w:style') style = null;
    else if (tag.name === 'w:numPr') inNumPr = false;
    else if (tag.name === 'w:pPrChange' && changeDepth > 0) changeDepth--;
  });
  try {
    parser.write(xml).close();
  } catch {
    return { numbering: new Map(), defaultStyle: null };
  }
  const numbering = new Map<string, StyleNumbering>();
  for (const [id, own] of raw) {
    // Each property is the nearest style's that sets it, up the basedOn chain (a cycle stops at the cap).
    let numId: string | null = null;
    let ilvl: number | null = null;
    let at: RawStyle | undefined = own;
    for (let steps = 0; at && steps < MAX_BASED_ON && (numId === null || ilvl === null); steps++) {
      numId ??= at.numId;
      ilvl ??= at.ilvl;
      at = at.basedOn === null ? undefined : raw.get(at.basedOn);
    }
    if (numId !== null && numId !== '0') numbering.set(id, { numId, ilvl });
  }
  return { numbering, defaultStyle };
}

/** A counter value in a level's format: 3 → 三, 3, ③, C, III. Unknown formats read as digits. */
export function formatCounter(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
    case 'ideographDigital':
      return value >= 1 && value < 100 ? chineseOrdinal(value) : String(value);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2460 + value - 1) : String(value);
    case 'decimalEnclosedParen':
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2474 + value - 1) : `(${value})`;
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
      return format === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const roman = toRoman(value);
      return format === 'upperRoman' ? roman : roman.toLowerCase();
    }
    case 'none':
      return '';
    default:
      return String(value);
  }
}

function toRoman(value: number): string {
  if (value < 1 || value > 3999) return String(value);
  const numerals: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [n, s] of numerals) for (; rest >= n; rest -= n) out += s;
  return out;
}

/**
 * Counts the numbered paragraphs of a document in order and gives each its printed number
 * ("（一）", "1."), or '' for a bullet or a list Word would not number.
 */
export class NumberingCounter {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly definitions: NumberingDefinitions) {}

  /**
   * The printed number of a paragraph from its own numPr (null when it has none; numId or
   * ilvl null when the numPr leaves it out) and its style (w:pStyle), or ''.
   */
  paragraph(own: { numId: string | null; ilvl: number | null } | null, styleId: string | null): string {
    if (own?.numId) return own.numId === '0' ? '' : this.next(own.numId, own.ilvl ?? 0);
    const styles = this.definitions.styles;
    const id = styleId ?? styles?.defaultStyle ?? null;
    const fromStyle = id === null ? undefined : styles?.numbering.get(id);
    if (!fromStyle) return '';
    const ilvl = own?.ilvl ?? fromStyle.ilvl ?? this.levelOfStyle(fromStyle.numId, id!) ?? 0;
    return this.next(fromStyle.numId, ilvl);
  }

  /** The level of a list that names the style (w:lvl/w:pStyle), if one does. */
  private levelOfStyle(numId: string, styleId: string): number | null {
    const list = this.definitions.lists.get(numId);
    const levels = list ? this.definitions.abstract.get(list.abstractId) : undefined;
    for (const [index, level] of levels ?? []) if (level.style === styleId) return index;
    return null;
  }

  next(numId: string, ilvl: number): string {
    const list = this.definitions.lists.get(numId);
    const levels = list ? this.definitions.abstract.get(list.abstractId) : undefined;
    const level = levels?.get(ilvl);
    if (!list || !levels || !level || numId === '0') return '';
    const counts = this.counters.get(numId) ?? [];
    this.counters.set(numId, counts);
    const startOf = (index: number) => list.startOverrides.get(index) ?? levels.get(index)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    counts.length = ilvl + 1; // deeper levels restart under this paragraph
    // A bullet (•, ■) numbers nothing: the paragraph reads as its text.
    if (level.format === 'bullet') return '';
    return level.text.replace(/%([1-9])/g, (_, n: string) => {
      const index = Number(n) - 1;
      const value = counts[index] ?? startOf(index);
      return formatCounter(value, levels.get(index)?.format ?? 'decimal');
    });
  }
}
