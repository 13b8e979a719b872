/**
 * The command menu beside the message box: the commands Telegram would show this person in
 * this chat (the bot sets them per person and language), fetched when opened; a click sends one.
 */
import { api } from './api.js';
import { byId, h } from './dom.js';
import { t } from './strings.js';

export function createCommandMenu({ viewer, onChoose, onError }) {
  const button = byId('menu-button');
  const menu = byId('command-menu');

  function close() {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }

  async function open() {
    const { chatId, speakerId } = viewer();
    let commands;
    try {
      commands = await api.commands(chatId, speakerId);
    } catch (error) {
      onError(error);
      return;
    }
    menu.replaceChildren(
      ...(commands.length === 0
        ? [h('p', { class: 'command-menu__empty' }, t('commandsEmpty'))]
        : commands.map(({ command, description }) =>
            h(
              'button',
              {
                type: 'button',
                role: 'menuitem',
                class: 'command-menu__item',
                onclick: () => {
                  close();
                  onChoose(`/${command}`);
                },
              },
              h('span', { class: 'command-menu__command' }, `/${command}`),
              h('span', { class: 'command-menu__description' }, description),
            ),
          )),
    );
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }

  button.addEventListener('click', () => (menu.hidden ? void open() : close()));
  document.addEventListener('keydown', (event) => event.key === 'Escape' && close());
  document.addEventListener('click', (event) => {
    if (!menu.hidden && !menu.contains(event.target) && !button.contains(event.target)) close();
  });
  return { close };
}
