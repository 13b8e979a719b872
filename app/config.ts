/**
 * All settings, read from the environment once at start and validated (core/config.ts).
 * On failure every problem is printed, naming the variable, and the process exits.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, ENV_NAMES, type Config } from '../core/config';

export { ENV_NAMES, type Config };

/** The lowercase spelling of a variable when it is set, else the uppercase one (curl's rule). */
function eitherCase(env: NodeJS.ProcessEnv, name: string): { name: string; value: string | undefined } {
  const lower = blankToUndefined(env[name.toLowerCase()]);
  return lower !== undefined ? { name: name.toLowerCase(), value: lower } : { name, value: blankToUndefined(env[name]) };
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/** The nearest folder up from this file that holds package.json: the project, run from the sources (app/) or compiled (dist/app/). */
function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(here);
  }
}

/** The project's `.env`: beside package.json, whatever the working directory. */
export const ENV_FILE = join(projectRoot(), '.env');

/**
 * Reads a `.env` file into process.env when it exists (Node's process.loadEnvFile): variables
 * already set, even to an empty value, keep their value. Returns the file read, or null.
 */
export function loadEnvFile(file: string = ENV_FILE): string | null {
  if (!existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const proxies = {
    https: eitherCase(env, 'HTTPS_PROXY'),
    http: eitherCase(env, 'HTTP_PROXY'),
    all: eitherCase(env, 'ALL_PROXY'),
    noProxy: eitherCase(env, 'NO_PROXY'),
  };
  const result = configSchema.safeParse({
    telegram: {
      botToken: blankToUndefined(env.BOT_TOKEN),
      apiRoot: blankToUndefined(env.TELEGRAM_API_ROOT),
      uploadMb: blankToUndefined(env.TELEGRAM_UPLOAD_MB),
    },
    database: { file: blankToUndefined(env.DUBAN_DB), filesDir: blankToUndefined(env.DUBAN_FILES) },
    admins: blankToUndefined(env.DUBAN_ADMINS),
    sandbox: {
      databaseFile: blankToUndefined(env.SANDBOX_DB),
      host: blankToUndefined(env.SANDBOX_HOST),
      port: blankToUndefined(env.SANDBOX_PORT),
    },
    log: { level: blankToUndefined(env.LOG_LEVEL)?.trim().toLowerCase() },
    proxy: { https: proxies.https.value, http: proxies.http.value, all: proxies.all.value, noProxy: proxies.noProxy.value },
  });
  if (result.success) return result.data;
  // The spelling that was set (https_proxy or HTTPS_PROXY), for the messages.
  const names: Record<string, string> = { ...ENV_NAMES };
  for (const [key, { name }] of Object.entries(proxies)) names[`proxy.${key}`] = name;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const name = names[path] ?? path;
    return `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
