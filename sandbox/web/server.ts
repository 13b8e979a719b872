/**
 * The sandbox's web chat, served on the emulator's port through its `fallback` option: the
 * page (static-files.ts) and the page's own JSON routes under /sandbox/app/ (app-api.ts). The
 * emulator's control API (/sandbox/api/…) does the chatting; the emulator routes it itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../emulator/http-util';
import { appApiHandler, type WebChatHost } from './app-api';
import { publicFileName, servePublicFile } from './static-files';

export type { WebChatHost } from './app-api';

export type WebChatHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

const APP_PREFIX = '/sandbox/app/';

function notFound(response: ServerResponse, url: URL) {
  sendJson(response, 404, { error: `no page ${url.pathname}` });
}

export function webChatHandler(host: WebChatHost): WebChatHandler {
  const app = appApiHandler(host);
  return async (request, response, url) => {
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith(APP_PREFIX)) return app(request, response, url, url.pathname.slice(APP_PREFIX.length).replace(/\/$/, ''));
    const name = method === 'GET' || method === 'HEAD' ? publicFileName(url.pathname) : undefined;
    if (name === undefined || !(await servePublicFile(response, name, method))) notFound(response, url);
  };
}

/**
 * A handler to give the emulator before the sandbox it serves exists (the emulator is started
 * first); `bind` supplies the sandbox once it runs. Until then every request answers 503.
 */
export function lateWebChat(): { fallback: WebChatHandler; bind(host: WebChatHost): void } {
  let handler: WebChatHandler | undefined;
  return {
    fallback: async (request, response, url) => {
      if (handler === undefined) return sendJson(response, 503, { error: 'the sandbox is still starting; reload in a moment' });
      return handler(request, response, url);
    },
    bind(host) {
      handler = webChatHandler(host);
    },
  };
}
