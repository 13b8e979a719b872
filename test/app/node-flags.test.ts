/**
 * Production runs the bot's Node with app/node-flags.ts's flags wherever it starts it: the
 * npm script, the container and the systemd unit each say them on their command line; the
 * bench's bot processes take the list itself.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../app/node-flags';

const root = new URL('../..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The words of a command line between the node binary and the entry file, source maps aside. */
function flagsOf(command: string[]): string[] {
  const node = command.findIndex((word) => /(^|\/)node$/.test(word));
  const entry = command.findIndex((word) => word.endsWith('dist/app/main.js'));
  expect(node).toBeGreaterThanOrEqual(0);
  expect(entry).toBeGreaterThan(node);
  return command.slice(node + 1, entry).filter((word) => word !== '--enable-source-maps');
}

describe('NODE_FLAGS', () => {
  it('are flags Node takes', () => {
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    // V8's own flags are not all in allowedNodeEnvironmentFlags: Node says so by refusing to start ("bad option", exit 9).
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-e', 'process.stdout.write("started")'], { encoding: 'utf8' })).toBe('started');
    expect(() => execFileSync(process.execPath, ['--no-such-v8-flag-at-all', '-e', '0'], { stdio: 'pipe' })).toThrow(/bad option/);
  });

  it('are what npm run start:prod, the container and the systemd unit start the bot with', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(flagsOf(scripts['start:prod']!.split(' '))).toEqual(NODE_FLAGS);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(read('deploy/Dockerfile'))![1]!) as string[];
    expect(flagsOf(cmd)).toEqual(NODE_FLAGS);
    const execStart = /^ExecStart=(.*)$/m.exec(read('deploy/systemd/duban.service'))![1]!;
    expect(flagsOf(execStart.split(' '))).toEqual(NODE_FLAGS);
  });

  it('are what npm run bench runs the bench with: the scenarios measured in its own process (summaries, import, dispatch) too', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['bench', 'bench:smoke', 'bench:readme']) {
      const words = scripts[name]!.split(' ');
      expect(words.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
      expect(words.slice(3, 3 + NODE_FLAGS.length)).toEqual(NODE_FLAGS);
      expect(words[3 + NODE_FLAGS.length]).toBe('bench/run.ts');
    }
  });

  it("are what the bench's bot processes run with", () => {
    expect(read('bench/scenarios/reports.ts')).toMatch(/execArgv: \[[^\]]*\.\.\.NODE_FLAGS,/);
    expect(read('bench/scenarios/planning.ts')).toMatch(/\['--import', 'tsx', \.\.\.NODE_FLAGS, script/);
    expect(read('bench/growth.ts')).toMatch(/\['--import', 'tsx', \.\.\.NODE_FLAGS, CHILD,/);
  });
});
