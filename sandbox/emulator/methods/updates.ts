/**
 * Getting updates: getUpdates long polling and the webhook settings that exclude it. The
 * emulator never calls a webhook (it has no outside network); with one set, updates stay
 * pending and getWebhookInfo counts them.
 */
import { badRequest, conflict } from '../api-error';
import type { Params } from '../params';
import { DescribedResult, type MethodHandler } from './context';

function readAllowedUpdates(params: Params): string[] | undefined {
  const value = params.json('allowed_updates', () => badRequest("can't parse allowed_updates JSON array"));
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((type) => typeof type === 'string')) {
    throw badRequest("can't parse allowed_updates JSON array");
  }
  return value as string[];
}

export const getUpdates: MethodHandler = (context, params) => {
  const { bot } = context;
  if (bot.webhook !== undefined) {
    throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  const pollOptions: Parameters<typeof bot.updates.poll>[0] = {
    timeoutMs: Math.max(0, params.integer('timeout') ?? 0) * 1000,
    signal: context.signal,
  };
  const offset = params.integer('offset');
  const limit = params.integer('limit');
  const allowedUpdates = readAllowedUpdates(params);
  if (offset !== undefined) pollOptions.offset = offset;
  if (limit !== undefined) pollOptions.limit = limit;
  if (allowedUpdates !== undefined) pollOptions.allowedUpdates = allowedUpdates;
  return bot.updates.poll(pollOptions);
};

const WEBHOOK_PORTS = new Set(['', '80', '88', '443', '8443']);

export const setWebhook: MethodHandler = (context, params) => {
  const { bot } = context;
  const url = params.string('url') ?? '';
  if (params.boolean('drop_pending_updates') === true) bot.updates.dropPending();
  bot.updates.setAllowedUpdates(readAllowedUpdates(params));
  if (url === '') {
    const had = bot.webhook !== undefined;
    delete bot.webhook;
    return new DescribedResult(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  if (parsed.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (!WEBHOOK_PORTS.has(parsed.port)) {
    throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
  }
  const already = bot.webhook?.url === url;
  bot.webhook = { url };
  const maxConnections = params.integer('max_connections');
  if (maxConnections !== undefined) bot.webhook.maxConnections = maxConnections;
  bot.updates.failWaiting(conflict('terminated by setWebhook request'));
  return new DescribedResult(true, already ? 'Webhook is already set' : 'Webhook was set');
};

export const deleteWebhook: MethodHandler = (context, params) => {
  const { bot } = context;
  if (params.boolean('drop_pending_updates') === true) bot.updates.dropPending();
  const had = bot.webhook !== undefined;
  delete bot.webhook;
  return new DescribedResult(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
};

export const getWebhookInfo: MethodHandler = (context) => {
  const { bot } = context;
  const info: Record<string, unknown> = {
    url: bot.webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: bot.updates.pendingCount,
  };
  if (bot.webhook?.maxConnections !== undefined) info.max_connections = bot.webhook.maxConnections;
  const allowed = bot.updates.allowedUpdates;
  if (bot.webhook !== undefined && allowed !== undefined) info.allowed_updates = allowed;
  return info;
};
