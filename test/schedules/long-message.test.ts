import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTelegramHtml } from '../../sandbox/emulator/html';
import { replyInParts, splitHtmlMessage, splitPlainMessage, telegramLength, visibleText } from '../../schedules/long-message';

/** What Telegram shows for a part, parsed by the emulator's parser (an independent reading): it throws on unbalanced tags. */
const shown = (html: string) => parseTelegramHtml(html).text;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Checks the parts against the original: each fits and parses; together they show the original's
 * text, except the newline at each cut between lines (with a blank line after it) and white space
 * left out with a part that held nothing else. Returns the cuts: "line" (a newline or two dropped),
 * "char" (inside a line), "space" (other white space dropped).
 */
function checkParts(original: string, parts: string[], limit: number): ('line' | 'char' | 'space')[] {
  const whole = shown(original);
  const cuts: ('line' | 'char' | 'space')[] = [];
  let at = 0;
  for (const [k, part] of parts.entries()) {
    const text = shown(part);
    expect(text.length, `part ${k} of ${parts.length}`).toBeLessThanOrEqual(limit);
    expect(telegramLength(part)).toBe(text.length);
    expect(text, `part ${k} is only white space`).toMatch(/\S/);
    let skipped = 0;
    while (!whole.startsWith(text, at + skipped) && /\s/.test(whole[at + skipped] ?? '')) skipped++;
    const dropped = whole.slice(at, at + skipped);
    if (k > 0) cuts.push(dropped === '' ? 'char' : /^\n\n?$/.test(dropped) ? 'line' : 'space');
    else if (dropped !== '') cuts.push('space');
    at += skipped;
    expect(whole.slice(at, at + text.length), `part ${k}`).toBe(text);
    at += text.length;
  }
  expect(whole.slice(at)).toMatch(/^\s*$/);
  if (!/\S/.test(whole)) expect(parts).toEqual([]);
  return cuts;
}

const TAGS: [string, string][] = [
  ['<b>', '</b>'],
  ['<strong>', '</strong>'],
  ['<i>', '</i>'],
  ['<em>', '</em>'],
  ['<u>', '</u>'],
  ['<ins>', '</ins>'],
  ['<s>', '</s>'],
  ['<strike>', '</strike>'],
  ['<del>', '</del>'],
  ['<code>', '</code>'],
  ['<pre>', '</pre>'],
  ['<pre><code class="language-ts">', '</code></pre>'],
  ['<tg-spoiler>', '</tg-spoiler>'],
  ['<span class="tg-spoiler">', '</span>'],
  ['<a href="https://example.org/?a=1&amp;b=2">', '</a>'],
  ['<blockquote>', '</blockquote>'],
  ['<blockquote expandable>', '</blockquote>'],
];

/** Characters of every width and kind: CJK, punctuation, astral emoji, clusters (skin tone, flag, combining accent), HTML's specials. */
const CHARS = ['a', 'b', 'Z', '1', ' ', ' ', '中', '文', '、', '。', '，', '😀', '👍🏽', '🇨🇳', 'é', '&', '<', '>', '"', '\n'];

const word = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((chars) => chars.join(''));

/** HTML as the bot writes it: escaped text, numeric entities, nested tags of Telegram's subset. */
const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    word.map(escape),
    fc.constantFrom('&#128512;', '&#x4e2d;', '&amp;', '&quot;', '\n', '\n\n'),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(tie('node'), { maxLength: 4 }))
      .map(([[open, close], children]) => `${open}${children.join('')}${close}`),
  ),
}));
const html = fc.array(node, { maxLength: 12 }).map((nodes) => nodes.join(''));

describe('splitHtmlMessage', () => {
  it('leaves a text that fits alone', () => {
    const text = '📢 <b>福州市 &amp; 厦门市</b> 2026年3月报送情况通报\n\n✅ 按时报送（1）：政策法规处';
    expect(splitHtmlMessage(text)).toEqual([text]);
  });

  it('counts as Telegram does: the text shown, in UTF-16 units, tags nothing, &amp; one', () => {
    expect(telegramLength('<b>a&amp;b</b> &#128512; 😀 中')).toBe(shown('<b>a&amp;b</b> &#128512; 😀 中').length);
    expect(telegramLength('<a href="https://example.org/?a=1&amp;b=2">x</a>')).toBe(1);
    const full = `<b>${'&amp;'.repeat(4096)}</b>`;
    expect(splitHtmlMessage(full)).toEqual([full]);
    const over = `<b>${'&amp;'.repeat(4097)}</b>`;
    const parts = splitHtmlMessage(over);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => shown(p).length)).toEqual([4096, 1]);
    // Not one entity cut: every part is whole "&amp;"s inside <b>.
    for (const part of parts) expect(part).toMatch(/^<b>(&amp;)+<\/b>$/);
  });

  it('cuts between lines, the newline at the cut dropped, as few parts as fit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• 单位${i}：${'1-2、'.repeat(10).slice(0, -1)}`);
    const text = lines.join('\n');
    const parts = splitHtmlMessage(text);
    expect(parts.length).toBe(Math.ceil(telegramLength(text) / 4096));
    expect(parts.join('\n')).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
  });

  it('closes the tags open at a cut and opens them again, attributes and all, in the next part', () => {
    const text = `<blockquote expandable><a href="https://example.org/?a=1&amp;b=2"><b>${'第一行\n'.repeat(3)}</b>尾</a></blockquote>`;
    expect(splitHtmlMessage(text, 8)).toEqual([
      '<blockquote expandable><a href="https://example.org/?a=1&amp;b=2"><b>第一行\n第一行</b></a></blockquote>',
      '<blockquote expandable><a href="https://example.org/?a=1&amp;b=2"><b>第一行\n</b>尾</a></blockquote>',
    ]);
  });

  it('cuts a line longer than a part after a punctuation mark near its end, else between characters', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `${i + 1}-1`).join('、');
    const parts = splitHtmlMessage(`• 办公室：${items}`);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/、$/);
    expect(parts.join('')).toBe(`• 办公室：${items}`);
    expect(splitHtmlMessage('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    // Such a line begins in the room a part has left, rather than leave the part nearly empty.
    expect(splitHtmlMessage(`title\n${'x'.repeat(20)}`, 10)).toEqual(['title\nxxxx', 'xxxxxxxxxx', 'xxxxxx']);
    expect(splitHtmlMessage(`long title\n${'x'.repeat(20)}`, 10)).toEqual(['long title', 'xxxxxxxxxx', 'xxxxxxxxxx']);
  });

  it('never splits a surrogate pair, a cluster (skin tone, flag, accent) or an entity', () => {
    expect(splitHtmlMessage('😀😀😀', 5)).toEqual(['😀😀', '😀']);
    expect(splitHtmlMessage('a👍🏽b', 4)).toEqual(['a', '👍🏽', 'b']);
    expect(splitHtmlMessage('a🇨🇳🇨🇳', 5)).toEqual(['a🇨🇳', '🇨🇳']);
    expect(splitHtmlMessage('a🇨🇳b', 4)).toEqual(['a', '🇨🇳', 'b']);
    expect(splitHtmlMessage('abe\u0301', 3)).toEqual(['ab', 'e\u0301']);
    expect(splitHtmlMessage('ab&amp;&#128512;c', 3)).toEqual(['ab&amp;', '&#128512;c']);
  });

  it('leaves out parts that would hold only white space (Telegram refuses them as empty)', () => {
    expect(splitHtmlMessage('abcd      ', 4)).toEqual(['abcd']);
    expect(splitHtmlMessage('\n\n  \n')).toEqual([]);
    expect(splitHtmlMessage('')).toEqual([]);
  });

  it('refuses a limit that cannot hold a character', () => {
    expect(() => splitHtmlMessage('abc', 1)).toThrow(RangeError);
  });

  it("holds for any HTML of Telegram's subset: each part fits and parses, together they show the original", () => {
    fc.assert(
      fc.property(html, fc.integer({ min: 2, max: 120 }), (text, limit) => {
        expect(telegramLength(text)).toBe(shown(text).length);
        expect(visibleText(text)).toBe(shown(text));
        checkParts(text, splitHtmlMessage(text, limit), limit);
      }),
      { numRuns: 1500 },
    );
  });

  it('in ordinary text (single spaces, no line starting or ending with one, no run of blank lines) drops only the newline (and a blank line after it) at each cut between lines', () => {
    const line = fc
      .array(fc.constantFrom('a', 'b', '中', '文', '、', '😀', '&amp;', '<b>x</b>', '<i>中文</i>', '1'), { minLength: 1, maxLength: 30 })
      .chain((words) =>
        fc
          .array(fc.boolean(), { minLength: words.length, maxLength: words.length })
          .map((spaces) => words.map((w, i) => (i > 0 && spaces[i] ? ` ${w}` : w)).join('')),
      );
    const text = fc
      .array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 40 })
      .filter((lines) => lines.every((l, i) => l !== '' || (lines[i - 1] !== '' && i > 0)))
      .map((lines) => `<b>${lines.join('\n')}</b>`);
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 200 }), (t, limit) => {
        const cuts = checkParts(t, splitHtmlMessage(t, limit), limit);
        expect(cuts.filter((c) => c === 'space')).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('splits a province-sized circular line fast', () => {
    const text = Array.from(
      { length: 1000 },
      (_, u) => `• 单位${u}：${Array.from({ length: 100 }, (_, i) => `${i + 1}-1`).join('、')}`,
    ).join('\n');
    const started = performance.now();
    const parts = splitHtmlMessage(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parts.join('\n')).toBe(text);
  });
});

describe('splitPlainMessage', () => {
  it('counts "<" and "&" as the characters they are', () => {
    expect(splitPlainMessage('<b>&amp;</b>', 6)).toEqual(['<b>&am', 'p;</b>']);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CHARS), { maxLength: 300 }).map((c) => c.join('')),
        fc.integer({ min: 2, max: 50 }),
        (text, limit) => {
          const parts = splitPlainMessage(text, limit);
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(limit);
            expect(part).toMatch(/\S/);
          }
          expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });
});

describe('replyInParts', () => {
  it('sends each part with the same options, the buttons under the last part only', async () => {
    const sent: { text: string; other?: object }[] = [];
    const ctx = { reply: async (text: string, other?: object) => (sent.push({ text, other }), sent.length) };
    const keyboard = { inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] };
    const text = Array.from({ length: 300 }, (_, i) => `<b>第 ${i} 行</b> ${'字'.repeat(20)}`).join('\n');
    const ids = await replyInParts(ctx, text, { parse_mode: 'HTML', reply_markup: keyboard });
    expect(ids).toEqual(sent.map((_, i) => i + 1));
    expect(sent.length).toBe(splitHtmlMessage(text).length);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.map((s) => s.other)).toEqual([
      ...sent.slice(1).map(() => ({ parse_mode: 'HTML' })),
      { parse_mode: 'HTML', reply_markup: keyboard },
    ]);
    expect(sent.map((s) => s.text).join('\n')).toBe(text);
    // Without a parse mode the text is split as plain text.
    sent.length = 0;
    await replyInParts(ctx, 'a&amp;b\n'.repeat(1000));
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((s) => s.text.length <= 4096 && !(s.other && 'parse_mode' in s.other))).toBe(true);
  });
});
