/**
 * The process's log: pino, at LOG_LEVEL (default info); human-readable lines (pino-pretty) when
 * stdout is a terminal, one JSON object a line otherwise (for journald, Docker, a log collector).
 *
 * The bot token never reaches a line. pino's `redact` removes values under named keys only,
 * while the token travels inside strings: grammY's network errors name the URL
 * (https://api.telegram.org/bot<token>/getMe) in their message and stack. So every line is
 * rewritten as a whole, after pino serialised it and before it is written or prettified: the
 * token (as given, and URL-encoded) and anything shaped like the Bot API's /bot<token>/ path
 * become <BOT_TOKEN> (bot/telegram-retry.ts redactToken). A token's characters (digits, letters,
 * `_`, `-`, `:`) are never escaped in JSON, so the serialised line holds it verbatim.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { redactToken } from './telegram-retry';
import type { LogLevel } from '../core/config';

export type { Logger };

/** Where lines go: anything with a write of one string (a stream, or a test's array). */
export interface LineSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  /** Default info. */
  level?: LogLevel;
  /** Secrets removed from every line (the bot token); blank ones are ignored. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Default: stdout, written synchronously (nothing is lost when the process exits). */
  destination?: LineSink;
  /** pino-pretty's lines instead of JSON. Default: when stdout is a terminal. */
  pretty?: boolean;
}

/** Removes every secret, in every spelling it can take in a line, and any /bot<token> path. */
export function redactor(secrets: ReadonlyArray<string | undefined>): (line: string) => string {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.trim() === '') continue;
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
    spellings.add(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  }
  // Longest first: no spelling is left half-replaced by a shorter one.
  const ordered = [...spellings].sort((a, b) => b.length - a.length);
  return (line) => redactToken(ordered.reduce((text, secret) => text.split(secret).join('<BOT_TOKEN>'), line));
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = redactor(options.secrets ?? []);
  const out: LineSink = options.destination ?? pino.destination({ dest: 1, sync: true });
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const format = pretty
    ? prettyFactory({
        colorize: options.destination === undefined && process.stdout.isTTY === true,
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
        ignore: 'pid,hostname',
      })
    : (line: string) => line;
  // Typed as pino's: the configuration's levels (app/config.ts LOG_LEVELS) must be pino's own.
  const level: LevelWithSilent = options.level ?? 'info';
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    { write: (line: string) => void out.write(format(redact(line))) },
  );
}

/** A logger that writes nothing: for code that logs where no one listens (tests, tools). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
