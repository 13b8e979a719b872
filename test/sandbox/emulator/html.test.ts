import { describe, expect, it } from 'vitest';
import { decodeHtmlEntity, HtmlParseError, parseTelegramHtml } from '../../../sandbox/emulator/html';

function reasonFor(html: string, options = {}): string {
  try {
    parseTelegramHtml(html, options);
  } catch (error) {
    if (error instanceof HtmlParseError) return error.reason;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(html)} to be refused`);
}

describe('parseTelegramHtml: what Telegram accepts', () => {
  it('turns every supported tag into its entity, nested ones outer first', () => {
    const { text, entities } = parseTelegramHtml(
      '<b>b <i>i</i></b><strong>s</strong><em>e</em><u>u</u><ins>n</ins><s>x</s><strike>k</strike><del>d</del>' +
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><code>c</code><blockquote>q</blockquote>' +
        '<blockquote expandable>E</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(text).toBe('b iseunxkdpqcqE👍');
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 3 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'bold', offset: 3, length: 1 },
      { type: 'italic', offset: 4, length: 1 },
      { type: 'underline', offset: 5, length: 1 },
      { type: 'underline', offset: 6, length: 1 },
      { type: 'strikethrough', offset: 7, length: 1 },
      { type: 'strikethrough', offset: 8, length: 1 },
      { type: 'strikethrough', offset: 9, length: 1 },
      { type: 'spoiler', offset: 10, length: 1 },
      { type: 'spoiler', offset: 11, length: 1 },
      { type: 'code', offset: 12, length: 1 },
      { type: 'blockquote', offset: 13, length: 1 },
      { type: 'expandable_blockquote', offset: 14, length: 1 },
      { type: 'custom_emoji', offset: 15, length: 2, custom_emoji_id: '5368324170671202286' },
    ]);
  });

  it('gives pre the language of a code tag inside it, and plain pre without one', () => {
    expect(parseTelegramHtml('<pre><code class="language-python">x = 1</code></pre>').entities).toEqual([
      { type: 'pre', offset: 0, length: 5, language: 'python' },
    ]);
    expect(parseTelegramHtml('<pre>raw</pre>').entities).toEqual([{ type: 'pre', offset: 0, length: 3 }]);
    // A language on a standalone code tag is dropped, as Telegram drops it.
    expect(parseTelegramHtml('<code class="language-js">x</code>').entities).toEqual([{ type: 'code', offset: 0, length: 1 }]);
  });

  it('decodes the four named entities and numeric ones, with or without semicolons', () => {
    expect(parseTelegramHtml('&lt;b&gt; &amp; &quot;q&quot; &#20013;&#x6587; &lt;x').text).toBe('<b> & "q" 中文 <x');
  });

  it('measures entity offsets in UTF-16 units of the plain text', () => {
    // "😀" is two UTF-16 units; "任务" two units of three bytes each.
    const { text, entities } = parseTelegramHtml('😀任务<b>完成</b>');
    expect(text).toBe('😀任务完成');
    expect(entities).toEqual([{ type: 'bold', offset: 4, length: 2 }]);
  });

  it('makes links from href, from the link text when href is empty, and drops links it cannot accept', () => {
    expect(parseTelegramHtml('<a href="https://example.com/a?b=1&amp;c=2">x</a>').entities).toEqual([
      { type: 'text_link', offset: 0, length: 1, url: 'https://example.com/a?b=1&c=2' },
    ]);
    expect(parseTelegramHtml('<a href="">example.org</a>').entities).toEqual([
      { type: 'text_link', offset: 0, length: 11, url: 'http://example.org' },
    ]);
    expect(parseTelegramHtml('<a href="javascript:alert(1)">x</a>').entities).toEqual([]);
  });

  it('turns a tg://user link into a text_mention when the user is known', () => {
    const user = { id: 42, is_bot: false, first_name: '丽' };
    const findUser = (id: number) => (id === 42 ? user : undefined);
    expect(parseTelegramHtml('<a href="tg://user?id=42">丽</a>', { findUser }).entities).toEqual([
      { type: 'text_mention', offset: 0, length: 1, user },
    ]);
    expect(parseTelegramHtml('<a href="tg://user?id=7">?</a>', { findUser }).entities).toEqual([
      { type: 'text_link', offset: 0, length: 1, url: 'tg://user?id=7' },
    ]);
  });

  it('reads tg-time into a date_time entity', () => {
    expect(parseTelegramHtml('<tg-time unix="1647531900" format="wDT">明天</tg-time>').entities).toEqual([
      { type: 'date_time', offset: 0, length: 2, unix_time: 1647531900, date_time_format: 'wDT' },
    ]);
  });

  it('accepts tag names in any case, unquoted attribute values and ignores unknown attributes', () => {
    expect(parseTelegramHtml('<B>x</B><span class=tg-spoiler id="a">y</span>').entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'spoiler', offset: 1, length: 1 },
    ]);
  });

  it('lets "</>" close the open tag and makes no entity for empty content', () => {
    expect(parseTelegramHtml('<i>a</>').entities).toEqual([{ type: 'italic', offset: 0, length: 1 }]);
    expect(parseTelegramHtml('a<b></b>').entities).toEqual([]);
  });

  it("keeps a lone & as text only when asked for Telegram's leniency", () => {
    expect(parseTelegramHtml('R&D &nbsp;', { rejectBareAmpersand: false }).text).toBe('R&D &nbsp;');
    expect(reasonFor('R&D')).toBe('Unescaped "&" at byte offset 1; write it as "&amp;"');
    expect(reasonFor('a &nbsp; b')).toMatch(/^Unescaped "&" at byte offset 2/);
  });
});

describe('parseTelegramHtml: what Telegram refuses, with its reasons', () => {
  it('refuses unsupported tags, naming them and their byte offset', () => {
    expect(reasonFor('Hello, world <foo>bar</foo>')).toBe('Unsupported start tag "foo" at byte offset 13');
    // Offsets are in UTF-8 bytes: "任务" takes six.
    expect(reasonFor('任务<br>')).toBe('Unsupported start tag "br" at byte offset 6');
  });

  it('refuses a bare < the way Telegram reads it: as a tag', () => {
    expect(reasonFor('a < b')).toBe('Unsupported start tag "" at byte offset 2');
    expect(reasonFor('1<2')).toBe('Unclosed start tag at byte offset 1');
    expect(reasonFor('x <= y')).toBe('Unsupported start tag "=" at byte offset 2');
  });

  it('refuses unclosed, unmatched and unexpected tags', () => {
    expect(reasonFor('<b>bold')).toBe('Can\'t find end tag corresponding to start tag "b"');
    expect(reasonFor('<b><i>x</b></i>')).toBe('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(reasonFor('x</b>')).toBe('Unexpected end tag at byte offset 1');
    expect(reasonFor('<b>x</b')).toBe('Unclosed end tag at byte offset 4');
  });

  it('refuses malformed attributes', () => {
    expect(reasonFor('<a href>x</a>')).toBe('Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0');
    expect(reasonFor('<a =x>y</a>')).toBe('Empty attribute name in the tag "a" at byte offset 0');
    expect(reasonFor('<a href=x"y>z</a>')).toBe('Unexpected end of name token at byte offset 8');
    expect(reasonFor('<a href="x')).toBe('Unclosed start tag at byte offset 0');
  });

  it('refuses a span that is not a spoiler and a custom emoji without an id', () => {
    expect(reasonFor('<span class="big">x</span>')).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(reasonFor('<tg-emoji>👍</tg-emoji>')).toBe('Invalid custom emoji identifier specified');
  });

  it('words its error as the Bot API description continues it', () => {
    expect(() => parseTelegramHtml('<x>')).toThrow('can\'t parse entities: Unsupported start tag "x" at byte offset 0');
  });
});

describe('decodeHtmlEntity', () => {
  it('returns nothing for unknown, empty or out-of-range references', () => {
    expect(decodeHtmlEntity('&nbsp;', 0)).toBeUndefined();
    expect(decodeHtmlEntity('&#;', 0)).toBeUndefined();
    expect(decodeHtmlEntity('&#0;', 0)).toBeUndefined();
    expect(decodeHtmlEntity('&#x110000;', 0)).toBeUndefined();
    expect(decodeHtmlEntity('a&#x1F600;b', 1)).toEqual({ char: '😀', end: 10 });
  });
});
