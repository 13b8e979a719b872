/**
 * Renders plain text plus entities back into Telegram HTML, for transcripts a person (or a web
 * page) reads. For entities that came from `parseTelegramHtml` the result parses back to the
 * same text and entities. Entities with no HTML form (bot_command, mention, url …) stay plain.
 */
import type { MessageEntity } from 'grammy/types';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tagsFor(entity: MessageEntity): [open: string, close: string] | undefined {
  switch (entity.type) {
    case 'bold':
      return ['<b>', '</b>'];
    case 'italic':
      return ['<i>', '</i>'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'strikethrough':
      return ['<s>', '</s>'];
    case 'spoiler':
      return ['<tg-spoiler>', '</tg-spoiler>'];
    case 'code':
      return ['<code>', '</code>'];
    case 'pre':
      return entity.language === undefined
        ? ['<pre>', '</pre>']
        : [`<pre><code class="language-${escapeHtml(entity.language)}">`, '</code></pre>'];
    case 'text_link':
      return [`<a href="${escapeHtml(entity.url)}">`, '</a>'];
    case 'text_mention':
      return [`<a href="tg://user?id=${entity.user.id}">`, '</a>'];
    case 'blockquote':
      return ['<blockquote>', '</blockquote>'];
    case 'expandable_blockquote':
      return ['<blockquote expandable>', '</blockquote>'];
    case 'custom_emoji':
      return [`<tg-emoji emoji-id="${escapeHtml(entity.custom_emoji_id)}">`, '</tg-emoji>'];
    case 'date_time': {
      const format = entity.date_time_format === '' ? '' : ` format="${entity.date_time_format}"`;
      return [`<tg-time unix="${entity.unix_time}"${format}>`, '</tg-time>'];
    }
    default:
      return undefined;
  }
}

interface Span {
  open: string;
  close: string;
  start: number;
  end: number;
}

export function renderHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const spans: Span[] = [];
  for (const entity of entities) {
    const tags = tagsFor(entity);
    if (tags === undefined || entity.length <= 0) continue;
    spans.push({ open: tags[0], close: tags[1], start: entity.offset, end: entity.offset + entity.length });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);

  let html = '';
  const stack: Span[] = [];
  let next = 0;
  for (let position = 0; position < text.length; position++) {
    // Close what ends here. Overlapping (not nested) spans are closed and reopened, since HTML must nest.
    const reopen: Span[] = [];
    while (stack.some((span) => span.end <= position)) {
      const top = stack.pop() as Span;
      html += top.close;
      if (top.end > position) reopen.unshift(top);
    }
    for (const span of reopen) {
      html += span.open;
      stack.push(span);
    }
    while (next < spans.length && (spans[next] as Span).start <= position) {
      const span = spans[next] as Span;
      html += span.open;
      stack.push(span);
      next++;
    }
    html += escapeHtml(text[position] as string);
  }
  while (stack.length > 0) html += (stack.pop() as Span).close;
  return html;
}
