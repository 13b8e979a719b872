import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../../sandbox/emulator/html';
import { escapeHtml, renderHtml } from '../../../sandbox/emulator/render-html';

describe('renderHtml', () => {
  it('escapes the characters HTML parse mode reserves', () => {
    expect(renderHtml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
    expect(escapeHtml('<&>"')).toBe('&lt;&amp;&gt;&quot;');
  });

  it('gives back markup that parses to the same text and entities', () => {
    const samples = [
      '<b>督办 <i>提醒</i></b> 第<u>3</u>项 <s>旧</s><tg-spoiler>秘</tg-spoiler>',
      '<a href="https://example.com/?a=1&amp;b=2">链接</a> &lt;原样&gt;',
      '<pre><code class="language-python">print("x")</code></pre><code>c</code><pre>p</pre>',
      '<blockquote>引用</blockquote><blockquote expandable>展开</blockquote>',
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>😀<b>尾</b>',
      '<tg-time unix="1700000000" format="D">日</tg-time><tg-time unix="1">t</tg-time>',
    ];
    for (const sample of samples) {
      const parsed = parseTelegramHtml(sample);
      expect(parseTelegramHtml(renderHtml(parsed.text, parsed.entities))).toEqual(parsed);
    }
  });

  it('leaves entities without an HTML form as plain text', () => {
    expect(
      renderHtml('/start @duban', [
        { type: 'bot_command', offset: 0, length: 6 },
        { type: 'mention', offset: 7, length: 6 },
      ]),
    ).toBe('/start @duban');
  });

  it('splits overlapping entities so that the tags still nest', () => {
    const html = renderHtml('abcd', [
      { type: 'bold', offset: 0, length: 3 },
      { type: 'italic', offset: 1, length: 3 },
    ]);
    expect(html).toBe('<b>a<i>bc</i></b><i>d</i>');
  });

  it('closes entities that run past the end of the text', () => {
    expect(renderHtml('ab', [{ type: 'bold', offset: 1, length: 5 }])).toBe('a<b>b</b>');
  });
});
