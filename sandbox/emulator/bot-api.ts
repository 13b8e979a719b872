/**
 * Answers one Bot API call, independent of HTTP: finds the bot by token and the method by
 * name, runs it, and returns the body Telegram would send. Faults that concern the connection
 * itself (dropping it, delaying it) are the HTTP layer's business.
 */
import { ApiError, methodNotFound, unauthorized } from './api-error';
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
