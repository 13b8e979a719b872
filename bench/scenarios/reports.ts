/**
 * Scenario 4: 500 liaisons completing /report at the same time, through the emulator, with the
 * real bot (createBot, polling over HTTP) on the demo plan plus 500 synthetic liaisons of the
 * demo's units. The bot's handling time per update is measured by wrapping bot.handleUpdate
 * (createBot installs its middleware itself, so a timing middleware could not go first).
 * Each liaison i serves unit i mod U and reports the (i div U)-th item of the unit's /report
 * list (wrapping round when a unit has more liaisons than items), found by its label page by
 * page, so every distinct unit × item picked must end as one stored report.
 */
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { performance } from 'node:perf_hooks';
import { startEmulator, type TranscriptEntry } from '../../sandbox/emulator';
import { seedDemo } from '../../sandbox/demo/seed';
import { createBot } from '../../bot/create-bot';
import { startPolling } from '../../bot/polling';
import { ManualClock } from '../../core/clock';
import { readConfig } from '../../app/config';
import { circled } from '../../core/format';
import { reportChoices } from '../../bot/report/choices';
import { loadCalendar } from '../../schedules/planner-store';
import { figure, measure, percentile, tempDatabase, type Scenario } from '../lib';

const FIRST_USER = 800_001;
const TIMEOUT_MS = 180_000;
/** Monday 2 March 2026, 10:00 in Shanghai: the March period is open. */
const NOW = new Date('2026-03-02T02:00:00Z');

function labels(entry: TranscriptEntry): string[][] {
  return (entry.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

export const reportsScenario: Scenario = {
  name: 'reports',
  description: '500 liaisons completing /report at once through the emulator with the real bot',
  async run({ scale, log }) {
    const liaisons = Math.max(10, Math.round(500 * scale));
    const problems: string[] = [];
    const database = tempDatabase();
    const clock = new ManualClock(NOW);
    await seedDemo(database.db, { year: 2026, now: NOW });
    const sqlite = database.sqlite;
    // Units of the demo with something to report now, and the items of their /report list
    // (not every assigned requirement is: one due only at the year's end is not on March's list).
    const calendar = loadCalendar(database.db);
    const unitRows = (sqlite.prepare('select id, name from units order by id').all() as { id: number; name: string }[])
      .map((unit) => ({
        id: unit.id,
        items: reportChoices(database.db, [unit], NOW, calendar).map((c) => `${c.requirement.taskNumber}${circled(c.requirement.index)}`),
      }))
      .filter((unit) => unit.items.length > 0);
    const users = Array.from({ length: liaisons }, (_, i) => ({
      id: FIRST_USER + i,
      firstName: `联络员${i + 1}`,
      languageCode: 'zh-hans',
      hasStartedBots: true,
    }));
    const t0 = NOW.getTime();
    const plan: { userId: number; unitId: number; item: string }[] = [];
    const insertPerson = sqlite.prepare('insert into people (telegram_id, chat_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)');
    const insertRole = sqlite.prepare(
      `insert into roles (person_id, role, unit_id, created_at, updated_at) values (?, 'liaison', ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      // Round-robin over the units; each liaison of a unit takes its next requirement, wrapping
      // round when the unit has fewer requirements than liaisons (then reports are shared).
      const used = new Map<number, number>();
      for (const [i, user] of users.entries()) {
        const unit = unitRows[i % unitRows.length]!;
        const taken = used.get(unit.id) ?? 0;
        used.set(unit.id, taken + 1);
        const item = unit.items[taken % unit.items.length]!;
        const personId = Number(insertPerson.run(user.id, user.id, user.firstName, t0, t0).lastInsertRowid);
        insertRole.run(personId, unit.id, t0, t0);
        plan.push({ userId: user.id, unitId: unit.id, item });
      }
    })();
    const capacity = unitRows.reduce((n, r) => n + r.items.length, 0);
    const distinct = new Set(plan.map((p) => `${p.unitId}|${p.item}`)).size;
    log(`${liaisons} liaisons over ${unitRows.length} demo units (${capacity} unit-requirements)`);

    const emulator = await startEmulator({
      users,
      // People type faster here than people do: relaxed per chat as in test/support/e2e.ts, and
      // per bot too (messages and answers to presses: 500 people pressing at once are far above
      // the emulator's 30 answerCallbackQuery a second), so the figure is the bot's handling and
      // not Telegram's limits.
      floodLimits: { perPrivateChat: { burst: 20, perSecond: 5 }, perBot: false, methods: { answerCallbackQuery: false } },
    });
    const errors: unknown[] = [];
    const { bot } = createBot({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      deps: { db: database.db, config: readConfig({}), clock, files: new FileStore(fileStoreRoot(database.file)) },
      onError: (e) => errors.push(e),
    });
    const handling: number[] = [];
    const original = bot.handleUpdate.bind(bot);
    bot.handleUpdate = async (update, webhook) => {
      const start = performance.now();
      try {
        return await original(update, webhook);
      } finally {
        handling.push(performance.now() - start);
      }
    };
    const polling = startPolling(bot, { db: database.db, clock, warn: (line) => errors.push(new Error(line)) });
    await emulator.waitForEvent('polling', () => true, { timeoutMs: TIMEOUT_MS });

    const send = async (userId: number, text: string) => {
      const message = emulator.sendText(userId, text);
      return emulator.waitForBotMessage(userId, undefined, { since: message.message_id, timeoutMs: TIMEOUT_MS });
    };
    const press = async (userId: number, entry: TranscriptEntry, label: string) => {
      const latest = emulator.transcript(userId).at(-1)?.message_id ?? 0;
      const reply = emulator.waitForBotMessage(userId, undefined, { since: latest, timeoutMs: TIMEOUT_MS });
      emulator.pressButton(userId, { messageId: entry.message_id, text: label });
      return reply;
    };
    /** The label of the list's button for an item ("4① 落实月报制度 · 3月10日"), if it is on this page. */
    const itemButton = (list: TranscriptEntry, item: string) =>
      labels(list)
        .flat()
        .find((label) => label.replace(/^✓ /, '').startsWith(`${item} `));
    /** Presses a button that edits its own message (a page turn); resolves with the edited entry. */
    const turn = (userId: number, entry: TranscriptEntry, label: string) =>
      new Promise<TranscriptEntry>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no page turn in chat ${userId}`));
        }, TIMEOUT_MS);
        const off = emulator.on('message', (event) => {
          if (event.kind === 'edited' && event.chatId === userId && event.entry.message_id === entry.message_id) {
            clearTimeout(timer);
            off();
            resolve(event.entry);
          }
        });
        emulator.pressButton(userId, { messageId: entry.message_id, text: label });
      });

    const done: number[] = [];
    const failures: string[] = [];
    const converse = async ({ userId, item }: { userId: number; item: string }) => {
      let list = await send(userId, '/report');
      let button = itemButton(list, item);
      while (!button && labels(list).flat().includes('下一页 ▶')) {
        list = await turn(userId, list, '下一页 ▶');
        button = itemButton(list, item);
      }
      if (!button) throw new Error(`no item ${item} on the list's last page: ${JSON.stringify(labels(list))}`);
      let entry = await press(userId, list, button);
      for (let step = 0; step < 8; step++) {
        const text = entry.text ?? '';
        const flat = labels(entry).flat();
        if (text.startsWith('✅')) return;
        if (flat.includes('已完成')) entry = await press(userId, entry, '已完成');
        else if (text.includes('请用一两句话')) entry = await send(userId, '本月工作按计划推进，已完成阶段任务。');
        else if (text.includes('请输入数字')) entry = await send(userId, '3');
        else if (flat.includes('✅ 提交')) entry = await press(userId, entry, '✅ 提交');
        else if (flat.includes('跳过')) entry = await press(userId, entry, '跳过');
        else throw new Error(`unexpected step: ${JSON.stringify(text)} ${JSON.stringify(flat)}`);
      }
      throw new Error(`no confirmation after 8 steps: ${JSON.stringify(entry.text)}`);
    };

    try {
      const run = await measure(() =>
        Promise.all(
          plan.map(async (p) => {
            const started = performance.now();
            try {
              await converse(p);
              done.push(performance.now() - started);
            } catch (error) {
              failures.push(`${p.userId} (unit ${p.unitId}, item ${p.item}): ${String((error as Error)?.message ?? error)}`);
            }
          }),
        ),
      );
      const stored = (
        sqlite
          .prepare('select count(*) as n from reports where reported_by in (select id from people where telegram_id >= ?)')
          .get(FIRST_USER) as { n: number }
      ).n;
      const savedBy = (sqlite.prepare('select count(distinct reported_by) as n from reports').get() as { n: number }).n;
      // Bot API calls the emulator refused (a 429 makes the handler wait out its retry_after).
      const refused = new Map<string, number>();
      for (const call of emulator.botCalls()) {
        if (call.response && !call.response.ok) {
          const key = `${call.method} ${call.response.error_code}`;
          refused.set(key, (refused.get(key) ?? 0) + 1);
        }
      }
      for (const failure of failures.slice(0, 20)) log(`failed: ${failure}`);
      if (failures.length > 0) problems.push(`${failures.length} conversation(s) failed, e.g. ${failures.slice(0, 3).join(' | ')}`);
      // Two liaisons of one unit on one item share a report row (the later one updates it).
      if (stored !== distinct) problems.push(`${stored} reports stored, expected ${distinct} (distinct unit × requirement picked)`);
      if (done.length !== liaisons) problems.push(`${done.length} of ${liaisons} conversations reached the confirmation`);
      if (errors.length > 0) problems.push(`${errors.length} handler error(s), e.g. ${String((errors[0] as Error)?.message ?? errors[0])}`);
      return {
        figures: [
          figure('liaisons', liaisons, ''),
          figure('conversations confirmed', done.length, ''),
          figure('reports stored', stored, ''),
          figure('  distinct unit × requirement', distinct, ''),
          figure('updates handled', handling.length, ''),
          figure('handling p50', percentile(handling, 50), 'ms'),
          figure('handling p99', percentile(handling, 99), 'ms', { op: '<', limit: 10 }),
          figure('handling max', Math.max(...handling), 'ms'),
          figure('conversation p50 (wall)', percentile(done, 50), 'ms'),
          figure('all conversations (wall)', run.ms / 1000, 's'),
          figure('peak RSS', run.peakRssMb, 'MB'),
        ],
        problems,
        notes: [
          `the demo has ${unitRows.length} units with requirements and ${capacity} unit-requirements; ${savedBy} distinct reporters in the reports table`,
          "handling time = bot.handleUpdate, including the bot's own Bot API calls to the emulator and any wait behind an earlier update of the same chat; updates of different chats are handled at once (@grammyjs/runner, bot/polling.ts)",
          `CPU ${(run.cpuMs / 1000).toFixed(1)} s for the whole run (bot, emulator and the simulated people share the process): ${(run.cpuMs / handling.length).toFixed(2)} ms per update handled`,
          `Bot API calls refused: ${refused.size === 0 ? 'none' : [...refused].map(([k, n]) => `${k} × ${n}`).join(', ')}`,
        ],
      };
    } finally {
      await polling.stop();
      await emulator.close();
      database.dispose();
    }
  },
};
