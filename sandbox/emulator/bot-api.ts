/**
 * Answers one Bot API call, independent of HTTP: finds the bot by token and the method by
 * name, applies the method's flood limit, runs it, and returns the body Telegram would send. Faults that concern the connection
 * itself (dropping it, delaying it) are the HTTP layer's business.
 */
import { ApiError, methodNotFound, tooManyRequests, unauthorized } from './api-error';
import type { EmulatorCore } from './core';
import { DescribedResult } from './methods/context';
import { findMethod } from './methods/index';
import type { Params } from './params';
import type { ApiResponseBody } from './recorder';
import type { BotState } from './world';

export async function callBotApi(
  core: EmulatorCore,
  bot: BotState | undefined,
  method: string,
  params: Params,
  signal: AbortSignal,
): Promise<ApiResponseBody> {
  if (bot === undefined) return unauthorized().toBody();
  const found = findMethod(method);
  if (found === undefined) return methodNotFound().toBody();
  // Limits on the method itself (edits, callback answers, command menus …); new messages also
  // pass the message buckets, inside the send methods once the request is known to be valid.
  const verdict = core.flood.tryMethod(bot.id, found.name, chatIdOf(params));
  if (!verdict.ok) return tooManyRequests(verdict.retryAfterSeconds).toBody();
  try {
    const result: unknown = await found.handler({ core, bot, signal }, params);
    if (result instanceof DescribedResult) return { ok: true, result: result.result, description: result.description };
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ApiError) return error.toBody();
    // A bug in the emulator, not a Telegram answer: say so loudly instead of pretending.
    const description = `Internal Server Error: emulator failed in ${found.name}: ${String(error)}`;
    console.error(`[telegram emulator] ${found.name} failed`, error);
    return { ok: false, error_code: 500, description };
  }
}

/** The call's chat_id when it is a number, for limits counted per chat. */
function chatIdOf(params: Params): number | undefined {
  const raw = params.raw('chat_id');
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : undefined;
  return id !== undefined && Number.isSafeInteger(id) ? id : undefined;
}
