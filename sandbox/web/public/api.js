/**
 * The page's calls to the sandbox: the emulator's control API (/sandbox/api/…, chatting as a
 * person) and the web chat's own routes (/sandbox/app/…, people, clock, menus, files).
 */
export class RequestError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function call(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new RequestError(body.error ?? body.description ?? response.statusText, response.status);
  return body;
}

const postJson = (path, body) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const chat = (chatId) => `/sandbox/api/chats/${encodeURIComponent(chatId)}`;

export const api = {
  personas: () => call('/sandbox/app/personas'),
  bots: () => call('/sandbox/api/bots'),
  clock: () => call('/sandbox/app/clock'),
  /** `{ to: 'next-reminder' | 'next-deadline' | 'next-day' }` or `{ at: ISO }`. */
  jump: (body) => postJson('/sandbox/app/clock', body),
  commands: (chatId, userId) => call(`/sandbox/app/commands?chat=${encodeURIComponent(chatId)}&user=${encodeURIComponent(userId)}`),
  transcript: (chatId) => call(`${chat(chatId)}/transcript`),
  sendText: (chatId, from, text) => postJson(`${chat(chatId)}/messages`, { from, text }),
  /** Resolves with `{ callback_query_id }`; the bot's answer comes as an event. */
  pressButton: (chatId, from, messageId, data) => postJson(`${chat(chatId)}/button`, { from, message_id: messageId, data }),
  uploadDocument(chatId, from, file, caption) {
    const form = new FormData();
    form.set('from', String(from));
    if (caption) form.set('caption', caption);
    form.set('document', file, file.name);
    return call(`${chat(chatId)}/documents`, { method: 'POST', body: form });
  },
  fileUrl: (fileId) => `/sandbox/app/files/${encodeURIComponent(fileId)}`,
};
