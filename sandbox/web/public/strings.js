/** The page's own texts, Chinese by default; the bot's messages come in each person's language. */
const TEXTS = {
  zh: {
    title: '督办 · 离线沙盒',
    clockLabel: '沙盒时钟',
    clockNow: '沙盒时间（北京时间）',
    nextReminder: '下一个提醒：{time}',
    nextDeadline: '下一个截止日：{time}',
    none: '无',
    jumpReminder: '下一个提醒',
    jumpDeadline: '下一个截止日',
    jumpDay: '+1天',
    jumpAt: '跳转',
    jumpAtLabel: '跳到指定时间（北京时间）',
    jumping: '正在拨动时钟，等待提醒发出…',
    jumped: '已跳到 {time}',
    noReminderAhead: '后面没有提醒了。',
    noDeadlineAhead: '后面没有截止日了。',
    whoAmI: '您是谁',
    groupEntry: '群聊：{title}',
    groupHint: '选择发言人后在群里说话',
    unread: '{count} 条新消息',
    speaker: '发言人',
    chooseFirst: '请先选择您的身份，然后就可以和督办聊天。',
    privateChatWith: '与 {bot} 的私聊',
    youAre: '您是：{label}',
    emptyChat: '还没有消息。发送 /start 开始。',
    placeholder: '输入消息，回车发送',
    send: '发送',
    commands: '命令',
    commandsEmpty: '督办在这里没有命令菜单。',
    attach: '上传文件',
    attachShort: '文件',
    uploading: '正在上传 {name}…',
    typing: '{bot} 正在输入…',
    edited: '已编辑',
    photo: '图片',
    connected: '实时更新已连接',
    disconnected: '实时更新中断，正在重连…',
    ok: '确定',
    error: '出错了：{message}',
    languageToggle: 'English',
    migrated: '群组已升级为超级群组',
  },
  en: {
    title: 'Duban · offline sandbox',
    clockLabel: 'Sandbox clock',
    clockNow: 'Sandbox time (Beijing)',
    nextReminder: 'Next reminder: {time}',
    nextDeadline: 'Next deadline: {time}',
    none: 'none',
    jumpReminder: 'Next reminder',
    jumpDeadline: 'Next deadline',
    jumpDay: '+1 day',
    jumpAt: 'Go',
    jumpAtLabel: 'Jump to a date and time (Beijing time)',
    jumping: 'Moving the clock, waiting for reminders to go out…',
    jumped: 'Now at {time}',
    noReminderAhead: 'There is no reminder ahead.',
    noDeadlineAhead: 'There is no deadline ahead.',
    whoAmI: 'Who are you',
    groupEntry: 'Group: {title}',
    groupHint: 'pick who speaks in the group',
    unread: '{count} new',
    speaker: 'Speaking',
    chooseFirst: 'Pick who you are first, then chat with the bot.',
    privateChatWith: 'Private chat with {bot}',
    youAre: 'You are: {label}',
    emptyChat: 'No messages yet. Send /start to begin.',
    placeholder: 'Type a message, Enter to send',
    send: 'Send',
    commands: 'Menu',
    commandsEmpty: 'The bot has no command menu here.',
    attach: 'Upload a file',
    attachShort: 'File',
    uploading: 'Uploading {name}…',
    typing: '{bot} is typing…',
    edited: 'edited',
    photo: 'photo',
    connected: 'Live updates connected',
    disconnected: 'Live updates lost, reconnecting…',
    ok: 'OK',
    error: 'Something went wrong: {message}',
    languageToggle: '中文',
    migrated: 'The group became a supergroup',
  },
};

const STORAGE_KEY = 'duban-sandbox-language';
let language = readStoredLanguage();
const listeners = new Set();

function readStoredLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function t(key, vars = {}) {
  const template = TEXTS[language][key] ?? TEXTS.zh[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export const currentLanguage = () => language;

/** The locale for dates: Chinese weekdays (星期三) in the Chinese page. */
export const dateLocale = () => (language === 'en' ? 'en-GB' : 'zh-CN');

export function setLanguage(next) {
  language = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A private window may refuse storage; the choice then lasts until reload.
  }
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** Fills the static texts of the page: data-i18n (text), -placeholder, -title, -label (aria-label). */
export function applyStaticTexts(root = document) {
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  document.title = t('title');
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) element.placeholder = t(element.dataset.i18nPlaceholder);
  for (const element of root.querySelectorAll('[data-i18n-title]')) {
    element.title = t(element.dataset.i18nTitle);
    element.setAttribute('aria-label', t(element.dataset.i18nTitle));
  }
  for (const element of root.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
}
