/**
 * One chat message as a list item: who said it, the text (a bot's as sanitised Telegram HTML,
 * a person's as plain text), a photo, a document link, the inline keyboard, the time.
 */
import { h } from './dom.js';
import { api } from './api.js';
import { renderTelegramHtml } from './telegram-html.js';
import { t } from './strings.js';
import { clockTime } from './time.js';

function formatSize(bytes) {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "XLSX" for a badge: font-independent, unlike an emoji icon. */
function extensionOf(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 6 ? name.slice(dot + 1).toUpperCase() : 'FILE';
}

function textOf(entry) {
  if (entry.text === undefined) return null;
  // Only the bot's text is HTML we trust to be Telegram's (and it is sanitised anyway);
  // what a person typed is shown as typed.
  const body = entry.from.kind === 'bot' && entry.html !== undefined ? renderTelegramHtml(entry.html) : entry.text;
  return h('div', { class: 'msg__text' }, body);
}

function photoOf(entry) {
  const largest = entry.photo?.at(-1);
  if (largest === undefined) return null;
  const src = api.fileUrl(largest.file_id);
  return h(
    'a',
    { class: 'msg__photo', href: src, target: '_blank', rel: 'noopener' },
    h('img', { src, alt: t('photo'), width: largest.width, height: largest.height, loading: 'lazy' }),
  );
}

function documentOf(entry) {
  const document = entry.document;
  if (document === undefined) return null;
  const name = document.file_name ?? 'file';
  return h(
    'a',
    { class: 'msg__document', href: api.fileUrl(document.file_id), download: name },
    h('span', { class: 'msg__document-icon', 'aria-hidden': 'true' }, extensionOf(name)),
    h(
      'span',
      { class: 'msg__document-text' },
      h('span', { class: 'msg__document-name' }, name),
      h('span', { class: 'msg__document-size' }, formatSize(document.file_size)),
    ),
  );
}

function keyboardOf(entry, onPress) {
  const rows = entry.inline_keyboard ?? [];
  if (rows.length === 0) return null;
  return h(
    'div',
    { class: 'msg__keyboard' },
    rows.map((row) =>
      h(
        'div',
        { class: 'msg__keyboard-row' },
        row.map((button) => {
          if (button.url !== undefined) {
            return h('a', { class: 'inline-button', href: button.url, target: '_blank', rel: 'noopener noreferrer' }, `${button.text} ↗`);
          }
          const pressable = button.callback_data !== undefined;
          const element = h('button', { type: 'button', class: 'inline-button', disabled: !pressable }, button.text);
          if (pressable) element.addEventListener('click', () => onPress(entry, button, element));
          return element;
        }),
      ),
    ),
  );
}

/**
 * `view`: { viewerId, isGroup, onPress(entry, button, element) }. The viewer's own messages
 * sit on the right; in a group every other sender is named.
 */
export function renderEntry(entry, view) {
  const time = new Date(entry.date * 1000);
  if (entry.migrate_to_chat_id !== undefined || entry.migrate_from_chat_id !== undefined) {
    return h('li', { class: 'msg msg--service', dataset: { messageId: entry.message_id } }, t('migrated'));
  }
  const mine = entry.from.kind === 'user' && entry.from.id === view.viewerId;
  const kind = mine ? 'mine' : entry.from.kind === 'bot' ? 'bot' : 'other';
  const named = !mine && (view.isGroup || entry.from.kind !== 'bot');
  const meta = [clockTime(time), entry.edit_date === undefined ? null : t('edited')].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: `msg msg--${kind}`, dataset: { messageId: entry.message_id, from: entry.from.kind } },
    h(
      'div',
      { class: 'msg__bubble' },
      named ? h('div', { class: 'msg__name' }, entry.from.name) : null,
      photoOf(entry),
      documentOf(entry),
      textOf(entry),
      h('div', { class: 'msg__meta' }, meta),
    ),
    keyboardOf(entry, view.onPress),
  );
}
