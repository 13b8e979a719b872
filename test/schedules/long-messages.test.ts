/**
 * Messages of the outbox longer than Telegram's 4,096 characters — the monthly circular of a
 * big plan, the weekly summary of a lead of a thousand units — reach their chats in parts,
 * through the real bot and the emulator (which refuses a text over 4,096 as Telegram does). Each
 * part goes once across retries; a crash repeats at most the part in flight; a message Telegram
 * still refuses as too long is reported to the admins.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Api, GrammyError } from 'grammy';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, buttons, startE2E } from '../support/e2e';
import { seedBigPlan, seedPerson } from '../support/big-plan';
import { circulars, outbox, people } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { TranscriptEntry } from '../../sandbox/emulator';
import { CIRCULAR_UNITS_LISTED, renderCircular } from '../../digests/circular-text';
import ExcelJS from 'exceljs';
import type { CircularContent } from '../../digests/circular-content';
import { buildSummary } from '../../digests/summary';
import { renderSummary } from '../../digests/summary-text';
import { loadCalendar } from '../../schedules/planner-store';
import { TELEGRAM_TEXT_LIMIT, visibleText } from '../../schedules/long-message';
import type { OutboxKind } from '../../core/outbox-kind';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
/** Monday 4 January 2027, 09:00: the first working day after December's last due day (2027 has no holiday data: plain weekends). */
const AFTER_DECEMBER = sh('2027-01-04T09:00');
type E2E = Awaited<ReturnType<typeof startE2E>>;
type Row = typeof outbox.$inferSelect;

/** The non-empty lines of a text as Telegram shows it. */
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The messages one outbox row went out as: the last `partsSent` bot messages of its chat up to its message. */
function partsOf(e2e: E2E, row: Row): TranscriptEntry[] {
  const transcript = e2e.emulator.transcript(row.chatId).filter((m) => m.from.kind === 'bot');
  const last = transcript.findIndex((m) => m.message_id === row.messageId);
  expect(last).toBeGreaterThanOrEqual(0);
  return transcript.slice(last - row.partsSent + 1, last + 1);
}

function personId(e2e: E2E, telegramId: number): number {
  return e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, telegramId)).get()!.id;
}

/** The outbox row of a kind to a person, about the big plan's circular when it is one. */
function rowOf(e2e: E2E, kind: OutboxKind, telegramId: number, circularId?: number): Row {
  const rows = e2e.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, kind), eq(outbox.personId, personId(e2e, telegramId))))
    .all();
  const found = rows.filter((r) => circularId === undefined || (r.payload as { circularId?: number }).circularId === circularId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** A workbook the bot sent, read back. */
async function workbookOf(e2e: E2E, fileId: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(e2e.emulator.file(fileId)!.data) as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values, from its first row (the title). */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

/** Every part within the limit, and together exactly the lines of the whole text. */
function expectWhole(parts: TranscriptEntry[], html: string) {
  for (const part of parts) expect(part.text!.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  expect(lines(parts.map((p) => p.text!).join('\n'))).toEqual(lines(visibleText(html)));
}

/** The demo, plus a big plan of the same year led by the demo lead; the clock just after December. */
async function withBigPlan(size: { units: number; requirements: number }) {
  const e2e = await startE2E({ now: AFTER_DECEMBER, shareClock: true, seededAt: sh('2026-01-01T08:00') });
  const plan = seedBigPlan(e2e.sqlite, size);
  e2e.sqlite.prepare(`insert into roles (person_id, role, plan_id) values (?, 'lead', ?)`).run(personId(e2e, LEAD), plan.planId);
  const circularOf = () =>
    e2e.db
      .select()
      .from(circulars)
      .where(and(eq(circulars.planId, plan.planId), eq(circulars.period, '2026-12')))
      .get();
  return { e2e, plan, circularOf };
}

/** An Api to the emulator whose sendMessage `intercept` may fail (before the call) or break (after it). */
function interceptedApi(
  e2e: E2E,
  intercept: { before?: (chatId: number, text: string) => void; after?: (chatId: number, text: string) => void },
): Api {
  const api = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
  const send = api.sendMessage.bind(api);
  api.sendMessage = async (...args: Parameters<Api['sendMessage']>) => {
    intercept.before?.(Number(args[0]), args[1]);
    const message = await send(...args);
    intercept.after?.(Number(args[0]), args[1]);
    return message;
  };
  return api;
}

const telegramError = (code: number, description: string) =>
  new GrammyError(
    `Call to 'sendMessage' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description },
    'sendMessage',
    {},
  );

describe('long outbox messages', () => {
  it("a 40-unit plan's December circular reaches the admin as a draft in parts, buttons under the last, and once published the lead", async () => {
    const { e2e, plan, circularOf } = await withBigPlan({ units: 40, requirements: 1600 });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    const circular = circularOf()!;
    expect(circular.status).toBe('draft');
    const content = circular.content as CircularContent;
    expect(content.missing).toHaveLength(40);

    const row = rowOf(e2e, 'circular-draft', ADMIN, circular.id);
    expect(row).toMatchObject({ status: 'sent', lastError: null });
    expect(row.partsSent).toBeGreaterThan(1);
    expect(row.parts).toHaveLength(row.partsSent);
    const draft = partsOf(e2e, row);
    expect(draft[0]!.text).toMatch(new RegExp(`^📢 ${plan.title} 2026年12月报送情况通报\n【草稿，尚未发布】`));
    expectWhole(draft, renderCircular(e2e.services.i18n, 'zh-CN', content, true));
    for (const unit of plan.units) expect(draft.filter((m) => m.text!.includes(`• ${unit.name}：`))).toHaveLength(1);
    expect(draft.map((m) => buttons(m))).toEqual([...draft.slice(1).map(() => []), [['📢 发布', '⏸ 暂缓']]]);

    expect((await e2e.as(ADMIN).pressForReply(draft.at(-1)!, '📢 发布')).text).toBe(
      '✅ 已发布，已发送给各分管领导；该期报送不再接受修改。',
    );
    await scheduler.tick();
    const toLead = partsOf(e2e, rowOf(e2e, 'circular', LEAD, circular.id));
    expect(toLead.length).toBeGreaterThan(1);
    expect(toLead[0]!.text).toMatch(new RegExp(`^📢 ${plan.title} 2026年12月报送情况通报\n\n`));
    expectWhole(toLead, renderCircular(e2e.services.i18n, 'zh-CN', content, false));
    expect(e2e.errors).toEqual([]);
  });

  it("at 1,000 units and 5,000 requirements: the December circular names the worst 50 of each list, the rest in its 完整名单 spreadsheet; a lead of every unit's weekly summary in parts of at most 4,096", async () => {
    const { e2e, plan, circularOf } = await withBigPlan({ units: 1000, requirements: 5000 });
    const MANY = 5006;
    e2e.emulator.createUser({ id: MANY, firstName: '赵强', languageCode: 'zh-hans', hasStartedBots: true });
    seedPerson(
      e2e.sqlite,
      { telegramId: MANY, name: '赵强' },
      plan.units.map((u) => ({ role: 'lead' as const, unitId: u.id })),
    );
    const scheduler = e2e.scheduler();
    const { dispatch } = await scheduler.tick();
    expect(dispatch.failed).toBe(0);

    const circular = circularOf()!;
    const content = circular.content as CircularContent;
    // The frozen content keeps every unit; the message names CIRCULAR_UNITS_LISTED of them.
    expect(content.missing).toHaveLength(1000);
    const draft = partsOf(e2e, rowOf(e2e, 'circular-draft', ADMIN, circular.id));
    expectWhole(draft, renderCircular(e2e.services.i18n, 'zh-CN', content, true));
    const shown = draft.flatMap((m) => lines(m.text!));
    const named = shown.map((line) => line.match(/^• (\S+)：/)?.[1]).filter(Boolean);
    expect(named).toHaveLength(CIRCULAR_UNITS_LISTED);
    expect(shown).toContain(`…另有 ${1000 - CIRCULAR_UNITS_LISTED} 个单位，见“📎 完整名单”`);
    const last = draft.at(-1)!;
    expect(buttons(last)).toEqual([['📢 发布', '⏸ 暂缓'], ['📎 完整名单（Excel）']]);

    // The button sends every unit, each with the items it left unreported.
    const sheet = await e2e.as(ADMIN).pressForReply(last, '📎 完整名单（Excel）');
    expect(sheet.text).toBe(`${plan.title} 2026年12月报送情况通报·完整名单`);
    const missing = (await workbookOf(e2e, sheet.document!.file_id)).getWorksheet('未报送')!;
    const rows = sheetRows(missing);
    expect(rows[2]).toEqual(['单位', '项数', '未报送的项目']);
    expect(new Set(rows.slice(3).map((r) => r[0]))).toEqual(new Set(plan.units.map((u) => u.name)));
    for (const entry of content.missing) expect(rows).toContainEqual([entry.unit, entry.items.length, entry.items.join('、')]);

    // The weekly summary of a lead of all 1,000 units: its heading names them (its start), its body fits.
    const row = rowOf(e2e, 'weekly-summary', MANY);
    expect(row.status).toBe('sent');
    const summary = partsOf(e2e, row);
    const label = plan.units.map((u) => u.name).join('、');
    expectWhole(
      summary,
      renderSummary(e2e.services.i18n, 'zh-CN', buildSummary(e2e.db, plan.units, e2e.clock.now(), loadCalendar(e2e.db)), label),
    );
    expect(summary[0]!.text).toMatch(/^📊 督办进度汇总（2027年1月4日（周一））\n范围：第0001业务处、第0002业务处、.*…\n/);
    expect(e2e.errors).toEqual([]);
  }, 20_000);

  it('a crash after Telegram took a part but before it was recorded repeats that part only; the rest goes once', async () => {
    const { e2e, plan, circularOf } = await withBigPlan({ units: 40, requirements: 1600 });
    let started = false;
    let accepted = 0;
    // The process dies right after Telegram accepted the second part of the big plan's draft.
    const dying = e2e.scheduler(
      interceptedApi(e2e, {
        after: (chatId, text) => {
          if (chatId !== ADMIN) return;
          started ||= text.includes(plan.title);
          if (started && ++accepted === 2) throw new Error('killed');
        },
      }),
    );
    await expect(dying.tick()).rejects.toThrow('killed');
    const circular = circularOf()!;
    const inFlight = rowOf(e2e, 'circular-draft', ADMIN, circular.id);
    expect(inFlight).toMatchObject({ status: 'sending', partsSent: 1 });
    const parts = inFlight.parts!;
    expect(parts.length).toBeGreaterThan(2);

    const restarted = e2e.scheduler();
    expect(restarted.dispatcher.recover()).toBeGreaterThanOrEqual(1);
    await restarted.tick();
    const row = rowOf(e2e, 'circular-draft', ADMIN, circular.id);
    expect(row).toMatchObject({ status: 'sent', partsSent: parts.length, parts });
    const delivered = e2e.emulator
      .botCalls({ method: 'sendMessage' })
      .filter(
        (c) =>
          c.response?.ok && Number(c.params.chat_id) === e2e.db.select().from(people).where(eq(people.telegramId, ADMIN)).get()!.chatId,
      )
      .map((c) => String(c.params.text))
      .filter((text) => parts.includes(text));
    // Each part once, the second (in flight at the crash) twice, in order.
    expect(delivered).toEqual([parts[0], parts[1], ...parts.slice(1)]);
    // What the admin reads: the whole draft, the repeated part aside.
    const shown = partsOf(e2e, { ...row, partsSent: parts.length + 1 });
    expect(shown[2]!.text).toBe(shown[1]!.text);
    expectWhole(shown.toSpliced(2, 1), renderCircular(e2e.services.i18n, 'zh-CN', circular.content as CircularContent, true));
  });

  it('a 5xx on a later part: the retry sends the remaining parts of the same text, none of the first again', async () => {
    const { e2e, plan, circularOf } = await withBigPlan({ units: 40, requirements: 1600 });
    let started = false;
    let tried = 0;
    // The circular's third part fails for as long as the first tick lasts (its backoff may come due within it).
    let failing: string | null = null;
    let firstTick = true;
    const flaky = e2e.scheduler(
      interceptedApi(e2e, {
        before: (chatId, text) => {
          if (chatId !== ADMIN) return;
          // The circular's first part (the weekly summary names the plan too, under its heading).
          started ||= text.includes(plan.title) && text.includes('报送情况通报');
          if (started && ++tried === 3) failing = text;
          if (firstTick && text === failing) throw telegramError(502, 'Bad Gateway');
        },
      }),
    );
    const first = await flaky.tick();
    firstTick = false;
    expect(first.dispatch.retried).toBeGreaterThan(0);
    const circular = circularOf()!;
    const waiting = rowOf(e2e, 'circular-draft', ADMIN, circular.id);
    expect(waiting).toMatchObject({ status: 'pending', partsSent: 2, lastError: 'Bad Gateway' });
    const attempts = waiting.attempts;
    expect(attempts).toBeGreaterThan(0);
    const parts = waiting.parts!;
    // Were it drawn again now, the draft would say something else: the retry sends the text it began.
    const content = circular.content as CircularContent;
    e2e.db
      .update(circulars)
      .set({ content: { ...content, missing: content.missing.slice(20) } })
      .where(eq(circulars.id, circular.id))
      .run();

    e2e.clock.advance(15 * 60_000);
    await flaky.tick();
    const row = rowOf(e2e, 'circular-draft', ADMIN, circular.id);
    expect(row).toMatchObject({ status: 'sent', partsSent: parts.length, attempts: attempts + 1, lastError: null });
    const sent = e2e.emulator
      .botCalls({ method: 'sendMessage' })
      .filter((c) => c.response?.ok)
      .map((c) => String(c.params.text));
    expect(sent.filter((text) => parts.includes(text))).toEqual(parts);
    expectWhole(partsOf(e2e, row), renderCircular(e2e.services.i18n, 'zh-CN', content, true));
  });

  it('a message Telegram still refuses as too long is failed, and the admins are told, in their language, what did not reach whom', async () => {
    const e2e = await startE2E({ shareClock: true });
    e2e.db.update(people).set({ language: 'en' }).where(eq(people.telegramId, ADMIN)).run();
    // Monday 2 March 2026, 09:00: the weekly summary goes to the lead, and Telegram refuses it.
    const scheduler = e2e.scheduler(
      interceptedApi(e2e, {
        before: (chatId) => {
          if (chatId === LEAD) throw telegramError(400, 'Bad Request: message is too long');
        },
      }),
    );
    await scheduler.tick();
    expect(rowOf(e2e, 'weekly-summary', LEAD)).toMatchObject({ status: 'failed', lastError: 'Bad Request: message is too long' });
    const told = () =>
      e2e
        .as(ADMIN)
        .transcript()
        .filter((m) => m.text?.includes('too long'));
    expect(told().map((m) => m.text)).toEqual([
      '⚠️ A weekly summary was too long for Telegram, which refused it: it could not be sent to 刘洋. Please tell whoever maintains Duban.',
    ]);
    // Once: later ticks tell nothing more.
    e2e.clock.advance(60_000);
    await scheduler.tick();
    expect(told()).toHaveLength(1);
  });
});
