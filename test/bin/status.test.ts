/**
 * `duban status` on a real database (migrated by openDatabase, ticked by the real planner, its
 * lock held by the real instance lock), at times the test sets: healthy, then each way of being
 * unhealthy, and the --json report's shape.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { main, type CliIo } from '../../bin/cli';
import { openDatabase } from '../../db';
import { outbox, people } from '../../db/schema';
import { runPlanningTick, loadCalendar } from '../../schedules/planner-store';
import { acquireInstanceLock, type InstanceLock } from '../../app/instance-lock';
import { tempDir } from '../support/db';

/** Monday 2 March 2026, 10:00 in Shanghai. */
const TICK = new Date('2026-03-02T02:00:00Z');
const root = new URL('../..', import.meta.url).pathname;
const at = (ms: number) => new Date(TICK.getTime() + ms);
const MIN = 60_000;

async function status(file: string, now: Date, args: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { DUBAN_DB: file }, now: () => now };
  const code = await main(['status', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function report(file: string, now: Date) {
  const result = await status(file, now, ['--json']);
  return { code: result.code, report: JSON.parse(result.out) };
}

/** A database the scheduler ticked at TICK, with a bot holding its lock (heartbeat on the test's clock). */
function runningBot(options: { lock?: boolean } = {}) {
  const file = join(tempDir(), 'duban.sqlite');
  let heartbeatAt = TICK;
  let lock: InstanceLock | undefined;
  if (options.lock !== false) {
    lock = acquireInstanceLock(file, { now: () => heartbeatAt, pid: 4321, host: 'web1', every: () => () => undefined });
    onTestFinished(() => lock!.release());
  }
  const database = openDatabase(file);
  onTestFinished(() => database.close());
  // The first tick ever records where planning starts (and plans nothing).
  runPlanningTick(database.db, loadCalendar(database.db), TICK);
  return {
    file,
    db: database.db,
    lock,
    beat: (when: Date) => {
      heartbeatAt = when;
      lock!.beat();
    },
  };
}

function addPerson(db: ReturnType<typeof runningBot>['db'], telegramId: number, name: string, unreachableAt: Date | null = null) {
  return db.insert(people).values({ telegramId, chatId: telegramId, name, unreachableAt }).returning().get();
}

function addMessage(
  db: ReturnType<typeof runningBot>['db'],
  values: Partial<typeof outbox.$inferInsert> & { key: string; sendAfter: Date },
) {
  return db
    .insert(outbox)
    .values({
      chatId: 2001,
      kind: 'calendar-missing',
      payload: { year: 2099 },
      createdAt: values.sendAfter,
      updatedAt: values.sendAfter,
      ...values,
    })
    .returning()
    .get();
}

describe('duban status', () => {
  it('healthy: prints the whole report as JSON and exits 0', async () => {
    const bot = runningBot();
    const person = addPerson(bot.db, 2001, '王五');
    addPerson(bot.db, 2002, '李四', at(-3 * 24 * 60 * MIN));
    addMessage(bot.db, { key: 'a', personId: person.id, sendAfter: at(-20 * MIN) });
    addMessage(bot.db, {
      key: 'b',
      personId: person.id,
      kind: 'before-3',
      sendAfter: at(-10 * MIN),
      attempts: 2,
      lastError: 'Bad Gateway',
    });
    addMessage(bot.db, { key: 'c', personId: person.id, kind: 'before-3', sendAfter: at(5 * MIN) });
    addMessage(bot.db, {
      key: 'd',
      personId: person.id,
      kind: 'before-3',
      sendAfter: at(-2 * MIN),
      status: 'sent',
      messageId: 7,
      sentAt: at(-2 * MIN),
    });
    addMessage(bot.db, {
      key: 'e',
      personId: person.id,
      kind: 'due',
      chatId: 2002,
      sendAfter: at(-5 * MIN),
      status: 'failed',
      lastError: 'Forbidden: bot was blocked by the user',
    });
    bot.beat(at(55_000));
    const { code, report: json } = await report(bot.file, at(58_000));
    expect(code).toBe(0);
    expect(json).toEqual({
      healthy: true,
      problems: [],
      warnings: [
        '1 message(s) failed to send and wait for another attempt',
        '1 message(s) failed for good (the latest: due to chat 2002: Forbidden: bot was blocked by the user)',
        '1 person(s) unreachable (blocked the bot): 李四',
        'no holiday calendar for 2027: plain weekends are assumed until an admin loads it (/calendar)',
      ],
      database: bot.file,
      checkedAt: '2026-03-02T10:00:58+08:00',
      schema: { version: expect.any(Number), expected: expect.any(Number) },
      lock: {
        held: true,
        holder: {
          role: 'bot',
          pid: 4321,
          host: 'web1',
          startedAt: '2026-03-02T10:00:00+08:00',
          heartbeatAt: '2026-03-02T10:00:55+08:00',
          heartbeatAgeSeconds: 3,
        },
      },
      scheduler: { lastTickAt: '2026-03-02T10:00:00+08:00', ageSeconds: 58 },
      outbox: {
        byStatus: { failed: 1, pending: 3, sent: 1 },
        byKind: { 'before-3': { pending: 2, sent: 1 }, 'calendar-missing': { pending: 1 }, due: { failed: 1 } },
        oldestDue: {
          id: 1,
          kind: 'calendar-missing',
          chatId: 2001,
          dueSince: '2026-03-02T09:40:00+08:00',
          ageSeconds: 1258,
          attempts: 0,
          lastError: null,
        },
        retrying: 1,
      },
      failed: {
        count: 1,
        latest: [{ id: 5, kind: 'due', chatId: 2002, error: 'Forbidden: bot was blocked by the user', at: '2026-03-02T09:55:00+08:00' }],
      },
      unreachable: { count: 1, people: [{ id: 2, name: '李四', since: '2026-02-27T10:00:00+08:00' }] },
      calendar: { missingYears: [2027] },
    });
    expect(json.schema.version).toBe(json.schema.expected);
  });

  it('the same as text for people', async () => {
    const bot = runningBot();
    addMessage(bot.db, { key: 'a', sendAfter: at(-20 * MIN) });
    const { code, out } = await status(bot.file, at(30_000));
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      `healthy: ${bot.file} at 2026-03-02T10:00:30+08:00`,
      `  lock: held; lease: bot, process 4321 on web1, started 2026-03-02T10:00:00+08:00, heartbeat 2026-03-02T10:00:00+08:00 (30 s ago)`,
      '  scheduler: last tick 2026-03-02T10:00:00+08:00 (30 s ago)',
      '  outbox: pending 1',
      '    calendar-missing: pending 1',
      '  oldest unsent due message: #1 calendar-missing to chat 2001, due since 2026-03-02T09:40:00+08:00 (21 min ago), 0 attempt(s)',
      '  failed messages: 0',
      '  people unreachable: 0',
      '  holiday calendar missing: 2027',
      '  warning: no holiday calendar for 2027: plain weekends are assumed until an admin loads it (/calendar)',
    ]);
  });

  it('unhealthy after 5 minutes without a scheduler tick', async () => {
    const bot = runningBot();
    bot.beat(at(5 * MIN));
    expect((await report(bot.file, at(5 * MIN))).code).toBe(0);
    bot.beat(at(5 * MIN + 1000));
    const { code, report: json } = await report(bot.file, at(5 * MIN + 1000));
    expect(code).toBe(1);
    expect(json).toMatchObject({ healthy: false, problems: ['no scheduler tick for 5 min (the last at 2026-03-02T10:00:00+08:00)'] });
    // The next tick makes it healthy again.
    runPlanningTick(bot.db, loadCalendar(bot.db), at(6 * MIN));
    bot.beat(at(6 * MIN));
    expect((await report(bot.file, at(6 * MIN + 1000))).code).toBe(0);
  });

  it('unhealthy while a message due over an hour ago is unsent', async () => {
    const bot = runningBot();
    addMessage(bot.db, { key: 'late', kind: 'overdue', chatId: 2009, sendAfter: at(-60 * MIN) });
    expect((await report(bot.file, TICK)).code).toBe(0);
    const { code, report: json } = await report(bot.file, at(1000));
    expect(code).toBe(1);
    expect(json.problems).toEqual([
      'a message due since 2026-03-02T09:00:00+08:00 (60 min ago) is still unsent: outbox #1, overdue to chat 2009',
    ]);
    expect(json.outbox.oldestDue).toMatchObject({ id: 1, ageSeconds: 3601 });
    // Sent: healthy again.
    bot.db
      .update(outbox)
      .set({ status: 'sent', messageId: 1, sentAt: at(2000) })
      .run();
    expect((await report(bot.file, at(3000))).code).toBe(0);
  });

  it('unhealthy when no bot runs, naming the last holder; when the holder hangs; when nothing ever ticked', async () => {
    const bot = runningBot();
    bot.lock!.release();
    const stopped = await status(bot.file, at(1000));
    expect(stopped.code).toBe(1);
    expect(stopped.out).toContain(`problem: no bot is running on ${bot.file} (nobody holds its lock)`);

    const hung = runningBot();
    hung.beat(at(30_000));
    expect((await report(hung.file, at(60_000))).code).toBe(0);
    const { code, report: json } = await report(hung.file, at(60_001));
    expect(code).toBe(1);
    expect(json.problems).toEqual([
      'the Duban bot (process 4321 on host web1, last heartbeat 30 s ago) holds the lock but its heartbeat stopped: it is hung',
    ]);

    const restoring = runningBot({ lock: false });
    const restore = acquireInstanceLock(restoring.file, {
      role: 'restore',
      now: () => TICK,
      pid: 77,
      host: 'web1',
      every: () => () => undefined,
    });
    onTestFinished(() => restore.release());
    expect((await report(restoring.file, at(1000))).report.problems).toEqual([
      'a restore is in progress (`duban restore` (process 77 on host web1, last heartbeat 1 s ago))',
    ]);

    const file = join(tempDir(), 'new.sqlite');
    openDatabase(file).close();
    const fresh = await report(file, TICK);
    expect(fresh.code).toBe(1);
    expect(fresh.report.problems).toEqual([
      `no bot is running on ${file} (nobody holds its lock)`,
      'the scheduler has never ticked on this database',
    ]);
    expect(fresh.report.lock).toEqual({ held: false, holder: null });
  });

  it('a bot killed with kill -9 leaves its lease row: named as the last holder, not counted as running', async () => {
    const bot = runningBot({ lock: false });
    // A real holder in another process, killed with SIGKILL once it holds the lock.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const m = await import('./app/instance-lock.ts'); m.acquireInstanceLock(${JSON.stringify(bot.file)}); console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    onTestFinished(() => void holder.kill('SIGKILL'));
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d) => String(d).includes('held') && resolve()));
    expect((await report(bot.file, new Date())).report.lock).toMatchObject({ held: true, holder: { pid: holder.pid } });
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const { code, out } = await status(bot.file, new Date());
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(
        `problem: no bot is running on ${bot.file.replace(/[.]/g, '\\.')} \\(nobody holds its lock; the last holder was Duban bot \\(process ${holder.pid} on host ${hostname()}, last heartbeat \\d+ s ago\\)\\)`,
      ),
    );
  });

  it('a database it cannot read is a failure (exit 1) with a message; a wrong option is a usage error (exit 2)', async () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.sqlite');
    expect(await status(missing, TICK)).toMatchObject({ code: 1, out: '', err: `${missing}: no such database` });
    expect(await status(missing, TICK, ['--verbose'])).toMatchObject({
      code: 2,
      err: expect.stringContaining("Unknown option '--verbose'"),
    });
  });
});
