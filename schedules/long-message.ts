/**
 * Texts that grow with a plan (a circular of a thousand units, /yearly, /units …) split into
 * messages Telegram accepts. Telegram refuses a text longer than 4,096 characters, counted in
 * UTF-16 code units of what it shows: after HTML parsing (tags count nothing, `&amp;` counts one)
 * and after trimming. Here the count is the same but untrimmed, so never lower than Telegram's.
 *
 * Parts are cut at line ends, the newline at a cut dropped. A line longer than a whole part is
 * cut inside, after a space or a punctuation mark where one is near the end, else between two
 * characters — never inside a tag, an entity (`&amp;`), a surrogate pair or a character and its
 * combining marks. Tags open at a cut are closed at the end of the part and opened again, with
 * their attributes, at the start of the next. A part with nothing but white space (Telegram
 * refuses those as empty) is left out, so an input without any visible character gives no part.
 *
 * Pure: no Telegram, no database, no translations. It lives beside the throttle (Telegram's other
 * limits) so that the dispatcher and the bot's features can both use it.
 */

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Shown text: a plain run, or one entity (`shown`: what it decodes to) or other piece kept `whole`. */
type TextToken = { kind: 'text'; raw: string; width: number; ink: boolean; shown?: string; whole?: boolean };

type Token = TextToken | { kind: 'open'; raw: string; name: string } | { kind: 'close'; raw: string; name: string };

/** A piece of a line that is never cut: one code point, one entity or one tag. */
type Unit = Token & { codePoint?: number };

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
/** An entity as Telegram reads one: numeric or named, the semicolon optional. */
const ENTITY = /&(?:#([xX][0-9a-fA-F]*|[0-9]*)|([a-zA-Z]*));?/y;
/** A start or end tag; quoted attribute values may hold ">". */
const TAG = /<(\/?)([a-zA-Z][\w-]*)?((?:"[^"]*"|'[^']*'|[^'">])*)>/y;
/** Literal text up to the next "<" or "&". */
const PLAIN = /[^<&]+/y;
/** Up to this length a would-be entity that is literal text ("&nbsp;") is kept whole too. */
const ATOMIC_LITERAL_MAX = 32;

/** What an entity shows, as Telegram decodes it; undefined when Telegram keeps it as literal text. */
function decodeEntity([, numeric, named]: RegExpExecArray): string | undefined {
  if (numeric !== undefined) {
    const hex = /^[xX]/.test(numeric);
    const digits = hex ? numeric.slice(1) : numeric;
    // Telegram ignores references of 10 characters or more, counting "&#".
    if (digits === '' || 2 + numeric.length >= 10) return undefined;
    const codePoint = parseInt(digits, hex ? 16 : 10);
    if (codePoint === 0 || codePoint >= 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
    return String.fromCodePoint(codePoint);
  }
  return named !== undefined ? NAMED_ENTITIES[named] : undefined;
}

function textToken(raw: string): TextToken {
  return { kind: 'text', raw, width: raw.length, ink: /\S/.test(raw) };
}

/** A line's tokens: plain runs, entities, tags. In plain mode (or without "<" and "&"), one run. */
function tokenize(line: string, html: boolean, limit = Infinity): Token[] {
  if (line === '') return [];
  if (!html || !/[<&]/.test(line)) return [textToken(line)];
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === '<') {
      TAG.lastIndex = i;
      const tag = TAG.exec(line);
      if (!tag) {
        tokens.push(textToken('<'));
        i++;
        continue;
      }
      const name = (tag[2] ?? '').toLowerCase();
      // "</>" closes whatever is open, as Telegram lets it; "<b/>" opens nothing.
      if (tag[1] === '/') tokens.push({ kind: 'close', raw: tag[0], name });
      else if (name !== '' && !tag[3]!.trimEnd().endsWith('/')) tokens.push({ kind: 'open', raw: tag[0], name });
      else tokens.push({ kind: 'text', raw: tag[0], width: 0, ink: false, shown: '', whole: true });
      i += tag[0].length;
      continue;
    }
    if (char === '&') {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(line)!;
      const shown = decodeEntity(entity);
      if (shown !== undefined) {
        tokens.push({ kind: 'text', raw: entity[0], width: shown.length, ink: /\S/.test(shown), shown, whole: true });
      } else if (entity[0].length <= Math.min(ATOMIC_LITERAL_MAX, limit)) {
        // Literal, but kept whole: cut, "&amplifier" could become "&amp" and show "&".
        tokens.push({ ...textToken(entity[0]), whole: true });
      } else {
        tokens.push(textToken('&'));
        i++;
        continue;
      }
      i += entity[0].length;
      continue;
    }
    PLAIN.lastIndex = i;
    const run = PLAIN.exec(line)![0];
    tokens.push(textToken(run));
    i += run.length;
  }
  return tokens;
}

/** The text Telegram shows for an HTML text: tags removed, entities decoded (not trimmed). */
export function visibleText(html: string): string {
  return html
    .split('\n')
    .map((line) =>
      tokenize(line, true)
        .map((t) => (t.kind === 'text' ? (t.shown ?? t.raw) : ''))
        .join(''),
    )
    .join('\n');
}

/** A text's length as Telegram counts it against the limit (UTF-16 units shown), never less. */
export function telegramLength(text: string, html = true): number {
  const lines = text.split('\n');
  let length = lines.length - 1;
  for (const line of lines) for (const token of tokenize(line, html)) if (token.kind === 'text') length += token.width;
  return length;
}

function widthOf(unit: Token): number {
  return unit.kind === 'text' ? unit.width : 0;
}

/** Code points, entities and tags of a line that has to be cut inside. */
function unitsOf(tokens: Token[]): Unit[] {
  const units: Unit[] = [];
  for (const token of tokens) {
    if (token.kind !== 'text' || token.whole) {
      units.push(token);
      continue;
    }
    for (const char of token.raw)
      units.push({ kind: 'text', raw: char, width: char.length, ink: /\S/.test(char), codePoint: char.codePointAt(0)! });
  }
  return units;
}

const BREAK_AFTER = /[\s、，。；：！？,.;:!?)）」』】》]/;
// A class of combining marks and emoji modifiers on purpose: each joins the character before it.
// eslint-disable-next-line no-misleading-character-class
const EXTENDS = /[\p{M}\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
const isRegional = (cp: number | undefined) => cp !== undefined && cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Whether a cut between units[k - 1] and units[k] would split what shows as one character. */
function inCluster(units: Unit[], k: number): boolean {
  const before = units[k - 1];
  const after = units[k];
  if (before?.codePoint === undefined || after?.codePoint === undefined) return false;
  if (EXTENDS.test(after.raw) || before.codePoint === 0x200d) return true;
  if (isRegional(before.codePoint) && isRegional(after.codePoint)) {
    // A flag is a pair of regional indicators: the cut is inside one after an odd number of them.
    let run = 0;
    for (let j = k - 1; j >= 0 && isRegional(units[j]!.codePoint); j--) run++;
    return run % 2 === 1;
  }
  return false;
}

/** The parts made so far, the one being filled, and the tags open at its end. */
class Parts {
  readonly done: string[] = [];
  private chunks: string[] = [];
  private prefix = '';
  private stack: { name: string; raw: string }[] = [];
  width = 0;
  ink = false;
  lines = 0;

  add(token: Token): void {
    this.chunks.push(token.raw);
    if (token.kind === 'text') {
      this.width += token.width;
      this.ink ||= token.ink;
    } else if (token.kind === 'open') {
      this.stack.push({ name: token.name, raw: token.raw });
    } else {
      const at = token.name === '' ? this.stack.length - 1 : this.stack.map((t) => t.name).lastIndexOf(token.name);
      if (at >= 0) this.stack.length = at;
    }
  }

  newline(): void {
    this.chunks.push('\n');
    this.width += 1;
  }

  /** Ends the part, closing its open tags; they open again at the start of the next. White space alone is left out. */
  flush(): void {
    const closers = [...this.stack]
      .reverse()
      .map((t) => `</${t.name}>`)
      .join('');
    if (this.ink) this.done.push(this.prefix + this.chunks.join('') + closers);
    this.prefix = this.stack.map((t) => t.raw).join('');
    this.chunks = [];
    this.width = 0;
    this.ink = false;
    this.lines = 0;
  }
}

function split(text: string, limit: number, html: boolean): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`a message limit must be an integer of at least 2, not ${limit}`);
  const parts = new Parts();
  for (const line of text.split('\n')) {
    // A blank line does not start a part: after a cut it separated nothing, and Telegram would trim it.
    if (line === '' && parts.lines === 0) continue;
    const tokens = tokenize(line, html, limit);
    const width = tokens.reduce((sum, t) => sum + widthOf(t), 0);
    if (parts.lines > 0) {
      if (parts.width + 1 + width <= limit) {
        parts.newline();
        for (const token of tokens) parts.add(token);
        parts.lines++;
        continue;
      }
      if (width > limit && parts.ink && limit - parts.width - 1 >= limit / 4) {
        // A line to be cut anyway begins in the room left, rather than leave a part nearly empty.
        parts.newline();
        cutLine(parts, unitsOf(tokens), limit);
        continue;
      }
      // The cut: between two lines, the newline dropped.
      parts.flush();
    }
    parts.lines++;
    if (width <= limit) for (const token of tokens) parts.add(token);
    else cutLine(parts, unitsOf(tokens), limit);
  }
  parts.flush();
  return parts.done;
}

/** Puts a line wider than a part into the room left in the part and the parts after it, cutting it as few times as it needs. */
function cutLine(parts: Parts, units: Unit[], limit: number): void {
  // before[k]: the width of units[0 .. k).
  const before = [0];
  for (const unit of units) before.push(before.at(-1)! + widthOf(unit));
  let i = 0;
  while (i < units.length) {
    const room = limit - parts.width;
    let j = i;
    while (j < units.length && before[j + 1]! - before[i]! <= room) j++;
    if (j === units.length) {
      for (; i < units.length; i++) parts.add(units[i]!);
      parts.lines = 1; // the line's end: the next line may join it
      return;
    }
    let cut = j;
    // After a space or a punctuation mark, if that leaves the part at least half full.
    for (let k = j; k > i && before[k]! - before[i]! >= room / 2; k--) {
      const unit = units[k - 1]!;
      if (unit.kind === 'text' && unit.width > 0 && BREAK_AFTER.test(unit.raw)) {
        cut = k;
        break;
      }
    }
    if (cut === j) while (cut > i + 1 && inCluster(units, cut)) cut--;
    // Tags closed right after the cut close this part; tags opened right before it open the next.
    while (cut < units.length && units[cut]!.kind === 'close') cut++;
    while (cut > i && units[cut - 1]!.kind === 'open') cut--;
    if (before[cut]! === before[i]!) {
      if (parts.width > 0) {
        // Not a character more fits beside what the part holds: the line goes on in the next.
        parts.flush();
        continue;
      }
      // Never nothing: at least up to the first character (which fits an empty part, being no wider than the limit).
      for (cut = i + 1; cut < units.length && widthOf(units[cut - 1]!) === 0;) cut++;
    }
    for (; i < cut; i++) parts.add(units[i]!);
    parts.flush();
  }
}

/**
 * Splits an HTML text (Telegram's parse mode) into parts of at most `limit` characters as
 * Telegram counts them, each with its tags balanced. See the file's comment.
 */
export function splitHtmlMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return split(text, limit, true);
}

/** The same for a text sent without a parse mode: "<" and "&" are just characters. */
export function splitPlainMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return split(text, limit, false);
}

/**
 * Replies with a text that may be longer than one message: in parts split as above (as HTML
 * when `other.parse_mode` is HTML), the buttons (`reply_markup`) under the last part only.
 * Resolves with the messages sent, in order.
 */
export async function replyInParts<Other extends { parse_mode?: string; reply_markup?: unknown }, Sent>(
  ctx: { reply(text: string, other?: Other): Promise<Sent> },
  text: string,
  other?: Other,
): Promise<Sent[]> {
  const parts = other?.parse_mode?.toUpperCase() === 'HTML' ? splitHtmlMessage(text) : splitPlainMessage(text);
  const { reply_markup: _markup, ...withoutButtons } = other ?? {};
  const sent: Sent[] = [];
  for (const [i, part] of parts.entries()) sent.push(await ctx.reply(part, i === parts.length - 1 ? other : (withoutButtons as Other)));
  return sent;
}
