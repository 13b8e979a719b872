/**
 * Small rules about message text that Telegram applies outside of parse modes: which entities
 * a client attaches to what a person types, and the trimming the server does before storing.
 */
import type { MessageEntity } from 'grammy/types';
import { sortEntities, type FormattedText } from './html';

/**
 * The entities a Telegram client marks in typed text: bot commands ("/start", "/report@duban_bot")
 * where a word starts, and @username mentions. URLs, hashtags and the like are left out.
 */
export function detectTypedEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const covered: Array<[number, number]> = [];
  for (const match of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@/])/g)) {
    const offset = (match.index ?? 0) + (match[1] as string).length;
    const length = (match[2] as string).length;
    entities.push({ type: 'bot_command', offset, length });
    covered.push([offset, offset + length]);
  }
  for (const match of text.matchAll(/(^|[^A-Za-z0-9_/])(@[A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])/g)) {
    const offset = (match.index ?? 0) + (match[1] as string).length;
    if (covered.some(([start, end]) => offset >= start && offset < end)) continue;
    entities.push({ type: 'mention', offset, length: (match[2] as string).length });
  }
  return sortEntities(entities);
}

const isTrimmable = (char: string | undefined) =>
  char === ' ' || char === '\n' || char === '\r' || char === '\t' || char === '\f' || char === '\v';

/** Telegram drops leading and trailing white space from message texts and captions; entities follow. */
export function trimFormattedText({ text, entities }: FormattedText): FormattedText {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text[start])) start++;
  while (end > start && isTrimmable(text[end - 1])) end--;
  if (start === 0 && end === text.length) return { text, entities };
  const clipped: MessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) clipped.push({ ...entity, offset: from - start, length: to - from });
  }
  return { text: text.slice(start, end), entities: clipped };
}
