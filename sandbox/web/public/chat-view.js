/**
 * The open chat's message list: a full render when a chat is opened, then in-place changes as
 * events arrive (a new message appended, an edited one replaced, a deleted one removed), with
 * a line between days and the view kept at the bottom while the reader is there.
 */
import { h } from './dom.js';
import { renderEntry } from './messages.js';
import { t } from './strings.js';
import { dayKey, dayLabel } from './time.js';

/** How close to the bottom (px) still counts as "reading the latest". */
const STICKY_PX = 120;

export class ChatView {
  constructor(list) {
    this.list = list;
    this.entries = [];
    this.elements = new Map();
    this.view = null;
  }

  /** Shows a whole chat; `view` as renderEntry takes it. */
  show(entries, view) {
    this.entries = [...entries].sort((a, b) => a.message_id - b.message_id);
    this.view = view;
    this.renderAll();
    this.scrollToBottom();
  }

  /** Re-renders with another viewer (a group's speaker) or language. */
  refresh(view = this.view) {
    this.view = view;
    const stick = this.isNearBottom();
    this.renderAll();
    if (stick) this.scrollToBottom();
  }

  clear(message) {
    this.entries = [];
    this.elements.clear();
    this.list.replaceChildren(h('li', { class: 'messages__empty' }, message));
  }

  /** Adds a new message or replaces an edited one. */
  upsert(entry) {
    if (this.view === null) return;
    const stick = this.isNearBottom() || (entry.from.kind === 'user' && entry.from.id === this.view.viewerId);
    const index = this.entries.findIndex((known) => known.message_id === entry.message_id);
    if (index >= 0) {
      // An event buffered while the chat loaded may be older than what the load brought.
      if ((this.entries[index].edit_date ?? 0) > (entry.edit_date ?? 0)) return;
      this.entries[index] = entry;
      const old = this.elements.get(entry.message_id);
      const fresh = this.renderOne(entry);
      old?.replaceWith(fresh);
    } else if (this.entries.length === 0 || entry.message_id > this.entries.at(-1).message_id) {
      const previous = this.entries.at(-1);
      this.entries.push(entry);
      if (this.entries.length === 1) this.list.replaceChildren();
      if (previous === undefined || dayKey(new Date(previous.date * 1000)) !== dayKey(new Date(entry.date * 1000))) {
        this.list.append(this.daySeparator(entry));
      }
      this.list.append(this.renderOne(entry));
    } else {
      this.entries.push(entry);
      this.entries.sort((a, b) => a.message_id - b.message_id);
      this.renderAll();
    }
    if (stick) this.scrollToBottom();
  }

  remove(messageId) {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.message_id !== messageId);
    if (this.entries.length !== before) this.refresh();
  }

  latest() {
    return this.entries.at(-1);
  }

  renderAll() {
    this.elements.clear();
    if (this.entries.length === 0) {
      this.list.replaceChildren(h('li', { class: 'messages__empty' }, t('emptyChat')));
      return;
    }
    const items = [];
    let day = null;
    for (const entry of this.entries) {
      const key = dayKey(new Date(entry.date * 1000));
      if (key !== day) items.push(this.daySeparator(entry));
      day = key;
      items.push(this.renderOne(entry));
    }
    this.list.replaceChildren(...items);
  }

  renderOne(entry) {
    const element = renderEntry(entry, this.view);
    this.elements.set(entry.message_id, element);
    // A photo grows the list when it loads: stay at the bottom if the reader was there.
    for (const image of element.querySelectorAll('img')) {
      const stick = () => this.isNearBottom(image.height + STICKY_PX);
      let wasAtBottom = true;
      image.addEventListener('loadstart', () => (wasAtBottom = stick()));
      image.addEventListener('load', () => wasAtBottom && this.scrollToBottom());
    }
    return element;
  }

  daySeparator(entry) {
    return h('li', { class: 'messages__day', role: 'separator' }, dayLabel(new Date(entry.date * 1000)));
  }

  isNearBottom(slack = STICKY_PX) {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < slack;
  }

  scrollToBottom() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
