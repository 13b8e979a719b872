/**
 * The sandbox's web chat: pick who you are (a demo person, or the leading group with one of
 * its members speaking) and chat with the bot as them, through the emulator's control API;
 * live events keep the open chat current and count what arrives in the others.
 */
import { api } from './api.js';
import { ChatView } from './chat-view.js';
import { createClockPanel } from './clock.js';
import { createCommandMenu } from './command-menu.js';
import { byId, h } from './dom.js';
import { connectEvents } from './events.js';
import { hideToast, showAlert, showToast } from './notices.js';
import { chatsOf, renderPeople } from './people.js';
import { applyStaticTexts, currentLanguage, onLanguageChange, setLanguage, t } from './strings.js';

/** Telegram clients show "typing…" for about five seconds after a chat action. */
const TYPING_MS = 5000;
/** A button whose bot never answers stops looking busy after this long, as in Telegram. */
const ANSWER_WAIT_MS = 15_000;
/** Answers that came before their button's request returned, kept briefly by query id. */
const KEPT_ANSWERS = 50;

const state = {
  personas: [],
  group: null,
  chats: [],
  botName: '',
  selectedKey: null,
  speakerId: null,
  unread: new Map(),
  /** While a chat's transcript loads, the events for it wait here. */
  loading: null,
  earlyAnswers: new Map(),
  waitingAnswers: new Map(),
  streamLost: false,
};

const chatView = new ChatView(byId('messages'));
const textarea = byId('text');
let typingTimer;

const selectedChat = () => state.chats.find((chat) => chat.key === state.selectedKey) ?? null;

/** Who is looking and speaking: the person of a private chat, or the group's chosen speaker. */
function viewer() {
  const chat = selectedChat();
  return { chatId: chat.chatId, speakerId: chat.isGroup ? state.speakerId : chat.personaId };
}

const entryView = () => ({ viewerId: viewer().speakerId, isGroup: selectedChat()?.isGroup === true, onPress: pressButton });

function showError(error) {
  showToast(t('error', { message: error.message }));
}

// ---- the list of people and the chat header

function renderPeopleList() {
  renderPeople(byId('persona-list'), {
    chats: state.chats,
    selectedKey: state.selectedKey,
    unread: state.unread,
    onSelect: (key) => void openChat(key),
  });
}

function renderHeader() {
  const chat = selectedChat();
  const speakerField = byId('speaker-field');
  if (chat === null) {
    byId('chat-title').textContent = '';
    byId('chat-subtitle').textContent = '';
    speakerField.hidden = true;
    return;
  }
  if (chat.isGroup) {
    byId('chat-title').textContent = state.group.title;
    byId('chat-subtitle').textContent = t('groupHint');
    const select = byId('speaker');
    select.replaceChildren(
      ...state.personas.map((persona) => h('option', { value: persona.id, selected: persona.id === state.speakerId }, persona.label)),
    );
    speakerField.hidden = false;
  } else {
    byId('chat-title').textContent = t('privateChatWith', { bot: state.botName });
    byId('chat-subtitle').textContent = t('youAre', { label: chat.label });
    speakerField.hidden = true;
  }
}

function setComposerEnabled(enabled) {
  for (const element of byId('composer').elements) element.disabled = !enabled;
}

// ---- opening a chat and following its events

async function openChat(key) {
  state.selectedKey = state.chats.some((chat) => chat.key === key) ? key : null;
  history.replaceState(null, '', state.selectedKey === null ? location.pathname : `#${state.selectedKey}`);
  const chat = selectedChat();
  renderHeader();
  hideTyping();
  renderReplyKeyboard();
  if (chat === null) {
    renderPeopleList();
    setComposerEnabled(false);
    chatView.clear(t('chooseFirst'));
    return;
  }
  state.unread.delete(chat.chatId);
  renderPeopleList();
  setComposerEnabled(true);
  const loading = { chatId: chat.chatId, buffered: [] };
  state.loading = loading;
  try {
    const entries = await api.transcript(chat.chatId);
    if (state.loading !== loading) return;
    chatView.show(entries, entryView());
    for (const event of loading.buffered) applyMessageEvent(event);
    renderReplyKeyboard();
  } catch (error) {
    if (state.loading === loading) chatView.clear(t('error', { message: error.message }));
  } finally {
    if (state.loading === loading) state.loading = null;
  }
  // Not on a phone, where focusing the box would pop up the keyboard over the chat.
  if (matchMedia('(pointer: fine)').matches) textarea.focus();
}

function applyMessageEvent(event) {
  if (event.kind === 'deleted') chatView.remove(event.entry.message_id);
  else chatView.upsert(event.entry);
}

function onMessage(event) {
  const chat = selectedChat();
  if (chat !== null && event.chatId === chat.chatId) {
    if (state.loading?.chatId === event.chatId) {
      state.loading.buffered.push(event);
      return;
    }
    applyMessageEvent(event);
    if (event.entry.from.kind === 'bot') hideTyping();
    renderReplyKeyboard();
    return;
  }
  if (event.kind === 'new' && event.entry.from.kind === 'bot') {
    state.unread.set(event.chatId, (state.unread.get(event.chatId) ?? 0) + 1);
    renderPeopleList();
  }
}

function onChatAction(event) {
  const chat = selectedChat();
  if (chat === null || event.chatId !== chat.chatId || event.action !== 'typing') return;
  const typing = byId('typing');
  typing.textContent = t('typing', { bot: state.botName });
  typing.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(hideTyping, TYPING_MS);
}

function hideTyping() {
  clearTimeout(typingTimer);
  byId('typing').hidden = true;
}

/** A reply keyboard stays under the box while the bot's latest message carries one. */
function renderReplyKeyboard() {
  const box = byId('reply-keyboard');
  const latestFromBot = [...chatView.entries].reverse().find((entry) => entry.from.kind === 'bot');
  const rows = selectedChat() === null ? undefined : latestFromBot?.reply_keyboard;
  box.hidden = rows === undefined;
  box.replaceChildren(
    ...(rows ?? []).map((row) =>
      h(
        'div',
        { class: 'reply-keyboard__row' },
        row.map((button) =>
          h('button', { type: 'button', class: 'reply-keyboard__button', onclick: () => void sendText(button.text) }, button.text),
        ),
      ),
    ),
  );
}

// ---- acting as the person

async function sendText(text) {
  const { chatId, speakerId } = viewer();
  await api.sendText(chatId, speakerId, text);
}

async function submitComposer() {
  const text = textarea.value.trim();
  if (text === '' || selectedChat() === null) return;
  textarea.value = '';
  fitTextarea();
  try {
    await sendText(text);
  } catch (error) {
    textarea.value = text;
    fitTextarea();
    showError(error);
  }
}

async function uploadChosenFile() {
  const input = byId('file-input');
  const file = input.files?.[0];
  input.value = '';
  if (file === undefined || selectedChat() === null) return;
  const { chatId, speakerId } = viewer();
  // As in Telegram, what is in the box goes with the file as its caption.
  const caption = textarea.value.trim();
  showToast(t('uploading', { name: file.name }));
  try {
    await api.uploadDocument(chatId, speakerId, file, caption);
    hideToast();
    if (caption !== '') textarea.value = '';
    fitTextarea();
  } catch (error) {
    showError(error);
  }
}

async function pressButton(entry, button, element) {
  const { chatId, speakerId } = viewer();
  element.classList.add('inline-button--busy');
  try {
    const { callback_query_id: queryId } = await api.pressButton(chatId, speakerId, entry.message_id, button.callback_data);
    const answer = await answerTo(queryId);
    if (answer?.text) {
      if (answer.showAlert) showAlert(answer.text);
      else showToast(answer.text);
    }
  } catch (error) {
    showError(error);
  } finally {
    element.classList.remove('inline-button--busy');
  }
}

/** The bot's answer to a pressed button (an event that may come before the press request returns). */
function answerTo(queryId) {
  const early = state.earlyAnswers.get(queryId);
  if (early !== undefined) {
    state.earlyAnswers.delete(queryId);
    return Promise.resolve(early);
  }
  return new Promise((resolve) => {
    state.waitingAnswers.set(queryId, resolve);
    setTimeout(() => {
      if (state.waitingAnswers.delete(queryId)) resolve(undefined);
    }, ANSWER_WAIT_MS);
  });
}

function onCallbackAnswer(answer) {
  const waiting = state.waitingAnswers.get(answer.queryId);
  if (waiting !== undefined) {
    state.waitingAnswers.delete(answer.queryId);
    waiting(answer);
    return;
  }
  state.earlyAnswers.set(answer.queryId, answer);
  if (state.earlyAnswers.size > KEPT_ANSWERS) state.earlyAnswers.delete(state.earlyAnswers.keys().next().value);
}

// ---- the message box

function fitTextarea() {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
}

function wireComposer() {
  byId('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitComposer();
  });
  textarea.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing (拼音).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void submitComposer();
    }
  });
  textarea.addEventListener('input', fitTextarea);
  byId('attach-button').addEventListener('click', () => byId('file-input').click());
  byId('file-input').addEventListener('change', () => void uploadChosenFile());
  byId('speaker').addEventListener('change', (event) => {
    state.speakerId = Number(event.target.value);
    chatView.refresh(entryView());
  });
  createCommandMenu({ viewer, onChoose: (command) => void sendText(command).catch(showError), onError: showError });
}

// ---- start

function setConnection(connected) {
  const element = byId('connection');
  element.textContent = connected ? t('connected') : t('disconnected');
  element.classList.toggle('connection--lost', !connected);
}

async function start() {
  applyStaticTexts();
  byId('language-toggle').textContent = t('languageToggle');
  setComposerEnabled(false);
  wireComposer();
  const clock = createClockPanel({});
  byId('language-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
  onLanguageChange(() => {
    applyStaticTexts();
    byId('language-toggle').textContent = t('languageToggle');
    state.chats = chatsOf(state.personas, state.group);
    renderPeopleList();
    renderHeader();
    clock.render();
    setConnection(!state.streamLost);
    if (selectedChat() === null) chatView.clear(t('chooseFirst'));
    else chatView.refresh(entryView());
  });

  try {
    const [{ personas, group }, bots] = await Promise.all([api.personas(), api.bots()]);
    state.personas = personas;
    state.group = group;
    state.speakerId = personas[0]?.id ?? null;
    state.chats = chatsOf(personas, group);
    const bot = bots[0];
    state.botName = bot === undefined ? '' : `${bot.first_name} @${bot.username}`;
  } catch (error) {
    chatView.clear(t('error', { message: error.message }));
    return;
  }
  void clock.refresh();
  connectEvents({
    onOpen() {
      setConnection(true);
      // Whatever happened while the stream was down is in the transcript.
      if (state.streamLost && selectedChat() !== null) void openChat(state.selectedKey);
      state.streamLost = false;
    },
    onError() {
      state.streamLost = true;
      setConnection(false);
    },
    message: onMessage,
    callbackAnswer: onCallbackAnswer,
    chatAction: onChatAction,
  });
  window.addEventListener('hashchange', () => void openChat(location.hash.slice(1)));
  await openChat(location.hash.slice(1));
}

void start();
