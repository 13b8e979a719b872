/**
 * Answers that grow with the plan fit Telegram, through the real bot and the emulator (which
 * refuses a text over 4,096 characters, as Telegram does): at a thousand units and five thousand
 * requirements, /yearly names its worst units with a spreadsheet of all, /overdue and /units come in parts, /invites in pages, the import preview
 * in parts; a task title of 3,900 characters is whole in /tasks and shortened in reminders.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, buttons, startE2E } from '../../support/e2e';
import { freshDatabase } from '../../support/db';
import { seedBigPlan, seedPerson } from '../../support/big-plan';
import { outbox, people, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { readPlan } from '../../../plans/import';
import { dryRunCommit } from '../../../plans/dry-run';
import type { TranscriptEntry } from '../../../sandbox/emulator';
import { parseTelegramHtml } from '../../../sandbox/emulator/html';
import { loadIdentity } from '../../../db/identity';
import { createI18n } from '../../../bot/i18n';
import { importPreviewParts } from '../../../bot/features/import';
import { INVITES_PAGE_SIZE } from '../../../bot/features/invites';
import { createInvite } from '../../../db/invites';
import { buildSummary } from '../../../digests/summary';
import { OVERDUE_LISTED, YEARLY_UNITS_LISTED, renderSummary } from '../../../digests/summary-text';
import ExcelJS from 'exceljs';
import { scopeOf } from '../../../schedules/scope';
import { loadCalendar } from '../../../schedules/planner-store';
import { TELEGRAM_TEXT_LIMIT, visibleText } from '../../../schedules/long-message';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The demo and a province-sized plan of the same year; Monday 28 December 2026 (every month's 10th has passed). */
async function province() {
  const e2e = await startE2E({
    now: sh('2026-12-28T10:00'),
    seededAt: sh('2026-01-01T08:00'),
    // Many parts (and page turns) in a row to one chat: a test's pace, not Telegram's flood limits, is the matter here.
    floodLimits: {
      perPrivateChat: { burst: 500, perSecond: 500 },
      perBot: { burst: 500, perSecond: 500 },
      methods: { editMessageText: false, answerCallbackQuery: false },
    },
  });
  const plan = seedBigPlan(e2e.sqlite, { units: 1000, requirements: 5000 });
  return { e2e, plan };
}

/** Sends a command and collects every message of the answer (all sent once the bot has settled). */
async function ask(e2e: E2E, who: number, command: string): Promise<TranscriptEntry[]> {
  const first = await e2e.as(who).send(command);
  await e2e.settled();
  const answer = e2e
    .as(who)
    .transcript()
    .filter((m) => m.from.kind === 'bot' && m.message_id >= first.message_id);
  for (const part of answer) expect(part.text!.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  return answer;
}

describe('answers that grow with the plan, at 1,000 units and 5,000 requirements', () => {
  it('/yearly: a plan of many units in one message, its totals and worst units; 完整统计 has every unit', async () => {
    const { e2e, plan } = await province();
    const answer = await ask(e2e, ADMIN, '/yearly');
    expect(answer).toHaveLength(1);
    expect(answer[0]!.text).toMatch(/^📅 2026 年报送统计（截至 2026年12月28日（周一））\n/);
    const shown = lines(answer[0]!.text!);
    // Each unit's five monthly requirements, twelve months each, none reported.
    expect(shown).toContain(`共 1,000 个单位：按时 0 期，逾期 0 期，未报 ${(1000 * 60).toLocaleString('en')} 期`);
    expect(shown).toContain(`逾期和未报最多的 ${YEARLY_UNITS_LISTED} 个单位：`);
    const bigPlanLines = shown.filter((line) => /^第\d{4}业务处：按时 0 期，逾期 0 期，未报 60 期$/.test(line));
    expect(bigPlanLines).toHaveLength(YEARLY_UNITS_LISTED);
    expect(shown).toContain(`…另有 ${1000 - YEARLY_UNITS_LISTED} 个单位，见“📎 完整统计”`);
    expect(buttons(answer[0]!)).toEqual([['📎 完整统计（Excel）']]);

    // The spreadsheet: every unit of the admin's scope (the demo plan's too), each once, with its figures.
    const sheet = await e2e.as(ADMIN).pressForReply(answer[0]!, '📎 完整统计（Excel）');
    expect(sheet.text).toBe('2026 年报送统计（截至 2026年12月28日（周一））·完整统计');
    expect(sheet.document?.file_name).toBe('年度报送统计-20261228.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(e2e.emulator.file(sheet.document!.file_id)!.data) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet('年度报送统计')!.eachRow((row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
    expect(rows[2]).toEqual(['计划', '单位', '按时（期）', '逾期（期）', '未报（期）']);
    const data = rows.slice(3);
    for (const unit of plan.units) expect(data.filter((r) => r[1] === unit.name)).toEqual([[plan.title, unit.name, 0, 0, 60]]);
    expect(data).toHaveLength(scopeOf(e2e.db, loadIdentity(e2e.db, ADMIN, [])).units.length);
    expect(e2e.errors).toEqual([]);
  }, 20_000);

  it('/overdue: the overdue items themselves, many more than a summary lists, in parts', async () => {
    const { e2e } = await province();
    const answer = await ask(e2e, ADMIN, '/overdue');
    expect(answer.length).toBeGreaterThan(1);
    const scope = scopeOf(e2e.db, loadIdentity(e2e.db, ADMIN, []));
    const summary = buildSummary(e2e.db, scope.plans, e2e.clock.now(), loadCalendar(e2e.db));
    // The province plan's part (the demo plan has its own, under its own heading).
    // Each of its 5,000 requirements has its December period overdue.
    const big = summary.plans.find((p) => p.overdue.length >= 5000)!;
    expect(big).toBeDefined();
    const expected = renderSummary(e2e.services.i18n, 'zh-CN', summary, '全部单位', { overdueOnly: true });
    const shown = answer.flatMap((m) => lines(m.text!));
    expect(shown).toEqual(lines(visibleText(expected)));
    // Each plan lists at most OVERDUE_LISTED of its own, and counts the rest.
    const listed = shown.filter((line) => line.startsWith('• ')).length;
    expect(listed).toBe(summary.plans.reduce((n, p) => n + Math.min(p.overdue.length, OVERDUE_LISTED), 0));
    expect(shown).toContain(`…另有 ${(big.overdue.length - OVERDUE_LISTED).toLocaleString('en')} 项`);
  }, 20_000);

  it('/units: every unit and every liaison, a line longer than a message cut inside', async () => {
    const { e2e, plan } = await province();
    // The first unit has 600 liaisons: its line alone is longer than a message.
    const liaisons = Array.from({ length: 600 }, (_, i) => `联络员${String(i).padStart(3, '0')}`);
    liaisons.forEach((name, i) =>
      seedPerson(e2e.sqlite, { telegramId: 700_000 + i, name }, [{ role: 'liaison', unitId: plan.units[0]!.id }]),
    );
    // Two plans: the admin names the province plan (#id), as /plans lists it.
    const answer = await ask(e2e, ADMIN, `/units #${plan.planId}`);
    expect(answer.length).toBeGreaterThan(5);
    expect(answer[0]!.text).toMatch(/^单位与联络员（共 1,000 个单位）：\n• 第0001业务处：联络员000、/);
    const all = answer.map((m) => m.text!).join('');
    for (const unit of plan.units) expect(all.split(`• ${unit.name}：`)).toHaveLength(2);
    for (const name of liaisons) expect(all.split(name)).toHaveLength(2);
  }, 20_000);

  it('/invites: a page at a time, a revoke button each, every invite on one page', async () => {
    const { e2e, plan } = await province();
    const actor = { personId: null, label: 'test' };
    const codes = plan.units.map(
      (u) => createInvite(e2e.db, { role: 'liaison', unitId: u.id, planId: null }, { actor, now: e2e.clock.now() }).code,
    );
    const pages = 1000 / INVITES_PAGE_SIZE;
    let page = await e2e.as(ADMIN).send('/invites');
    const seen: string[] = [];
    for (let n = 1; ; n++) {
      expect(page.text).toMatch(new RegExp(`^未使用的邀请（共 1,000 个，第 ${n}/${pages} 页）：\n`));
      const listed = [...page.text!.matchAll(/（([\w-]{16})）$/gm)].map((m) => m[1]!);
      expect(listed).toHaveLength(INVITES_PAGE_SIZE);
      seen.push(...listed);
      const rows = buttons(page);
      expect(rows.slice(0, -1).map((row) => row.length)).toEqual(listed.map(() => 1));
      if (n === pages) {
        expect(rows.at(-1)).toEqual(['◀ 上一页']);
        break;
      }
      expect(rows.at(-1)).toEqual(n === 1 ? ['下一页 ▶'] : ['◀ 上一页', '下一页 ▶']);
      page = (await e2e.as(ADMIN).press(page, '下一页 ▶')).message;
    }
    expect([...seen].sort()).toEqual([...codes].sort());

    // Revoking from the last page shows that page again, one invite fewer.
    const revoked = seen.at(-INVITES_PAGE_SIZE)!;
    const { message } = await e2e.as(ADMIN).press(page, buttons(page)[0]![0]!);
    expect(message.text).toMatch(new RegExp(`^未使用的邀请（共 999 个，第 ${pages}/${pages} 页）：\n`));
    expect(message.text).not.toContain(revoked);
  }, 20_000);

  it('the import preview: every unit named, in parts of at most 4,096', async () => {
    const unit = (i: number) => `第${String(i + 1).padStart(4, '0')}业务处`;
    const rows = ['序号,工作任务,任务要求,完成时限,责任单位'];
    // Every 50th deadline cannot be read: a hundred problems.
    for (let n = 1; n <= 5000; n++)
      rows.push(
        `${n},推进第${n}项信用工作,按要求推进第${n}项工作并按时报送进展情况,${n % 50 === 0 ? '视情况而定' : '每月10日前'},${unit((n - 1) % 1000)}`,
      );
    const preview = await readPlan('省任务分解表.csv', new TextEncoder().encode(rows.join('\n')), { year: 2026 });
    expect(preview.units).toHaveLength(1000);
    expect(preview.problems).toHaveLength(100);
    const { db } = freshDatabase();
    const i18n = createI18n();
    const parts = importPreviewParts(
      { t: (key, vars) => i18n.t('zh-CN', key, vars) },
      preview,
      dryRunCommit(db, preview, { actor: { personId: null, label: 'test' }, now: new Date() }),
    );
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(parseTelegramHtml(part).text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    const shown = parts.map((part) => parseTelegramHtml(part).text);
    expect(shown[0]).toMatch(
      /^（未找到标题）（2026）\n读取自：省任务分解表\.csv\n0 个部分，5,000 项任务，5,000 条要求，1,000 个单位，0 个量化目标。\n单位：第0001业务处、第0002业务处、/,
    );
    const all = shown.join('');
    for (let i = 0; i < 1000; i++) expect(all.split(unit(i))).toHaveLength(2);
    expect(all).toContain(`需要处理的问题（${preview.problems.length} 个）：`);
    // The hundred problems are of one kind: one line, its first places and a count.
    expect(shown.flatMap(lines).filter((line) => line.startsWith('• '))).toEqual([
      '• 无法识别截止时间“视情况而定”（共 100 处：第51行，第1条要求；第101行，第1条要求；第151行，第1条要求等）',
    ]);
  });
});

describe('task titles of 3,900 characters', () => {
  /** Every task of the demo plan gets a title of 3,900 characters, its number first. */
  function longTitles(e2e: E2E): Map<string, string> {
    const titles = new Map<string, string>();
    for (const task of e2e.db.select({ id: tasks.id, number: tasks.number }).from(tasks).all()) {
      const title = `第${task.number}项很长的任务标题${'长'.repeat(3900)}`.slice(0, 3900);
      e2e.db.update(tasks).set({ title }).where(eq(tasks.id, task.id)).run();
      titles.set(task.number, title);
    }
    return titles;
  }

  it('are whole in /tasks, a page each where need be; every requirement on one page', async () => {
    const e2e = await startE2E({ now: sh('2026-03-09T10:00') });
    const titles = longTitles(e2e);
    let page = await e2e.as(LIAISON).send('/tasks');
    const pages = Number(page.text!.match(/第 1\/(\d+) 页/)![1]);
    const items: string[] = [];
    for (let n = 1; n <= pages; n++) {
      expect(page.text!.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(page.text).toMatch(new RegExp(`^政策法规处 的任务（共 20 项，第 ${n}/${pages} 页）`));
      for (const [, number, circled] of page.text!.matchAll(/^(\d+)([①-⑳]) /gm)) {
        items.push(`${number}${circled}`);
        // The whole title, not a character less (a cooperating unit's item says so after it).
        expect(page.text).toMatch(new RegExp(`^${number}${circled} ${titles.get(number!)}(（配合）)?\n`, 'm'));
      }
      if (n < pages) page = (await e2e.as(LIAISON).press(page, '下一页 ▶')).message;
    }
    expect(pages).toBe(20);
    expect(new Set(items).size).toBe(20);
    expect(e2e.errors).toEqual([]);
  });

  it("are shortened in reminders, the lead's overdue notice and the welcome of a new liaison", async () => {
    const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
    longTitles(e2e);
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    // Wednesday 11 March: the 10th's items are overdue; the lead hears of each unit's, in one notice.
    e2e.clock.set(sh('2026-03-11T09:00'));
    await scheduler.tick();
    const rows = e2e.db.select({ kind: outbox.kind, status: outbox.status, lastError: outbox.lastError }).from(outbox).all();
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    expect(rows.filter((r) => r.kind === 'overdue-lead').every((r) => r.status === 'sent')).toBe(true);

    const reminder = e2e
      .as(LIAISON)
      .transcript()
      .find((m) => m.text?.startsWith('⏰ 提醒'))!;
    expect(reminder.text).toMatch(/\n1\. \d+[①-⑳] 第\d+项很长的任务标题长+…\n/);
    // One notice for the lead's units, each unit's items under its name.
    const notice = e2e
      .as(LEAD)
      .transcript()
      .find((m) => /^❗ 3月10日（周二） 截止的任务，以下 \d+ 个单位仍未报送：/.test(m.text ?? ''))!;
    const noticeLines = notice.text!.split('\n');
    const from = noticeLines.findIndex((line) => /^政策法规处（\d+ 项）$/.test(line)) + 1;
    expect(from).toBeGreaterThan(0);
    const items = noticeLines.slice(from, noticeLines.indexOf('', from) === -1 ? undefined : noticeLines.indexOf('', from));
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(item).toMatch(/^• \d+[①-⑳] 第\d+项很长的任务标题长+…$|^…另有 \d+ 项$/);
    for (const m of [...e2e.as(LIAISON).transcript(), ...e2e.as(LEAD).transcript()])
      expect(m.text?.length ?? 0).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);

    const NEWCOMER = 5005;
    e2e.emulator.createUser({ id: NEWCOMER, firstName: '周', languageCode: 'zh-hans' });
    const code = (await e2e.as(ADMIN).send('/invite 信息管理处')).text!.match(/start=([\w-]+)/)![1]!;
    const welcome = await e2e.as(NEWCOMER).send(`/start ${code}`);
    expect(welcome.text).toMatch(/最近的截止日期：\n• \d+[①-⑳] 第\d+项很长的任务标题长+… — /);
    expect(e2e.db.select().from(people).where(eq(people.telegramId, NEWCOMER)).get()).toBeDefined();
    expect(e2e.errors).toEqual([]);
  });
});
