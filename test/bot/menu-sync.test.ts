/**
 * The command menus at start (bot/commands.ts syncCommandMenus), against the Bot API emulator
 * with an Api without auto-retry (as app/main.ts uses): one person's refusal never stops the
 * others, a person with no role left gets their menu deleted, and Telegram failing as a whole
 * is tried again after waits that are recorded, never slept.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { Api } from 'grammy';
import { and, eq } from 'drizzle-orm';
import { startEmulator } from '../../sandbox/emulator';
import { DEMO_PERSONAS, seedDemo } from '../../sandbox/demo/seed';
import { syncCommandMenus, type MenuSyncOptions } from '../../bot/commands';
import { createI18n } from '../../bot/i18n';
import { ManualClock } from '../../core/clock';
import { auditLog, outbox, people, roles, units } from '../../db/schema';
import { freshDatabase } from '../support/db';

const NOW = new Date('2026-03-02T01:00:00Z');
const GONE = 7777; // a liaison whose account no longer exists: Telegram does not know the chat
const ADMIN = 1001;
const LIAISON = 2001;
const LIAISON_EN = 2002;
const OFFICE = 2003;
const LEAD = 3001;
const LIAISON_MENU = ['start', 'help', 'tasks', 'report', 'edit', 'quota', 'cancel', 'language'];
const DEFAULT_MENU = ['start', 'help', 'language'];

async function setup() {
  const database = freshDatabase();
  const { db } = database;
  // First in line, so the people after them show that a refusal stops nobody.
  const gone = db
    .insert(people)
    .values({ telegramId: GONE, chatId: GONE, name: '已注销', createdAt: NOW, updatedAt: NOW })
    .returning()
    .get();
  await seedDemo(db, { year: 2026, now: NOW });
  const unit = db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
  db.insert(roles).values({ personId: gone.id, role: 'liaison', unitId: unit.id, createdAt: NOW, updatedAt: NOW }).run();
  const emulator = await startEmulator({
    floodLimits: false,
    users: DEMO_PERSONAS.map((p) => ({
      id: p.telegramId,
      firstName: p.firstName,
      lastName: p.lastName,
      languageCode: p.languageCode,
      hasStartedBots: true,
    })),
  });
  onTestFinished(() => emulator.close());
  const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
  const logs: string[] = [];
  const slept: number[] = [];
  const options: MenuSyncOptions = {
    log: (line) => void logs.push(line),
    clock: new ManualClock(NOW),
    sleep: async (ms) => void slept.push(ms),
  };
  const menu = (userId: number) => emulator.commandsShown({ userId, chatId: userId }).map((c) => c.command);
  const sync = (more: MenuSyncOptions = {}) => syncCommandMenus(api, db, createI18n(), [], { ...options, ...more });
  return { db, emulator, api, logs, slept, menu, sync };
}

describe('command menus at start', () => {
  it('a deleted account ("chat not found") is logged and skipped; everyone after them gets their menu', async () => {
    const t = await setup();
    const result = await t.sync();
    expect(result).toEqual({
      defaults: true,
      set: [ADMIN, LIAISON, LIAISON_EN, OFFICE, LEAD],
      deleted: [],
      skipped: [{ telegramId: GONE, reason: '400 Bad Request: chat not found' }],
      stopped: false,
    });
    expect(t.logs).toEqual([`command menu of Telegram user ${GONE} not set: 400 Bad Request: chat not found`]);
    expect(t.menu(LIAISON)).toEqual(LIAISON_MENU);
    expect(t.menu(LEAD)).toEqual(['start', 'help', 'summary', 'overdue', 'unit', 'score', 'yearly', 'export', 'language']);
    expect(t.menu(ADMIN)).toContain('import');
    expect(t.slept).toEqual([]);
  });

  it('someone who holds no role any more gets their chat menu deleted, and sees the default one', async () => {
    const t = await setup();
    await t.sync();
    expect(t.menu(OFFICE)).toEqual(LIAISON_MENU);
    const office = t.db.select().from(people).where(eq(people.telegramId, OFFICE)).get()!;
    t.db.update(roles).set({ revokedAt: NOW }).where(eq(roles.personId, office.id)).run();
    const result = await t.sync();
    expect(result.deleted).toEqual([OFFICE]);
    expect(t.menu(OFFICE)).toEqual(DEFAULT_MENU);
    const deletes = t.emulator.botCalls().filter((c) => c.method === 'deleteMyCommands');
    expect(deletes.map((c) => c.params.scope)).toEqual([{ type: 'chat', chat_id: OFFICE }]);
  });

  it("a 403 for one person marks them unreachable by the dispatcher's rule (the lead is told once) and the others go on", async () => {
    const t = await setup();
    t.api.config.use(async (prev, method, payload, signal) => {
      const scope = (payload as { scope?: { chat_id?: number } }).scope;
      if (method === 'setMyCommands' && scope?.chat_id === LIAISON)
        return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as never;
      return prev(method, payload, signal);
    });
    const result = await t.sync();
    expect(result.skipped.map((s) => s.telegramId)).toEqual([GONE, LIAISON]);
    expect(result.set).toEqual([ADMIN, LIAISON_EN, OFFICE, LEAD]);
    const liaison = t.db.select().from(people).where(eq(people.telegramId, LIAISON)).get()!;
    expect(liaison.unreachableAt).toEqual(NOW);
    const lead = t.db.select().from(people).where(eq(people.telegramId, LEAD)).get()!;
    expect(t.db.select({ kind: outbox.kind, payload: outbox.payload }).from(outbox).where(eq(outbox.personId, lead.id)).all()).toEqual([
      { kind: 'unreachable', payload: { personId: liaison.id } },
    ]);
    expect(
      t.db
        .select({ action: auditLog.action, subject: auditLog.subject })
        .from(auditLog)
        .where(eq(auditLog.action, 'person.unreachable'))
        .all(),
    ).toEqual([{ action: 'person.unreachable', subject: `person:${liaison.id}` }]);
    // Unreachable people are left alone at the next start.
    const again = await t.sync();
    expect(again.set).not.toContain(LIAISON);
    expect(again.skipped.map((s) => s.telegramId)).toEqual([GONE]);
    expect(
      t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'unreachable')))
        .all(),
    ).toHaveLength(1);
  });

  it('Telegram failing (5xx) is tried again later with a doubling wait, and nothing is lost', async () => {
    const t = await setup();
    t.emulator.faults.serverErrors({ count: 2, method: 'setMyCommands', status: 502 });
    const result = await t.sync();
    expect(result.defaults).toBe(true);
    expect(result.set).toEqual([ADMIN, LIAISON, LIAISON_EN, OFFICE, LEAD]);
    expect(t.slept).toEqual([1000, 2000]);
    expect(t.logs.slice(0, 2)).toEqual([
      'command menus: 502 Bad Gateway; 2 default and 6 personal menu(s) left, retrying in 1s',
      'command menus: 502 Bad Gateway; 2 default and 6 personal menu(s) left, retrying in 2s',
    ]);
    expect(t.emulator.commandsShown({ userId: 9999, chatId: 9999, languageCode: 'en' }).map((c) => c.description)).toEqual([
      'Start',
      'Commands you can use',
      'Change language',
    ]);
    expect(t.emulator.commandsShown({ userId: LIAISON_EN, chatId: LIAISON_EN }).map((c) => c.description)).toContain(
      "Your unit's tasks and deadlines",
    );
  });

  it('a flood wait (429) is waited out as Telegram asks', async () => {
    const t = await setup();
    t.emulator.faults.floodWait({ retryAfter: 7, method: 'setMyCommands', count: 1 });
    const result = await t.sync();
    expect(result.defaults).toBe(true);
    expect(t.slept).toEqual([7000]);
  });

  it('with Telegram unreachable it keeps trying, waits at most 5 minutes, and stops when told', async () => {
    const t = await setup();
    t.emulator.faults.dropConnections({ count: 1_000_000 });
    const stop = new AbortController();
    const result = await t.sync({
      signal: stop.signal,
      sleep: async (ms) => {
        t.slept.push(ms);
        if (t.slept.length === 12) stop.abort();
      },
    });
    expect(result).toMatchObject({ defaults: false, set: [], stopped: true });
    expect(t.slept).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
    expect(t.logs[0]).toMatch(/^command menus: .+; 2 default and 6 personal menu\(s\) left, retrying in 1s$/);
    expect(t.logs.join('\n')).not.toContain(t.emulator.token);
  });
});
