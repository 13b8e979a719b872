/**
 * The emulator's HTTP face, on one port:
 *   /bot<token>/<method>            the Bot API (GET query, JSON, urlencoded or multipart body)
 *   /file/bot<token>/<file_path>    file downloads, as api.telegram.org serves them
 *   /sandbox/api/…                  the control API (see control-api.ts)
 *   anything else                   the `fallback` handler if one is given (a web page), else 404
 * Every Bot API request is recorded here, after the faults in force decided its fate, so the
 * record shows exactly what each client got, whichever Api instance sent it. A lost reply
 * ("deliver, then drop") runs the method in full and only then destroys the connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error';
import { callBotApi } from './bot-api';
import type { EmulatorCore } from './core';
import { BodyTooLargeError, delay, readBody, sendJson } from './http-util';
import { paramsFromRequest, type Params } from './params';
import type { ApiResponseBody } from './recorder';

export type ControlHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export interface RunningServer {
  server: Server;
  apiRoot: string;
  close(): Promise<void>;
}

const NOT_FOUND = { ok: false, error_code: 404, description: 'Not Found' };

export async function startHttpServer(
  core: EmulatorCore,
  control: ControlHandler,
  options: { host: string; port: number; fallback?: ControlHandler },
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    route(core, control, options.fallback, request, response).catch((error: unknown) => {
      console.error('[telegram emulator] request failed', error);
      sendJson(response, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    apiRoot: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (grammY keeps them) and event streams would hold close() forever.
        server.closeAllConnections();
      }),
  };
}

async function route(
  core: EmulatorCore,
  control: ControlHandler,
  fallback: ControlHandler | undefined,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const botApi = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (botApi !== null) {
    await handleBotApi(core, request, response, url, decodeURIComponent(botApi[1] as string), botApi[2] as string);
    return;
  }
  const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
  if (file !== null) {
    serveFile(core, response, decodeURIComponent(file[1] as string), decodeURIComponent(file[2] as string));
    return;
  }
  if (url.pathname.startsWith('/sandbox/api/')) {
    await control(request, response, url);
    return;
  }
  if (fallback !== undefined) await fallback(request, response, url);
  else sendJson(response, 404, NOT_FOUND);
}

async function handleBotApi(
  core: EmulatorCore,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  token: string,
  method: string,
) {
  const at = core.clock();
  const bot = core.world.botWithToken(token);
  const aborted = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) aborted.abort();
  });
  /** Answers the client, or cuts the connection when there is no answer or it is to be lost. */
  const finish = (params: Params | undefined, answer: ApiResponseBody | undefined, replyLost = false) => {
    const call = core.recorder.add({
      at,
      method,
      params: params?.summary() ?? {},
      dropped: answer === undefined || replyLost,
      ...(replyLost ? { replyLost } : {}),
      ...(bot === undefined ? {} : { botId: bot.id }),
      ...(answer === undefined ? {} : { response: answer }),
    });
    core.events.emit('botCall', call);
    if (answer === undefined || replyLost) request.socket.destroy();
    else sendJson(response, answer.ok ? 200 : answer.error_code, answer);
  };

  let params: Params;
  try {
    params = paramsFromRequest(url.searchParams, request.headers['content-type'], await readBody(request));
  } catch (error) {
    if (error instanceof BodyTooLargeError) finish(undefined, { ok: false, error_code: 413, description: 'Request Entity Too Large' });
    else if (error instanceof ApiError) finish(undefined, error.toBody());
    else throw error;
    return;
  }

  // An unknown token is refused before any fault applies: faults are about a working bot.
  const fate = bot === undefined ? { drop: false, delayMs: 0 } : core.faults.fateOf(method);
  if (fate.delayMs > 0) await delay(fate.delayMs);
  if (fate.drop) finish(params, undefined);
  else if (fate.serverError !== undefined) finish(params, fate.serverError.toBody());
  else finish(params, await callBotApi(core, bot, method, params, aborted.signal), fate.loseReply === true);
}

function serveFile(core: EmulatorCore, response: ServerResponse, token: string, filePath: string) {
  if (core.world.botWithToken(token) === undefined) {
    sendJson(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    return;
  }
  const file = core.files.atPath(filePath);
  if (file === undefined) {
    sendJson(response, 404, NOT_FOUND);
    return;
  }
  response.writeHead(200, {
    'content-type': file.mimeType ?? (file.kind === 'photo' ? 'image/jpeg' : 'application/octet-stream'),
    'content-length': file.data.length,
  });
  response.end(file.data);
}
