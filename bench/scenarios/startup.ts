/**
 * Scenario 7 (issue 16): start-up time, from the source through tsx (`npm start`: tsx
 * app/main.ts) and compiled (`npm run start:prod`, the container and the systemd unit: node
 * dist/app/main.js). Each run starts a fresh process on a fresh database (so the migrations are
 * part of the start) against a fresh emulator in which the admin's /help already waits; the time
 * is from spawning the process to the bot's answer appearing in the chat: loading the code,
 * migrating, the lock, getMe, the first getUpdates and the handling of the update.
 * Runs alternate between the two, so a busy moment of the machine hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../sandbox/emulator';
import { BOT_ENTRY, ensureBuilt, ROOT } from '../../deploy/build';
import { figure, percentile, type Scenario } from '../lib';
import { NODE_FLAGS } from '../../app/node-flags';

const ADMIN = 1001;

const MODES = {
  tsx: { label: 'tsx (npm start)', command: [join(ROOT, 'node_modules/.bin/tsx'), 'app/main.ts'] },
  compiled: { label: 'compiled (npm run start:prod)', command: [process.execPath, '--enable-source-maps', ...NODE_FLAGS, BOT_ENTRY] },
} as const;
type Mode = keyof typeof MODES;

/** One start: milliseconds from spawn to the answer to /help. */
async function startOnce(mode: Mode): Promise<number> {
  const emulator = await startEmulator({ users: [{ id: ADMIN, firstName: '管理员', languageCode: 'zh-hans', hasStartedBots: true }] });
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-startup-'));
  const [file, ...args] = MODES[mode].command;
  try {
    const sent = emulator.sendText(ADMIN, '/help');
    const answered = emulator.waitForBotMessage(ADMIN, () => true, { since: sent.message_id, timeoutMs: 60_000 });
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: ROOT,
      // Only what the bot needs: no NODE_OPTIONS or loaders of this process.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DUBAN_DB: join(dir, 'duban.sqlite'),
        DUBAN_ADMINS: String(ADMIN),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await Promise.race([
        answered,
        exited.then((code) => Promise.reject(new Error(`${mode}: exited with ${code} before answering: ${stderr.slice(-500)}`))),
      ]);
      return performance.now() - started;
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const startupScenario: Scenario = {
  name: 'startup',
  description: 'start-up to the first answered update: tsx (npm start) against compiled JavaScript (npm run start:prod)',
  async run({ smoke, log }) {
    const problems: string[] = [];
    if (ensureBuilt(log)) log('built dist/ (it was older than the sources)');
    const runs = smoke ? 2 : 7;
    const times: Record<Mode, number[]> = { tsx: [], compiled: [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of (i % 2 === 0 ? ['tsx', 'compiled'] : ['compiled', 'tsx']) as Mode[]) {
        try {
          times[mode].push(await startOnce(mode));
        } catch (error) {
          problems.push(String((error as Error)?.message ?? error));
        }
      }
    }
    log(`tsx: ${times.tsx.map((t) => Math.round(t)).join(', ')} ms; compiled: ${times.compiled.map((t) => Math.round(t)).join(', ')} ms`);
    return {
      figures: [
        figure(`${MODES.tsx.label}: first answer, median`, percentile(times.tsx, 50), 'ms'),
        figure(`${MODES.tsx.label}: first answer, max`, Math.max(...times.tsx), 'ms'),
        figure(`${MODES.compiled.label}: first answer, median`, percentile(times.compiled, 50), 'ms', { op: '<', limit: 1000 }),
        figure(`${MODES.compiled.label}: first answer, max`, Math.max(...times.compiled), 'ms'),
        figure('runs of each', runs, ''),
      ],
      problems,
      notes: [
        'time = from spawning the process to its answer to a /help queued in the emulator before the start (fresh database: migrations included), over HTTP on loopback',
        'tsx is timed as the tsx command (what npm start runs), without npm itself in front',
      ],
    };
  },
};
