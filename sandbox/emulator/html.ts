/**
 * Telegram's HTML parse mode, as the Bot API server applies it to `parse_mode: "HTML"` texts:
 * it turns markup into plain text plus entities, or refuses the text with the reason Telegram
 * gives ("Unsupported start tag \"foo\" at byte offset 12"). Offsets in reasons are UTF-8 byte
 * offsets into the input; entity offsets are UTF-16 code units into the output, both as Telegram.
 *
 * One deliberate difference: Telegram keeps a lone "&" (and unknown entities such as "&nbsp;")
 * as literal text, although its documentation says every "&" must be escaped. By default this
 * parser refuses them, so that a bot which forgets to escape user text fails here rather than
 * on the first "<" in production. `rejectBareAmpersand: false` gives Telegram's leniency.
 */
import type { MessageEntity, User } from 'grammy/types';

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export class HtmlParseError extends Error {
  constructor(readonly reason: string) {
    super(`can't parse entities: ${reason}`);
    this.name = 'HtmlParseError';
  }
}

export interface HtmlParseOptions {
  rejectBareAmpersand?: boolean;
  /** Lets `<a href="tg://user?id=N">` become a text_mention carrying that user, as Telegram does. */
  findUser?: (id: number) => User | undefined;
}

const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'tg-emoji',
  'tg-time',
  'code',
  'pre',
  'blockquote',
]);

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
}

/** Decodes the HTML entity starting at `start` (which holds "&"), or returns undefined if there is none. */
export function decodeHtmlEntity(input: string, start: number): { char: string; end: number } | undefined {
  let end = start + 1;
  let codePoint: number;
  if (input[end] === '#') {
    end++;
    const hex = input[end] === 'x' || input[end] === 'X';
    if (hex) end++;
    const digitsStart = end;
    while (end < input.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(input[end] as string)) end++;
    // Like Telegram: absurdly long references are not references.
    if (end === digitsStart || end - start >= 10) return undefined;
    codePoint = parseInt(input.slice(digitsStart, end), hex ? 16 : 10);
    if (codePoint === 0 || codePoint >= 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
  } else {
    while (end < input.length && /[a-zA-Z]/.test(input[end] as string)) end++;
    const named = NAMED_ENTITIES[input.slice(start + 1, end)];
    if (named === undefined) return undefined;
    codePoint = named.codePointAt(0) as number;
  }
  // Telegram accepts the entity with or without its closing semicolon.
  if (input[end] === ';') end++;
  return { char: String.fromCodePoint(codePoint), end };
}

interface OpenTag {
  name: string;
  /** The attributes Telegram reads; a valueless `expandable` is stored as "". */
  attributes: Record<string, string>;
  /** Where the tag's content starts in the output, in UTF-16 units. */
  offset: number;
}

/** An entity under construction; `language` is kept on code until we know whether a pre wraps it. */
type DraftEntity = MessageEntity & { codeLanguage?: string };

const ALLOWED_URL_SCHEMES = new Set(['http', 'https', 'tg', 'ton', 'tonsite', 'ftp']);

/** Telegram silently drops links it cannot accept, and adds http:// to bare host names. */
function acceptLink(raw: string): string | undefined {
  const url = raw.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1];
  if (scheme !== undefined) return ALLOWED_URL_SCHEMES.has(scheme.toLowerCase()) ? url : undefined;
  return /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$/.test(url) ? `http://${url}` : undefined;
}

export function parseTelegramHtml(input: string, options: HtmlParseOptions = {}): FormattedText {
  const rejectBareAmpersand = options.rejectBareAmpersand ?? true;
  const byteOffset = (index: number) => Buffer.byteLength(input.slice(0, index), 'utf8');
  const fail = (reason: string): never => {
    throw new HtmlParseError(reason);
  };

  let text = '';
  const open: OpenTag[] = [];
  const drafts: DraftEntity[] = [];
  let i = 0;

  while (i < input.length) {
    const char = input[i] as string;
    if (char === '&') {
      const decoded = decodeHtmlEntity(input, i);
      if (decoded !== undefined) {
        text += decoded.char;
        i = decoded.end;
        continue;
      }
      if (rejectBareAmpersand) fail(`Unescaped "&" at byte offset ${byteOffset(i)}; write it as "&amp;"`);
    }
    if (char !== '<') {
      text += char;
      i++;
      continue;
    }

    const tagStart = i;
    if (input[i + 1] === '/') {
      if (open.length === 0) fail(`Unexpected end tag at byte offset ${byteOffset(tagStart)}`);
      let j = i + 2;
      while (j < input.length && !isSpace(input[j]) && input[j] !== '>') j++;
      const endName = input.slice(i + 2, j).toLowerCase();
      while (j < input.length && isSpace(input[j])) j++;
      if (input[j] !== '>') fail(`Unclosed end tag at byte offset ${byteOffset(tagStart)}`);
      const tag = open.pop() as OpenTag;
      // Telegram lets "</>" close whatever is open.
      if (endName !== '' && endName !== tag.name) {
        fail(`Unmatched end tag at byte offset ${byteOffset(tagStart)}, expected "</${tag.name}>", found "</${endName}>"`);
      }
      closeTag(tag, text, drafts, options, fail);
      i = j + 1;
      continue;
    }

    let j = i + 1;
    while (j < input.length && !isSpace(input[j]) && input[j] !== '>') j++;
    if (j >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);
    const name = input.slice(i + 1, j).toLowerCase();
    if (!SUPPORTED_TAGS.has(name)) fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(tagStart)}`);

    const attributes: Record<string, string> = {};
    for (;;) {
      while (j < input.length && isSpace(input[j])) j++;
      if (j >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);
      if (input[j] === '>') break;
      const attributeStart = j;
      while (j < input.length && !isSpace(input[j]) && input[j] !== '=' && input[j] !== '>') j++;
      const attribute = input.slice(attributeStart, j).toLowerCase();
      if (attribute === '') {
        fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(tagStart)}`);
      }
      while (j < input.length && isSpace(input[j])) j++;
      if (input[j] !== '=') {
        if (name === 'blockquote' && attribute === 'expandable') {
          attributes.expandable = '';
          continue;
        }
        if (j >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);
        fail(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(tagStart)}`);
      }
      j++;
      while (j < input.length && isSpace(input[j])) j++;
      if (j >= input.length) fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(tagStart)}`);

      let value = '';
      const quote = input[j];
      if (quote === '"' || quote === "'") {
        j++;
        while (j < input.length && input[j] !== quote) {
          const decoded = input[j] === '&' ? decodeHtmlEntity(input, j) : undefined;
          if (decoded !== undefined) {
            value += decoded.char;
            j = decoded.end;
          } else {
            value += input[j];
            j++;
          }
        }
        if (j < input.length) j++;
      } else {
        // An unquoted value is an HTML name token: letters, digits, periods and hyphens.
        const tokenStart = j;
        while (j < input.length && /[a-zA-Z0-9.-]/.test(input[j] as string)) j++;
        value = input.slice(tokenStart, j).toLowerCase();
        if (j < input.length && !isSpace(input[j]) && input[j] !== '>') {
          fail(`Unexpected end of name token at byte offset ${byteOffset(tokenStart)}`);
        }
      }
      if (j >= input.length) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);

      // Attributes Telegram does not read are accepted and ignored, as Telegram does.
      attributes[attribute] = value;
    }
    if (name === 'span' && attributes.class !== 'tg-spoiler') {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(tagStart)}`);
    }
    open.push({ name, attributes, offset: text.length });
    i = j + 1;
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);

  const entities = drafts.map(({ codeLanguage: _dropped, ...entity }) => entity as MessageEntity);
  return { text, entities: sortEntities(entities) };
}

function closeTag(tag: OpenTag, text: string, drafts: DraftEntity[], options: HtmlParseOptions, fail: (reason: string) => never): void {
  const offset = tag.offset;
  const length = text.length - offset;
  const { attributes } = tag;
  // Telegram makes no entity for empty content, but still checks the tag.
  const emojiId = attributes['emoji-id'] ?? '';
  if (tag.name === 'tg-emoji' && !/^[1-9]\d*$/.test(emojiId)) fail('Invalid custom emoji identifier specified');
  const unixTime = attributes.unix ?? '';
  const timeFormat = attributes.format ?? '';
  if (tag.name === 'tg-time') {
    if (!/^-?\d+$/.test(unixTime)) fail('Invalid Unix time specified in the tag "tg-time"');
    if (!/^(r|w?[dD]?[tT]?)$/.test(timeFormat)) fail(`Invalid date-time format "${timeFormat}" in the tag "tg-time"`);
  }
  const language = (attributes.class ?? '').startsWith('language-') ? (attributes.class as string).slice(9) : '';
  if (length === 0) return;
  const last = drafts.at(-1);
  const sameRange = last !== undefined && last.offset === offset && last.length === length;

  switch (tag.name) {
    case 'b':
    case 'strong':
      drafts.push({ type: 'bold', offset, length });
      return;
    case 'i':
    case 'em':
      drafts.push({ type: 'italic', offset, length });
      return;
    case 'u':
    case 'ins':
      drafts.push({ type: 'underline', offset, length });
      return;
    case 's':
    case 'strike':
    case 'del':
      drafts.push({ type: 'strikethrough', offset, length });
      return;
    case 'span':
    case 'tg-spoiler':
      drafts.push({ type: 'spoiler', offset, length });
      return;
    case 'tg-emoji':
      drafts.push({ type: 'custom_emoji', offset, length, custom_emoji_id: emojiId });
      return;
    case 'tg-time':
      drafts.push({
        type: 'date_time',
        offset,
        length,
        unix_time: Number(unixTime),
        date_time_format: timeFormat as MessageEntity.DateTimeMessageEntity['date_time_format'],
      });
      return;
    case 'blockquote':
      drafts.push({ type: 'expandable' in attributes ? 'expandable_blockquote' : 'blockquote', offset, length });
      return;
    case 'a': {
      const href = (attributes.href ?? '') === '' ? text.slice(offset) : (attributes.href as string);
      const userId = /^tg:\/\/user\?id=(\d+)$/.exec(href.trim())?.[1];
      const user = userId === undefined ? undefined : options.findUser?.(Number(userId));
      if (user !== undefined) {
        drafts.push({ type: 'text_mention', offset, length, user });
        return;
      }
      const url = acceptLink(href);
      if (url !== undefined) drafts.push({ type: 'text_link', offset, length, url });
      return;
    }
    case 'code':
      // <pre><code class="language-x">…</code></pre>: the code was closed first and carries the language.
      if (sameRange && last.type === 'pre') {
        if (language !== '') last.language = language;
        return;
      }
      drafts.push(language === '' ? { type: 'code', offset, length } : { type: 'code', offset, length, codeLanguage: language });
      return;
    case 'pre':
      if (sameRange && last.type === 'code') {
        drafts.pop();
        drafts.push(
          last.codeLanguage === undefined ? { type: 'pre', offset, length } : { type: 'pre', offset, length, language: last.codeLanguage },
        );
        return;
      }
      drafts.push({ type: 'pre', offset, length });
      return;
  }
}

/** Telegram's order: by offset, and the enclosing entity before the enclosed one. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
