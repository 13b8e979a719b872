/**
 * The configuration file: `.env` in the project's root is read at start (app/config.ts
 * loadEnvFile, Node's process.loadEnvFile), without overriding what the environment already
 * sets; `.env.example` and the README's Configuration table name every variable app/config.ts
 * reads; `.env` is kept out of git.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_FILE, ENV_NAMES, loadEnvFile, readConfig } from '../../app/config';
import { tempDir } from '../support/db';

const root = fileURLToPath(new URL('../..', import.meta.url));
const VARIABLES = [...new Set(Object.values(ENV_NAMES))];
/** Names of this test only, removed after each test. */
const OWN = ['DUBAN_ENV_TEST_A', 'DUBAN_ENV_TEST_B', 'DUBAN_ENV_TEST_EMPTY', 'DUBAN_ENV_TEST_QUOTED'];

afterEach(() => {
  for (const name of OWN) delete process.env[name];
});

describe('.env', () => {
  it('fills in what the environment does not set; what it sets wins, even when empty', () => {
    const file = join(tempDir(), '.env');
    writeFileSync(
      file,
      [
        '# a comment',
        'DUBAN_ENV_TEST_A=from the file',
        'DUBAN_ENV_TEST_B=from the file',
        'DUBAN_ENV_TEST_EMPTY=from the file',
        'DUBAN_ENV_TEST_QUOTED="a # b"',
        '',
      ].join('\n'),
    );
    process.env.DUBAN_ENV_TEST_B = 'from the environment';
    process.env.DUBAN_ENV_TEST_EMPTY = '';
    expect(loadEnvFile(file)).toBe(file);
    expect(process.env.DUBAN_ENV_TEST_A).toBe('from the file');
    expect(process.env.DUBAN_ENV_TEST_B).toBe('from the environment');
    expect(process.env.DUBAN_ENV_TEST_EMPTY).toBe('');
    expect(process.env.DUBAN_ENV_TEST_QUOTED).toBe('a # b');
  });

  it('a missing file is no error and changes nothing', () => {
    const before = { ...process.env };
    expect(loadEnvFile(join(tempDir(), '.env'))).toBeNull();
    expect(process.env).toEqual(before);
  });

  it('is the one beside package.json, not in the working directory', () => {
    expect(dirname(ENV_FILE)).toBe(root.replace(/\/$/, ''));
    expect(existsSync(join(dirname(ENV_FILE), 'package.json'))).toBe(true);
  });

  it('settings read from a file reach the configuration', () => {
    const file = join(tempDir(), '.env');
    writeFileSync(file, 'LOG_LEVEL=debug\nHTTPS_PROXY=socks5h://127.0.0.1:1080\nDUBAN_ADMINS=11,22\n');
    const names = ['LOG_LEVEL', 'HTTPS_PROXY', 'https_proxy', 'DUBAN_ADMINS'];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    try {
      for (const name of names) delete process.env[name];
      loadEnvFile(file);
      const config = readConfig(process.env);
      expect(config.log.level).toBe('debug');
      expect(config.proxy.https).toBe('socks5h://127.0.0.1:1080');
      expect(config.admins).toEqual([11, 22]);
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it('is ignored by git', () => {
    const ignored = readFileSync(join(root, '.gitignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toContain('.env');
    expect(ignored).not.toContain('.env*');
  });
});

describe('every variable documented', () => {
  it('.env.example lists each variable app/config.ts reads, with a comment, and no other', () => {
    const text = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect(new Set(listed)).toEqual(new Set(VARIABLES));
    // Each is explained by the comment lines right above it (or above the group it starts).
    const lines = text.split('\n');
    for (const name of VARIABLES) {
      let i = lines.findIndex((line) => new RegExp(`^#?\\s*${name}=`).test(line)) - 1;
      while (i >= 0 && /^#\s*[A-Z][A-Z0-9_]*=/.test(lines[i]!)) i--;
      expect(lines[i], name).toMatch(/^# [A-Za-z(]/);
    }
    // A copy of it changes nothing: every setting is commented out.
    expect(text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
  });

  it("the README's Configuration table has a row for each", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]!);
    expect(new Set(rows)).toEqual(new Set(VARIABLES));
  });
});
