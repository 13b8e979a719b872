/**
 * Telegram HTML (the `html` of a transcript entry) to DOM nodes, keeping only what Telegram
 * allows: b/strong, i/em, u/ins, s/strike/del, code, pre, a, blockquote, tg-spoiler and
 * span.tg-spoiler. Any other tag is dropped but its text kept; attributes other than a safe
 * link's href are dropped. The HTML is parsed in an inert document (no scripts run, nothing
 * loads) and rebuilt node by node, so the result can hold nothing but these tags and text.
 */
const SIMPLE_TAGS = {
  b: 'b',
  strong: 'b',
  i: 'i',
  em: 'i',
  u: 'u',
  ins: 'u',
  s: 's',
  strike: 's',
  del: 's',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const SAFE_LINK = /^(https?:|mailto:|tg:)/i;

function isSpoiler(element) {
  return element.localName === 'tg-spoiler' || (element.localName === 'span' && element.classList.contains('tg-spoiler'));
}

function safeCopy(element) {
  const simple = SIMPLE_TAGS[element.localName];
  if (simple !== undefined) return document.createElement(simple);
  if (isSpoiler(element)) {
    const spoiler = document.createElement('span');
    spoiler.className = 'spoiler';
    spoiler.tabIndex = 0;
    spoiler.addEventListener('click', () => spoiler.classList.add('spoiler--shown'));
    return spoiler;
  }
  if (element.localName === 'a') {
    const href = element.getAttribute('href') ?? '';
    // A mention (tg://user?id=…) leads nowhere outside Telegram: shown as a name only.
    if (!SAFE_LINK.test(href) || href.toLowerCase().startsWith('tg:')) {
      const mention = document.createElement('span');
      mention.className = 'mention';
      return mention;
    }
    const link = document.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    return link;
  }
  return null;
}

function appendSafe(parent, node) {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.append(document.createTextNode(node.data));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const copy = safeCopy(node);
  for (const child of node.childNodes) appendSafe(copy ?? parent, child);
  if (copy !== null) parent.append(copy);
}

export function renderTelegramHtml(html) {
  const inert = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of inert.body.childNodes) appendSafe(fragment, child);
  return fragment;
}
