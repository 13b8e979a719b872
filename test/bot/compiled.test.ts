/**
 * What the container runs, run here without Docker: the compiled JavaScript (npm run build, in
 * dist/), started with the very commands of deploy/Dockerfile (its CMD and its HEALTHCHECK),
 * from the repository's root as from the image's /app, with no tsx anywhere, against the
 * Telegram emulator with BOT_TOKEN set.
 *
 * dist/ is built in beforeAll when it is older than the sources (deploy/build.ts
 * buildIsCurrent), so `npm test` works on a fresh clone; .ci/run builds first, so in CI this
 * file finds it current. Only this file builds: two files building at once would write over
 * each other's dist/.
 *
 * The waits here are for the children's output and exits, not sleeps.
 */
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensureBuilt, ROOT } from '../../deploy/build';
import { startEmulator } from '../../sandbox/emulator';
import { openDatabase } from '../../db';
import { NODE_FLAGS } from '../../app/node-flags';
import { outbox, people } from '../../db/schema';
import { tempDir } from '../support/db';
import { spawnNode, type Child } from '../support/processes';
import { Document, Packer, Paragraph } from 'docx';
import { linesPdf } from '../faults/support/pdf-files';

const DOCKERFILE = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');
/** The container's commands, as the Dockerfile says them (exec form: JSON arrays). */
const BOT_COMMAND = JSON.parse(DOCKERFILE.match(/^CMD (\[.*\])$/m)![1]!) as string[];
const HEALTH_COMMAND = JSON.parse(DOCKERFILE.match(/^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m)![1]!) as string[];
const ADMIN = 1001;

/** The container's environment: nothing of this test process's (no NODE_OPTIONS, no loaders). */
function containerEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...extra };
}

function run(command: string[], env: NodeJS.ProcessEnv): Child {
  const [file, ...args] = command;
  expect(file).toBe('node');
  return spawnNode(args, { cwd: ROOT, env });
}

async function health(env: NodeJS.ProcessEnv, extra: string[] = []) {
  const check = run([...HEALTH_COMMAND, ...extra], env);
  const { code } = await check.exited;
  return { code, output: check.output() };
}

function until(condition: () => boolean, describe: () => string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const done = condition();
      const late = Date.now() - started > timeoutMs;
      if (done || late) clearInterval(timer);
      if (done) resolve();
      else if (late) reject(new Error(`gave up waiting: ${describe()}`));
    }, 50);
  });
}

beforeAll(() => {
  ensureBuilt((line) => console.log(line));
}, 240_000);

describe('the compiled bot, as the container runs it', () => {
  it('the Dockerfile runs dist/app/main.js and checks health with dist/bin/main.js status', () => {
    expect(BOT_COMMAND).toEqual(['node', '--enable-source-maps', ...NODE_FLAGS, 'dist/app/main.js']);
    expect(HEALTH_COMMAND).toEqual(['node', 'dist/bin/main.js', 'status']);
  });

  it('answers over the emulator; the health check says healthy, then unhealthy once SIGTERM stopped it (within 10 s)', async () => {
    const emulator = await startEmulator({ users: [{ id: ADMIN, firstName: '管理员', languageCode: 'zh-hans', hasStartedBots: true }] });
    onTestFinished(() => emulator.close());
    const dir = tempDir();
    const env = containerEnv({
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DUBAN_DB: join(dir, 'duban.sqlite'),
      DUBAN_ADMINS: String(ADMIN),
    });
    const bot = run(BOT_COMMAND, env);
    await until(() => bot.output().includes('is polling Telegram'), bot.output);
    const sent = emulator.sendText(ADMIN, '/help');
    const reply = await emulator.waitForBotMessage(ADMIN, () => true, { since: sent.message_id, timeoutMs: 20_000 });
    expect(reply.text).toContain('/import');

    const healthy = await health(env);
    expect(healthy.code).toBe(0);
    expect(healthy.output).toMatch(/^healthy: .*duban\.sqlite at /);
    expect(healthy.output).toContain(`lock: held; lease: bot, process ${bot.process.pid} on `);
    const json = await health(env, ['--json']);
    expect(JSON.parse(json.output)).toMatchObject({
      healthy: true,
      problems: [],
      lock: { held: true, holder: { role: 'bot', pid: bot.process.pid } },
    });

    const stopping = Date.now();
    bot.process.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - stopping).toBeLessThan(10_000);
    const stopped = await health(env);
    expect(stopped.code).toBe(1);
    expect(stopped.output).toMatch(/^UNHEALTHY: .*\n {2}problem: no bot is running on .*duban\.sqlite \(nobody holds its lock\)/);
  }, 90_000);

  it('SIGTERM during a dispatch: exits within 10 s, and the restarted bot sends the rest, nothing lost', async () => {
    // More than the 5 s a stop waits for the scheduler can send at 30 a second.
    const CHATS = 250;
    const users = Array.from({ length: CHATS }, (_, i) => ({
      id: 20_000 + i,
      firstName: `联络员${i}`,
      languageCode: 'zh-hans',
      hasStartedBots: true,
    }));
    const emulator = await startEmulator({ users });
    onTestFinished(() => emulator.close());
    const file = join(tempDir(), 'duban.sqlite');
    const database = openDatabase(file);
    const now = new Date();
    // Messages that render without a plan: the "no holiday data" notice for a far year (as in the kill -9 drill).
    for (const user of users) {
      const person = database.db.insert(people).values({ telegramId: user.id, chatId: user.id, name: user.firstName }).returning().get();
      database.db
        .insert(outbox)
        .values({
          key: `stop|${user.id}`,
          personId: person.id,
          chatId: user.id,
          kind: 'calendar-missing',
          sendAfter: now,
          payload: { year: 2099 },
        })
        .run();
    }
    database.close();
    const env = containerEnv({ BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DUBAN_DB: file });
    const delivered = () => emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response?.ok);

    const first = run(BOT_COMMAND, env);
    await until(
      () => delivered().length >= 20,
      () => `${delivered().length} delivered; ${first.output()}`,
    );
    const stopping = Date.now();
    first.process.kill('SIGTERM');
    const { code, at } = await first.exited;
    expect(code).toBe(0);
    expect(at - stopping).toBeLessThan(10_000);
    const sqlite = new Database(file, { readonly: true });
    const states = sqlite.prepare('select status, count(*) as n from outbox group by status').all() as { status: string; n: number }[];
    sqlite.close();
    // Stopped mid-way; nothing given up: every row is sent, or waits (a row left "sending" goes back to pending at the next start).
    expect(states.every((s) => ['sent', 'pending', 'sending'].includes(s.status))).toBe(true);
    expect(states.find((s) => s.status === 'sent')?.n ?? 0).toBeLessThan(CHATS);

    const second = run(BOT_COMMAND, env);
    const check = () => {
      const reader = new Database(file, { readonly: true });
      try {
        return (reader.prepare("select count(*) as n from outbox where status = 'sent'").get() as { n: number }).n;
      } finally {
        reader.close();
      }
    };
    await until(
      () => check() === CHATS,
      () => `${check()} of ${CHATS} sent; ${second.output()}`,
    );
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const perChat = new Map<number, number>();
    for (const call of delivered()) {
      const chat = Number((call.params as { chat_id: number }).chat_id);
      perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    }
    expect(perChat.size).toBe(CHATS);
    // At most the one message in flight at the stop went twice.
    expect([...perChat.values()].reduce((n, count) => n + count - 1, 0)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('refuses, with a message, a database a newer duban migrated', async () => {
    const file = join(tempDir(), 'duban.sqlite');
    openDatabase(file).close();
    const sqlite = new Database(file);
    sqlite.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-the-future', Date.now() * 2);
    sqlite.close();
    const bot = run(
      BOT_COMMAND,
      containerEnv({ BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_API_ROOT: 'http://127.0.0.1:9', DUBAN_DB: file }),
    );
    expect((await bot.exited).code).toBe(1);
    expect(bot.output()).toMatch(/newer than this duban's version \d+: a newer duban migrated it\. Run that version/);
    expect(bot.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 30_000);

  it("the compiled document worker (dist/plans/document-worker.js) reads a .docx and a PDF: the command line's dry run", async () => {
    const lines = [
      '一、工作任务',
      '（一）报送信用信息。（责任单位：办公室；完成时限：每月10日前）',
      '（二）公示行政许可信息。（责任单位：法规科；完成时限：7个工作日内）',
    ];
    const dir = tempDir();
    writeFileSync(
      join(dir, 'plan.docx'),
      await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] })),
    );
    writeFileSync(join(dir, 'plan.pdf'), await linesPdf(lines));
    for (const file of ['plan.docx', 'plan.pdf']) {
      const dryRun = run(['node', 'dist/bin/main.js', 'import', join(dir, file), '--dry-run', '--json'], containerEnv({}));
      expect((await dryRun.exited).code, dryRun.output()).toBe(0);
      const preview = JSON.parse(dryRun.output()) as { tasks: { requirements: { lead: string[] }[] }[] };
      expect(
        preview.tasks.flatMap((t) => t.requirements.flatMap((r) => r.lead)),
        file,
      ).toEqual(['办公室', '法规科']);
    }
  }, 30_000);

  it('the compiled command line: --version, status --help', async () => {
    const env = containerEnv({});
    const version = run(['node', 'dist/bin/main.js', '--version'], env);
    expect((await version.exited).code).toBe(0);
    expect(version.output()).toBe(
      `duban ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    const help = run(['node', 'dist/bin/main.js', 'status', '--help'], env);
    expect((await help.exited).code).toBe(0);
    expect(help.output()).toContain('Usage: duban status [--json]');
  });
});
