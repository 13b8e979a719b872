/**
 * A small JSON API for driving the emulator from a browser page, on the emulator's own port.
 * Everything answers JSON; mistakes answer 400 `{"error": "…"}`, unknown routes 404.
 *
 *   GET  /sandbox/api/bots                                   the bots: getMe fields plus token
 *   GET  /sandbox/api/users                                  the users (Bot API User objects)
 *   GET  /sandbox/api/chats                                  [{ id, type, title, migrated_to? }]
 *   GET  /sandbox/api/chats/:chatId/transcript[?bot=ID]      the chat as its people see it
 *   POST /sandbox/api/chats/:chatId/messages                 JSON { from?, text, reply_to_message_id?, bot?,
 *                                                            anonymous_admin? } (true: as the group's anonymous admin)
 *   POST /sandbox/api/chats/:chatId/button                   JSON { from?, message_id, data? | text?, bot? }
 *   POST /sandbox/api/chats/:chatId/documents                multipart: file part "document",
 *                                                            fields from?, caption?, reply_to_message_id?, bot?
 *   POST /sandbox/api/chats/:chatId/photos                   multipart: file part "photo", the same fields
 *   POST /sandbox/api/chats/:groupId/kick-bot                JSON { from?, bot? }: a member kicks the bot
 *   POST /sandbox/api/chats/:groupId/add-bot                 JSON { from?, bot? }: a member adds it (back)
 *   POST /sandbox/api/users/:userId/deactivate               the account is deleted ("user is deactivated")
 *   POST /sandbox/api/users/:userId/reactivate
 *   POST /sandbox/api/bots/:botId/restart-update-ids         JSON { next_update_id? } → { next_update_id }
 *   GET  /sandbox/api/calls[?after=SEQ]                      the Bot API call record
 *   GET  /sandbox/api/calls/counts                           { calls, dropped, repliesLost, deliveriesWithReplyLost }
 *   POST /sandbox/api/faults/lost-replies                    JSON { method?, count?, probability?, for_ms? }
 *   POST /sandbox/api/faults/flood-wait                      JSON { retry_after, method?, count? }
 *   POST /sandbox/api/faults/server-errors                   JSON { method?, count?, status? }
 *   POST /sandbox/api/faults/drop-connections                JSON { count } or { for_ms }
 *   POST /sandbox/api/faults/slow-responses                  JSON { ms }
 *   POST /sandbox/api/faults/chat-not-found                  JSON { chat_id }
 *        each answers { id } (see faults.ts for what they do)
 *   DELETE /sandbox/api/faults/:id                           clears one fault; DELETE /sandbox/api/faults all
 *   GET  /sandbox/api/events                                 Server-Sent Events, one per change:
 *        event "message"        { kind: new|edited|deleted, chatId, botId?, entry }
 *        event "botCall"        a call record entry
 *        event "callbackAnswer" { queryId, text?, showAlert, … }
 *        event "chatAction"     { chatId, action, … }
 *        event "polling"        { botId, waiting }: whether the bot is connected and idle
 *
 * In a private chat the chat id is the user's id, and `from` defaults to it; in a group `from`
 * is required. `bot` picks the bot of a private chat (default the first bot).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorEvents } from './core';
import type { Emulator } from './emulator';
import type { FaultHandle, LostReplyFault, ServerErrorStatus } from './faults';
import type { ControlHandler } from './http-server';
import { readBody, sendJson } from './http-util';
import { boundaryOf, parseMultipart } from './multipart';

class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Fields = Record<string, unknown>;

async function readJson(request: IncomingMessage): Promise<Fields> {
  const body = await readBody(request);
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Fields;
  } catch {
    // Reported below.
  }
  throw new ControlError('the body must be a JSON object');
}

function optionalInteger(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) throw new ControlError(`"${name}" must be an integer`);
  return number;
}

function requiredInteger(fields: Fields, name: string): number {
  const value = optionalInteger(fields, name);
  if (value === undefined) throw new ControlError(`"${name}" is required`);
  return value;
}

function optionalNumber(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new ControlError(`"${name}" must be a number`);
  return number;
}

function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ControlError(`"${name}" must be a string`);
  return value;
}

/** The fault a POST /faults/… route asks for, registered on the emulator. */
function registerFault(emulator: Emulator, kind: string, fields: Fields): FaultHandle {
  const method = optionalString(fields, 'method');
  const count = optionalInteger(fields, 'count');
  const withMethod = <T extends object>(fault: T) => (method === undefined ? fault : { ...fault, method });
  const withCount = <T extends object>(fault: T) => (count === undefined ? fault : { ...fault, count });
  switch (kind) {
    case 'lost-replies': {
      const fault: LostReplyFault = withCount(withMethod({}));
      const probability = optionalNumber(fields, 'probability');
      const forMs = optionalInteger(fields, 'for_ms');
      if (probability !== undefined) fault.probability = probability;
      if (forMs !== undefined) fault.forMs = forMs;
      return emulator.faults.loseReplies(fault);
    }
    case 'flood-wait':
      return emulator.faults.floodWait(withCount(withMethod({ retryAfter: requiredInteger(fields, 'retry_after') })));
    case 'server-errors': {
      const status = optionalInteger(fields, 'status');
      if (status !== undefined && status !== 500 && status !== 502) throw new ControlError('"status" must be 500 or 502');
      return emulator.faults.serverErrors(withCount(withMethod(status === undefined ? {} : { status: status as ServerErrorStatus })));
    }
    case 'drop-connections': {
      const forMs = optionalInteger(fields, 'for_ms');
      if (forMs !== undefined) return emulator.faults.dropConnections({ forMs });
      if (count === undefined) throw new ControlError('give "count" or "for_ms"');
      return emulator.faults.dropConnections({ count });
    }
    case 'slow-responses':
      return emulator.faults.slowResponses(requiredInteger(fields, 'ms'));
    case 'chat-not-found':
      return emulator.faults.chatNotFound(requiredInteger(fields, 'chat_id'));
    default:
      throw new ControlError(`no fault "${kind}"`, 404);
  }
}

function senderOf(fields: Fields, chatId: number): number {
  const from = optionalInteger(fields, 'from') ?? (chatId > 0 ? chatId : undefined);
  if (from === undefined) throw new ControlError('"from" is required in a group');
  return from;
}

/** Common options of the posting routes: which chat, which bot, what is replied to. */
function postingOptions(fields: Fields, chatId: number) {
  const options: { chatId: number; bot?: number; replyToMessageId?: number } = { chatId };
  const bot = optionalInteger(fields, 'bot');
  const replyTo = optionalInteger(fields, 'reply_to_message_id');
  if (bot !== undefined) options.bot = bot;
  if (replyTo !== undefined) options.replyToMessageId = replyTo;
  return options;
}

async function readDocumentUpload(request: IncomingMessage, partName: 'document' | 'photo' = 'document') {
  const boundary = boundaryOf(request.headers['content-type'] ?? '');
  if (boundary === undefined) throw new ControlError(`send the ${partName} as multipart/form-data`);
  const parts = parseMultipart(await readBody(request), boundary);
  const fields: Fields = {};
  for (const part of parts) if (part.filename === undefined) fields[part.name] = part.data.toString('utf8');
  const file = parts.find((part) => part.name === partName && part.filename !== undefined);
  if (file === undefined) throw new ControlError(`the form has no file part named "${partName}"`);
  return { fields, file };
}

const STREAMED_EVENTS: ReadonlyArray<keyof EmulatorEvents> = ['message', 'botCall', 'callbackAnswer', 'chatAction', 'polling'];

function streamEvents(emulator: Emulator, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribers = STREAMED_EVENTS.map((name) =>
    emulator.on(name, (payload: unknown) => response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  // A comment now and then keeps proxies and browsers from deciding the stream is dead.
  const heartbeat = setInterval(() => response.write(': ping\n\n'), 15_000);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribers) unsubscribe();
  });
}

export function createControlHandler(emulator: () => Emulator): ControlHandler {
  /** Faults registered through this API, by the id it answered with. */
  const faults = new Map<number, FaultHandle>();
  let lastFaultId = 0;
  return async (request, response, url) => {
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/^\/sandbox\/api/, '').replace(/\/$/, '');
    const chatRoute = /^\/chats\/(-?\d+)\/(transcript|messages|button|documents|photos|kick-bot|add-bot)$/.exec(path);
    const userRoute = /^\/users\/(\d+)\/(deactivate|reactivate)$/.exec(path);
    const botRoute = /^\/bots\/(\d+)\/restart-update-ids$/.exec(path);
    const faultRoute = /^\/faults(?:\/([a-z-]+|\d+))?$/.exec(path);
    const emu = emulator();
    try {
      if (method === 'GET' && path === '/events') return streamEvents(emu, request, response);
      if (method === 'GET' && path === '/bots') return sendJson(response, 200, emu.bots());
      if (method === 'GET' && path === '/users') return sendJson(response, 200, emu.users());
      if (method === 'GET' && path === '/chats') return sendJson(response, 200, emu.chats());
      if (method === 'GET' && path === '/calls/counts') return sendJson(response, 200, emu.callCounts());
      if (faultRoute !== null) {
        const target = faultRoute[1];
        if (method === 'POST' && target !== undefined && !/^\d+$/.test(target)) {
          const handle = registerFault(emu, target, await readJson(request));
          const id = ++lastFaultId;
          faults.set(id, handle);
          return sendJson(response, 200, { id });
        }
        if (method === 'DELETE' && target === undefined) {
          emu.faults.clear();
          faults.clear();
          return sendJson(response, 200, { cleared: true });
        }
        if (method === 'DELETE' && target !== undefined && /^\d+$/.test(target)) {
          const handle = faults.get(Number(target));
          if (handle === undefined) throw new ControlError(`no fault ${target}`, 404);
          handle.clear();
          faults.delete(Number(target));
          return sendJson(response, 200, { cleared: true });
        }
      }
      if (method === 'POST' && userRoute !== null) {
        const userId = Number(userRoute[1]);
        if (userRoute[2] === 'deactivate') emu.deactivateUser(userId);
        else emu.reactivateUser(userId);
        return sendJson(response, 200, { ok: true });
      }
      if (method === 'POST' && botRoute !== null) {
        const fields = await readJson(request);
        const next = optionalInteger(fields, 'next_update_id');
        const restarted = emu.restartUpdateIds({ bot: Number(botRoute[1]), ...(next === undefined ? {} : { nextUpdateId: next }) });
        return sendJson(response, 200, { next_update_id: restarted });
      }
      if (method === 'GET' && path === '/calls') {
        const after = optionalInteger(Object.fromEntries(url.searchParams), 'after');
        return sendJson(response, 200, emu.botCalls(after === undefined ? {} : { afterSeq: after }));
      }
      if (chatRoute !== null) {
        const chatId = Number(chatRoute[1]);
        const action = chatRoute[2];
        if (method === 'GET' && action === 'transcript') {
          const bot = optionalInteger(Object.fromEntries(url.searchParams), 'bot');
          return sendJson(response, 200, emu.transcript(chatId, bot === undefined ? {} : { bot }));
        }
        if (method === 'POST' && action === 'messages') {
          const fields = await readJson(request);
          if (typeof fields.text !== 'string') throw new ControlError('"text" is required');
          const options = { ...postingOptions(fields, chatId), ...(fields.anonymous_admin === true ? { asAnonymousAdmin: true } : {}) };
          return sendJson(response, 200, emu.sendText(senderOf(fields, chatId), fields.text, options));
        }
        if (method === 'POST' && (action === 'kick-bot' || action === 'add-bot')) {
          const fields = await readJson(request);
          const options: { bot?: number; byUserId?: number } = {};
          const bot = optionalInteger(fields, 'bot');
          const from = optionalInteger(fields, 'from');
          if (bot !== undefined) options.bot = bot;
          if (from !== undefined) options.byUserId = from;
          if (action === 'kick-bot') emu.kickBot(chatId, options);
          else emu.addBotToGroup(chatId, options);
          return sendJson(response, 200, { ok: true });
        }
        if (method === 'POST' && action === 'button') {
          const fields = await readJson(request);
          const choice: Parameters<Emulator['pressButton']>[1] = { chatId, messageId: requiredInteger(fields, 'message_id') };
          if (typeof fields.data === 'string') choice.data = fields.data;
          else if (typeof fields.text === 'string') choice.text = fields.text;
          else throw new ControlError('give the button\'s "data" or "text"');
          const bot = optionalInteger(fields, 'bot');
          if (bot !== undefined) choice.bot = bot;
          const query = emu.pressButton(senderOf(fields, chatId), choice);
          return sendJson(response, 200, { callback_query_id: query.id });
        }
        if (method === 'POST' && action === 'documents') {
          const { fields, file } = await readDocumentUpload(request);
          const document: Parameters<Emulator['sendDocument']>[1] = { fileName: file.filename as string, data: file.data };
          if (file.contentType !== undefined) document.mimeType = file.contentType;
          if (typeof fields.caption === 'string') document.caption = fields.caption;
          return sendJson(response, 200, emu.sendDocument(senderOf(fields, chatId), document, postingOptions(fields, chatId)));
        }
        if (method === 'POST' && action === 'photos') {
          // A photo as a liaison sends one for evidence (PNG, JPEG, GIF or WebP; anything else is refused as Telegram does).
          const { fields, file } = await readDocumentUpload(request, 'photo');
          const photo: Parameters<Emulator['sendPhoto']>[1] = { data: file.data };
          if (typeof fields.caption === 'string') photo.caption = fields.caption;
          return sendJson(response, 200, emu.sendPhoto(senderOf(fields, chatId), photo, postingOptions(fields, chatId)));
        }
      }
      throw new ControlError(`no route ${method} ${url.pathname}`, 404);
    } catch (error) {
      if (error instanceof ControlError) return sendJson(response, error.status, { error: error.message });
      // User actions refuse misuse with plain Errors whose message is meant for the person.
      if (error instanceof Error) return sendJson(response, 400, { error: error.message });
      throw error;
    }
  };
}
