/**
 * Every setting and its rules (zod), with the environment variable behind each. Read from the
 * environment at start by app/config.ts; the layers below take the typed `Config`.
 */
import { z } from 'zod';

/** pino's levels, quietest last; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const telegramIds = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return [];
    const ids: number[] = [];
    for (const part of value.split(/[,\s]+/).filter(Boolean)) {
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a Telegram user id (digits only)` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** The proxies the agents of bot/proxy.ts speak: HTTP(S) proxies (CONNECT, or forwarding to an http: API root) and SOCKS. */
export const PROXY_PROTOCOLS = ['http:', 'https:', 'socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:'] as const;

/** A proxy's URL; a bare host:port means an HTTP proxy, as curl reads it. */
const proxyUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const text = value.includes('://') ? value : `http://${value}`;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a URL (http://host:port or socks5://host:port)' });
      return z.NEVER;
    }
    if (!(PROXY_PROTOCOLS as readonly string[]).includes(url.protocol) || url.hostname === '') {
      ctx.addIssue({
        code: 'custom',
        message: `${url.protocol}// is not a proxy Duban can use (${PROXY_PROTOCOLS.map((p) => `${p}//`).join(', ')})`,
      });
      return z.NEVER;
    }
    return url.href;
  });

export const configSchema = z.object({
  telegram: z.object({
    /** Without a token the bot runs against the built-in offline sandbox. */
    botToken: z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from @BotFather (123456:ABC…)')
      .optional(),
    apiRoot: z.url().default('https://api.telegram.org'),
    /**
     * The largest file the bot may send, in MB (2^20 bytes): Telegram's Bot API takes 50; a local
     * Bot API server takes up to 2,000. /pack cuts a larger pack into volumes under it.
     */
    uploadMb: z.coerce.number().positive().max(2000).default(50),
  }),
  database: z.object({
    file: z.string().trim().min(1).default('data/duban.sqlite'),
    /** Where evidence files are archived; unset: a folder beside the database (db/file-store.ts fileStoreRoot). */
    filesDir: z.string().trim().min(1).optional(),
  }),
  admins: telegramIds.default([]),
  /** The offline sandbox, run when there is no BOT_TOKEN. */
  sandbox: z.object({
    /** Kept apart from the real database so demo people and reports never mix with real ones. */
    databaseFile: z.string().trim().min(1).default('data/sandbox.sqlite'),
    host: z.string().trim().min(1).default('127.0.0.1'),
    port: z.coerce.number().int('must be a whole number').min(0).max(65535).default(8080),
  }),
  log: z.object({
    level: z.enum(LOG_LEVELS).default('info'),
  }),
  /**
   * Proxies for every call to Telegram (bot/proxy.ts), as curl reads the variables: https_proxy
   * for an https: API root, http_proxy for an http: one, all_proxy for either; no_proxy lists
   * hosts reached directly. Each lowercase name wins over its uppercase one.
   */
  proxy: z.object({
    https: proxyUrl.optional(),
    http: proxyUrl.optional(),
    all: proxyUrl.optional(),
    noProxy: z.string().trim().default(''),
  }),
});

export type Config = z.infer<typeof configSchema>;

/** The environment variables behind each setting, for messages and the README. */
export const ENV_NAMES = {
  'telegram.botToken': 'BOT_TOKEN',
  'telegram.apiRoot': 'TELEGRAM_API_ROOT',
  'telegram.uploadMb': 'TELEGRAM_UPLOAD_MB',
  'database.file': 'DUBAN_DB',
  'database.filesDir': 'DUBAN_FILES',
  admins: 'DUBAN_ADMINS',
  'sandbox.databaseFile': 'SANDBOX_DB',
  'sandbox.host': 'SANDBOX_HOST',
  'sandbox.port': 'SANDBOX_PORT',
  'log.level': 'LOG_LEVEL',
  'proxy.https': 'HTTPS_PROXY',
  'proxy.http': 'HTTP_PROXY',
  'proxy.all': 'ALL_PROXY',
  'proxy.noProxy': 'NO_PROXY',
} as const;
