/**
 * The command line's own manners: `--help` for the whole and for every command, `--version`,
 * `--json` from every command that prints results, and the documented exit codes
 * (0 done, 1 failed or refused, 2 wrong usage).
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMMANDS, main, type CliIo } from '../../bin/cli';
import { tempDir } from '../support/db';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const MIGRATIONS = (JSON.parse(readFileSync(join(root, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries
  .length;
const ALL = ['deadline', 'import', 'reminders', 'export', 'pack', 'backup', 'restore', 'status', 'units', 'help', 'version'];

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, now: () => new Date('2026-03-02T02:00:00Z') };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('duban --help and --version', () => {
  it('knows these commands', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...ALL].sort());
  });

  it('duban --help, -h and help list every command with the exit codes, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await cli(args);
      expect(result).toMatchObject({ code: 0, err: '' });
      for (const name of ALL) expect(result.out).toContain(COMMANDS[name]!.usage);
      expect(result.out).toContain('Exit codes: 0 done (status: healthy), 1 failed, refused or unhealthy, 2 wrong usage.');
    }
  });

  it.each(ALL.filter((name) => name !== 'help' && name !== 'version'))(
    'duban %s --help (and -h, and help %s) prints its usage and options, exit 0, touching nothing',
    async (name) => {
      // A database that does not exist stays so: help never opens it.
      const env = { DUBAN_DB: join(tempDir(), 'none', 'duban.sqlite') };
      for (const args of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
        [name, 'some-argument', '--help'],
      ]) {
        const result = await cli(args, env);
        expect(result).toMatchObject({ code: 0, err: '' });
        expect(result.out.startsWith(`Usage: ${COMMANDS[name]!.usage}\n${COMMANDS[name]!.summary}`)).toBe(true);
        expect(result.out).toContain('Exit codes:');
      }
      expect(existsSync(dirname(env.DUBAN_DB))).toBe(false);
    },
  );

  it('duban --version, -V and version print the package version, exit 0; --json adds the schema and Node', async () => {
    for (const args of [['--version'], ['-V'], ['version'], ['help', 'version']]) {
      const result = await cli(args);
      expect(result.code).toBe(0);
      if (args[0] !== 'help') expect(result.out).toBe(`duban ${VERSION}`);
    }
    expect(JSON.parse((await cli(['--version', '--json'])).out)).toEqual({
      name: 'duban',
      version: VERSION,
      schema: MIGRATIONS,
      node: process.version,
    });
    for (const args of [
      ['version', '--help'],
      ['--version', '-h'],
      ['help', '--version'],
    ]) {
      expect(await cli(args)).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: duban --version \[--json\]/) });
    }
  });

  it('wrong usage exits 2 with the usage on stderr', async () => {
    expect(await cli([])).toMatchObject({ code: 2, out: '', err: expect.stringContaining('Usage:') });
    expect(await cli(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringMatching(/^Unknown command "frobnicate"\.\nUsage:/) });
    expect(await cli(['help', 'frobnicate'])).toMatchObject({ code: 2 });
    expect(await cli(['toString', '--help'])).toMatchObject({ code: 2, err: expect.stringMatching(/^Unknown command "toString"/) });
    expect(await cli(['help', 'constructor'])).toMatchObject({ code: 2 });
    expect(await cli(['backup'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: duban backup FILE') });
    expect(await cli(['status', '--colour'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--colour'") });
    expect(await cli(['version', 'extra'])).toMatchObject({ code: 2 });
  });

  it('from the shell: npx duban --version and duban status --help exit 0', async () => {
    const version = await run('npx', ['--no-install', 'duban', '--version'], { cwd: root });
    expect(version.stdout).toBe(`duban ${VERSION}\n`);
    const help = await run('npx', ['--no-install', 'duban', 'status', '--help'], { cwd: root });
    expect(help.stdout).toContain('Usage: duban status [--json]');
  }, 30_000);
});

describe('--json from every command that prints results', () => {
  it('export, backup and units merge print one JSON document (deadline, import, reminders, restore and status: their own tests)', async () => {
    const dir = tempDir();
    const env = { DUBAN_DB: join(dir, 'duban.sqlite') };
    const plan = join(dir, 'plan.txt');
    writeFileSync(plan, '某局2026年信用工作要点\n(一)建立制度。(责任单位:局办公室,办公室)\n');
    expect((await cli(['import', plan], env)).code).toBe(0);

    const merged = await cli(['units', 'merge', '局办公室', '办公室', '--json'], env);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.out)).toEqual({ from: '局办公室', into: '办公室', assignmentsMoved: 1, reportsMoved: 0 });

    const backup = join(dir, 'backup.sqlite');
    const backedUp = await cli(['backup', backup, '--json'], env);
    expect(backedUp.code).toBe(0);
    expect(JSON.parse(backedUp.out)).toEqual({
      database: env.DUBAN_DB,
      target: backup,
      pages: expect.any(Number),
      files: expect.objectContaining({ referenced: 0, missing: 0 }),
    });

    const ledger = join(dir, 'ledger.xlsx');
    const exported = await cli(['export', '--out', ledger, '--json'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toEqual({ out: ledger, rows: 1, reports: 0 });
  });
});
