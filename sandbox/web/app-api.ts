/**
 * The web chat's own JSON routes, under /sandbox/app/…, for what the emulator's control API
 * cannot know: who the demo people are, the sandbox's movable clock, the command menu a
 * person sees, and stored files by file_id (so the page needs no bot token).
 *
 *   GET  /sandbox/app/personas                  { personas: [{ id, label, name, role, unit?, languageCode }], group: { id, title, members } }
 *   GET  /sandbox/app/clock                     { now, nextReminder, nextDeadline, zone } (ISO 8601 instants, or null)
 *   POST /sandbox/app/clock                     JSON { to: "next-reminder" | "next-deadline" | "next-day" } or { at: ISO 8601 };
 *                                               moves the clock, waits for the reminders it makes due, answers as GET
 *   GET  /sandbox/app/commands?chat=ID[&user=ID] [{ command, description }]: the menu that person sees in that chat
 *   GET  /sandbox/app/files/:fileId             the file's bytes (documents as attachments)
 *
 * Mistakes answer 400 `{"error": "…"}`, unknown routes 404, a jump with nowhere to go 409.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import type { Persona } from '../demo/seed';
import { BodyTooLargeError, readBody, sendJson } from '../emulator/http-util';
import { PLAN_ZONE } from '../../plans/due-dates';

/** What the web chat needs from the running sandbox. */
export interface WebChatHost {
  personas: readonly Persona[];
  group: { id: number; title: string };
  clock: { now(): Date };
  /** Moves the clock and resolves once the reminders due by then are sent. */
  jumpTo(target: Date): Promise<void>;
  upcoming(): { nextReminder: Date | null; nextDeadline: Date | null };
  emulator: Pick<Emulator, 'commandsShown' | 'file'>;
}

class AppError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Only small JSON bodies are expected here. */
const MAX_JSON_BYTES = 16 * 1024;

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_JSON_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError('the body is too large', 413);
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new AppError('the body must be a JSON object');
}

function integerParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new AppError(`"${name}" must be an integer`);
  return number;
}

/** An instant with an explicit zone: a bare "2026-03-09T09:00" would mean the server's zone. */
function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw new AppError('"at" must be an ISO 8601 date and time with a zone, e.g. 2026-03-09T09:00+08:00');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError(`"${value}" is not a valid date`);
  return date;
}

export function appApiHandler(host: WebChatHost) {
  // Jumps run one after another: "next reminder" must be computed after the previous jump.
  let jumping: Promise<unknown> = Promise.resolve();

  const clockState = () => {
    const { nextReminder, nextDeadline } = host.upcoming();
    return {
      now: host.clock.now().toISOString(),
      nextReminder: nextReminder?.toISOString() ?? null,
      nextDeadline: nextDeadline?.toISOString() ?? null,
      zone: PLAN_ZONE,
    };
  };

  function jumpTarget(fields: Record<string, unknown>): Date {
    if (fields.at !== undefined) return parseInstant(fields.at);
    switch (fields.to) {
      case 'next-reminder': {
        const next = host.upcoming().nextReminder;
        if (next === null) throw new AppError('there is no reminder ahead', 409);
        return next;
      }
      case 'next-deadline': {
        const next = host.upcoming().nextDeadline;
        if (next === null) throw new AppError('there is no deadline ahead', 409);
        return next;
      }
      case 'next-day':
        return new Date(host.clock.now().getTime() + DAY_MS);
      default:
        throw new AppError('give "at" (an ISO 8601 instant) or "to": "next-reminder", "next-deadline" or "next-day"');
    }
  }

  async function jump(request: IncomingMessage) {
    const fields = await readJsonObject(request);
    const done = jumping.then(async () => {
      await host.jumpTo(jumpTarget(fields));
      return clockState();
    });
    jumping = done.catch(() => undefined);
    return done;
  }

  function sendFile(response: ServerResponse, fileId: string) {
    const file = host.emulator.file(fileId);
    if (file === undefined) throw new AppError(`no file ${fileId}`, 404);
    const headers: Record<string, string | number> = {
      'content-type': file.mimeType ?? 'application/octet-stream',
      'content-length': file.data.length,
      // Stored files never change, and a stray HTML upload must not run as this page.
      'cache-control': 'private, max-age=86400',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    };
    if (!(file.mimeType ?? '').startsWith('image/')) {
      headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName ?? 'file')}`;
    }
    response.writeHead(200, headers);
    response.end(file.data);
  }

  /** Answers a request under /sandbox/app/; `path` is what follows that prefix. */
  return async (request: IncomingMessage, response: ServerResponse, url: URL, path: string): Promise<void> => {
    const method = request.method ?? 'GET';
    try {
      if (method === 'GET' && path === 'personas') {
        return sendJson(response, 200, {
          personas: host.personas.map((persona) => ({
            id: persona.telegramId,
            label: persona.label,
            name: [persona.firstName, persona.lastName].filter(Boolean).join(' '),
            role: persona.role,
            languageCode: persona.languageCode,
            ...(persona.unit === undefined ? {} : { unit: persona.unit }),
          })),
          group: { ...host.group, members: host.personas.map((persona) => persona.telegramId) },
        });
      }
      if (method === 'GET' && path === 'clock') return sendJson(response, 200, clockState());
      if (method === 'POST' && path === 'clock') return sendJson(response, 200, await jump(request));
      if (method === 'GET' && path === 'commands') {
        const chatId = integerParam(url, 'chat');
        if (chatId === undefined) throw new AppError('"chat" is required');
        const userId = integerParam(url, 'user');
        return sendJson(response, 200, host.emulator.commandsShown(userId === undefined ? { chatId } : { chatId, userId }));
      }
      const file = /^files\/([\w-]+)$/.exec(path);
      if (method === 'GET' && file !== null) return sendFile(response, file[1] as string);
      throw new AppError(`no route ${method} ${url.pathname}`, 404);
    } catch (error) {
      if (error instanceof AppError) return sendJson(response, error.status, { error: error.message });
      throw error;
    }
  };
}
