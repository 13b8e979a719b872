/**
 * The "who are you" list: each demo person (their private chat with the bot) and the leading
 * group's chat, with a count of bot messages that arrived while another chat was open.
 */
import { h } from './dom.js';
import { t } from './strings.js';

/** A chat of the list: `{ key, chatId, label, hint? }`; keys are "p<id>" and "group". */
export function chatsOf(personas, group) {
  return [
    ...personas.map((persona) => ({ key: `p${persona.id}`, chatId: persona.id, label: persona.label, personaId: persona.id })),
    { key: 'group', chatId: group.id, label: t('groupEntry', { title: group.title }), hint: t('groupHint'), isGroup: true },
  ];
}

export function renderPeople(list, { chats, selectedKey, unread, onSelect }) {
  list.replaceChildren(
    ...chats.map((chat) => {
      const count = unread.get(chat.chatId) ?? 0;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `person${chat.key === selectedKey ? ' person--selected' : ''}${chat.isGroup ? ' person--group' : ''}`,
            'aria-pressed': chat.key === selectedKey ? 'true' : 'false',
            dataset: { chatKey: chat.key },
            onclick: () => onSelect(chat.key),
          },
          h('span', { class: 'person__label' }, chat.label),
          chat.hint ? h('span', { class: 'person__hint' }, chat.hint) : null,
          count > 0 ? h('span', { class: 'person__unread', title: t('unread', { count }) }, String(count)) : null,
        ),
      );
    }),
  );
  // On a phone the list is one scrolling row: keep the open chat in sight.
  list.querySelector('.person--selected')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
