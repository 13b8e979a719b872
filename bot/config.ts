/**
 * All settings, read from the environment once at start and validated with zod.
 * On failure every problem is printed, naming the variable, and the process exits.
 */
import { z } from 'zod';

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

export const configSchema = z.object({
  telegram: z.object({
    /** Without a token the bot runs against the built-in offline sandbox. */
    botToken: z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from @BotFather (123456:ABC…)')
      .optional(),
    apiRoot: z.url().default('https://api.telegram.org'),
  }),
  database: z.object({
    file: z.string().trim().min(1).default('data/duban.sqlite'),
  }),
  admins: telegramIds.default([]),
  /** The offline sandbox, run when there is no BOT_TOKEN. */
  sandbox: z.object({
    /** Kept apart from the real database so demo people and reports never mix with real ones. */
    databaseFile: z.string().trim().min(1).default('data/sandbox.sqlite'),
    host: z.string().trim().min(1).default('127.0.0.1'),
    port: z.coerce.number().int('must be a whole number').min(0).max(65535).default(8080),
  }),
});

export type Config = z.infer<typeof configSchema>;

/** The environment variables behind each setting, for messages and the README. */
export const ENV_NAMES = {
  'telegram.botToken': 'BOT_TOKEN',
  'telegram.apiRoot': 'TELEGRAM_API_ROOT',
  'database.file': 'DUBAN_DB',
  admins: 'DUBAN_ADMINS',
  'sandbox.databaseFile': 'SANDBOX_DB',
  'sandbox.host': 'SANDBOX_HOST',
  'sandbox.port': 'SANDBOX_PORT',
} as const;

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse({
    telegram: { botToken: blankToUndefined(env.BOT_TOKEN), apiRoot: blankToUndefined(env.TELEGRAM_API_ROOT) },
    database: { file: blankToUndefined(env.DUBAN_DB) },
    admins: blankToUndefined(env.DUBAN_ADMINS),
    sandbox: {
      databaseFile: blankToUndefined(env.SANDBOX_DB),
      host: blankToUndefined(env.SANDBOX_HOST),
      port: blankToUndefined(env.SANDBOX_PORT),
    },
  });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const name = ENV_NAMES[path as keyof typeof ENV_NAMES] ?? path;
    return `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
