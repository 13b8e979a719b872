/**
 * Two plans of different years side by side, through a simulated winter and spring, with a
 * rollover (issue 12, "Done when"): the demo Fuzhou plan of 2026 runs to its end while the
 * Xiamen work points of 2027 are imported in December; in January next year's Fuzhou plan
 * replaces this year's. The scheduler ticks every morning on the test's clock; the bot answers
 * the people as they act. Then what each admin, lead, liaison and group received is read as
 * they would read it: each sees only their plans, no 2026 plan runs into 2027, the Chinese see
 * only Chinese, and nothing is longer than Telegram takes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, LIAISON_EN, STRANGER, buttons, startE2E } from '../../support/e2e';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { outbox, plans, requirements, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { TELEGRAM_TEXT_LIMIT, telegramLength } from '../../../schedules/long-message';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const OFFICE = 2003; // 张伟, liaison of 办公室; here also of 市信用办 (Xiamen)
const XIAMEN_LEAD = STRANGER; // invited as the Xiamen plan's lead
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE });
// The seeds' copies kept in the repository (CI has no ../shared).
const SEEDS = new URL('../../fixtures/', import.meta.url);
const XIAMEN_2027 = readFileSync(new URL('xiamen-2022-work-points.txt', SEEDS), 'utf8').replaceAll('2022年工作要点', '2027年工作要点');
const FUZHOU_2027 = readFileSync(new URL('fuzhou-2020-task-table.txt', SEEDS), 'utf8').replace(
  '2020 年社会信用体系建设任务分解表',
  '2027 年社会信用体系建设任务分解表',
);
const FUZHOU_2026_TITLE = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';
const FUZHOU_2027_TITLE = '福州市不动产登记和交易中心2027年社会信用体系建设任务分解表';
const XIAMEN_TITLE = '厦门市社会信用体系建设2027年工作要点';

type E2E = Awaited<ReturnType<typeof startE2E>>;

/** Every morning from `from` to `to` (included), 09:05 in Shanghai: the scheduler's tick. */
async function mornings(e2e: E2E, scheduler: ReturnType<E2E['scheduler']>, from: string, to: string): Promise<void> {
  for (let day = sh(from); day <= sh(to); day = day.plus({ days: 1 })) {
    e2e.clock.set(day.set({ hour: 9, minute: 5 }).toJSDate());
    await scheduler.tick();
  }
  await e2e.settled();
}

function inviteCode(text: string | undefined): string {
  const match = text?.match(/\?start=([\w-]+)/);
  if (!match) throw new Error(`no invite link in: ${text}`);
  return match[1]!;
}

/** Imports a plan text as a file in the admin's chat and confirms it; answers a replace question with `replace`. */
async function importPlan(e2e: E2E, name: string, text: string, replace?: '接替旧计划' | '两个计划并行'): Promise<TranscriptEntry> {
  const admin = e2e.as(ADMIN);
  const reading = await admin.sendDocument(name, new TextEncoder().encode(text), 'text/plain');
  const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => buttons(m).flat().includes('✅ 确认导入'), {
    since: reading.message_id,
  });
  const next = await admin.pressForReply(preview, '✅ 确认导入');
  return replace === undefined ? next : admin.pressForReply(next, replace);
}

/** The drafts of a month's circular in the admin's chat, by plan: the last part carries the buttons. */
function draftOf(e2e: E2E, planTitle: string, month: string): TranscriptEntry {
  const parts = e2e
    .as(ADMIN)
    .transcript()
    .filter((m) => m.text?.includes(`${planTitle} ${month}报送情况通报`));
  const first = parts.at(-1);
  if (!first) throw new Error(`no ${month} circular draft of ${planTitle}`);
  const withButtons = e2e
    .as(ADMIN)
    .transcript()
    .find((m) => m.message_id >= first.message_id && buttons(m).flat().includes('📢 发布'));
  if (!withButtons) throw new Error(`no publish button under the ${month} circular of ${planTitle}`);
  return withButtons;
}

const textsOf = (entries: TranscriptEntry[]) => entries.filter((m) => m.from.kind === 'bot').map((m) => m.text ?? '');

/** Latin words a Chinese reader would meet: anything of 4+ letters but commands (with their subcommand: /units merge) and the plans' own file names. */
function englishIn(text: string): string[] {
  return (
    text
      .replace(/https:\/\/\S+/g, '')
      .replace(/\/[a-z_]+(@\w+)?( [a-z]+\b)?/g, '')
      .replace(/[\w-]+\.(txt|xlsx)/g, '')
      .match(/[A-Za-z]{4,}/g) ?? []
  ).filter((word) => !['https', 'duban_test_bot'].includes(word));
}

describe('two plans, two years, a rollover', () => {
  it(
    'each admin, lead, liaison and group gets what is theirs, in their language, from December to April',
    { timeout: 240_000 },
    async () => {
      const e2e = await startE2E({ now: sh('2026-11-30T09:05').toJSDate(), seededAt: sh('2026-01-02T09:00').toJSDate(), shareClock: true });
      const scheduler = e2e.scheduler();
      // The Fuzhou leading group, bound by the admin in the group (one live plan: no question).
      const bound = await e2e.as(ADMIN, DEMO_GROUP.id).send('/group');
      expect(bound.text).toContain(FUZHOU_2026_TITLE);

      // 1 December: next year's Xiamen work points, a plan of its own (no previous version, not past).
      await mornings(e2e, scheduler, '2026-11-30', '2026-11-30');
      e2e.clock.set(sh('2026-12-01T10:00').toJSDate());
      const imported = await importPlan(e2e, 'xiamen-2027.txt', XIAMEN_2027);
      expect(imported.text).toMatch(/^✅ 已导入：厦门市社会信用体系建设2027年工作要点。/);
      const xiamen = e2e.db.select().from(plans).where(eq(plans.title, XIAMEN_TITLE)).get()!;
      expect(xiamen.year).toBe(2027);
      // Its liaison and lead, by invitation: 张伟 serves 市信用办 beside 办公室.
      await e2e.as(OFFICE).send(`/start ${inviteCode((await e2e.as(ADMIN).send('/invite 市信用办')).text)}`);
      const leadInvite = await e2e.as(ADMIN).send(`/invite 领导 #${xiamen.id}`);
      expect(leadInvite.text).toContain(XIAMEN_TITLE);
      await e2e.as(XIAMEN_LEAD).send(`/start ${inviteCode(leadInvite.text)}`);

      // December: the Fuzhou plan's last month.
      await mornings(e2e, scheduler, '2026-12-01', '2027-01-04');
      // 4 January: Fuzhou's December circular is drafted; Xiamen (2027) has no December.
      const december = draftOf(e2e, FUZHOU_2026_TITLE, '2026年12月');
      expect(
        e2e
          .as(ADMIN)
          .transcript()
          .some((m) => m.text?.includes(`${XIAMEN_TITLE} 2026年12月`)),
      ).toBe(false);

      // 5 January: next year's Fuzhou plan replaces this year's, which stays until its last notices are out.
      e2e.clock.set(sh('2027-01-05T10:00').toJSDate());
      const replaced = await importPlan(e2e, 'fuzhou-2027.txt', FUZHOU_2027, '接替旧计划');
      expect(replaced.text).toContain(`已接替《${FUZHOU_2026_TITLE}》`);
      const fuzhou2026 = e2e.db.select().from(plans).where(eq(plans.title, FUZHOU_2026_TITLE)).get()!;
      expect(fuzhou2026.archivedAt).toBeNull();
      // 6 January: the admin publishes December's circular; the next morning the old plan has nothing left.
      e2e.clock.set(sh('2027-01-06T10:00').toJSDate());
      expect((await e2e.as(ADMIN).pressForReply(december, '📢 发布')).text).toMatch(/^✅ 已发布/);
      await mornings(e2e, scheduler, '2027-01-06', '2027-01-08');
      expect(
        e2e.db.select({ archivedAt: plans.archivedAt }).from(plans).where(eq(plans.id, fuzhou2026.id)).get()!.archivedAt,
      ).not.toBeNull();

      // On to April: the first quarter of the Xiamen plan and three months of Fuzhou 2027.
      await mornings(e2e, scheduler, '2027-01-09', '2027-04-06');

      // No 2026 plan runs into 2027: nothing of it was ever planned due after its last day.
      const after2026 = e2e.db
        .select({ kind: outbox.kind, dueAt: outbox.dueAt })
        .from(outbox)
        .innerJoin(requirements, eq(requirements.id, outbox.requirementId))
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(and(eq(tasks.planId, fuzhou2026.id), gt(outbox.dueAt, sh('2026-12-31T23:59:59').toJSDate())))
        .all();
      expect(after2026).toEqual([]);
      expect(
        e2e.db
          .select()
          .from(plans)
          .where(isNull(plans.archivedAt))
          .all()
          .map((p) => p.title)
          .sort(),
      ).toEqual([XIAMEN_TITLE, FUZHOU_2027_TITLE].sort());

      // The Fuzhou lead: Fuzhou only; December's circular; weekly summaries of 2027 once the old plan is archived.
      const lead = textsOf(e2e.as(LEAD).transcript());
      expect(lead.filter((t) => t.includes('厦门'))).toEqual([]);
      expect(
        lead.filter(
          (t) => t.includes(`${FUZHOU_2026_TITLE}</b> 2026年12月报送情况通报`) || t.includes(`${FUZHOU_2026_TITLE} 2026年12月报送情况通报`),
        ),
      ).toHaveLength(1);
      const leadSummaries = e2e
        .as(LEAD)
        .transcript()
        .filter((m) => m.text?.startsWith('📊') && m.date * 1000 > sh('2027-01-09T00:00').toMillis());
      expect(leadSummaries.length).toBeGreaterThanOrEqual(12);
      for (const summary of leadSummaries) {
        expect(summary.text).toContain(FUZHOU_2027_TITLE);
        expect(summary.text).not.toContain(FUZHOU_2026_TITLE);
      }

      // The Xiamen lead: Xiamen only.
      const xiamenLead = textsOf(e2e.as(XIAMEN_LEAD).transcript());
      expect(xiamenLead.some((t) => t.includes(XIAMEN_TITLE))).toBe(true);
      expect(xiamenLead.filter((t) => t.includes('福州'))).toEqual([]);

      // The group: bound to Fuzhou; after the rollover it follows the 2027 plan, never Xiamen.
      const group = e2e.emulator.transcript(DEMO_GROUP.id).filter((m) => m.from.kind === 'bot');
      expect(group.filter((m) => m.text?.includes('厦门'))).toEqual([]);
      expect(group.filter((m) => m.text?.includes('2026年12月报送情况通报'))).toHaveLength(1);
      const groupLater = group.filter((m) => m.text?.startsWith('📊') && m.date * 1000 > sh('2027-01-09T00:00').toMillis());
      expect(groupLater.length).toBeGreaterThanOrEqual(12);
      for (const summary of groupLater) expect(summary.text).toContain(FUZHOU_2027_TITLE);

      // 张伟 serves a unit of each plan: the Xiamen first quarter (due 31 March) is reminded with its unit named.
      const office = e2e
        .as(OFFICE)
        .transcript()
        .filter((m) => m.from.kind === 'bot');
      const quarter = office.filter((m) => m.text?.includes('3月31日') && m.text.includes('市信用办'));
      expect(quarter.length).toBeGreaterThan(0);
      // And his Fuzhou reminders in 2027 are the 2027 plan's (January's, due the 10th).
      expect(office.some((m) => m.text?.startsWith('⏰') && m.text.includes('1月10日'))).toBe(true);

      // Language: the Chinese see only Chinese; the English liaison reads English around the plan's own words.
      for (const person of [ADMIN, LEAD, LIAISON, OFFICE, XIAMEN_LEAD]) {
        for (const text of textsOf(e2e.as(person).transcript())) expect(englishIn(text), `${person}: ${text.slice(0, 200)}`).toEqual([]);
      }
      for (const text of textsOf(e2e.emulator.transcript(DEMO_GROUP.id))) expect(englishIn(text), text.slice(0, 200)).toEqual([]);
      const english = textsOf(e2e.as(LIAISON_EN).transcript());
      expect(english.some((t) => t.startsWith('⏰ Reminder'))).toBe(true);
      expect(english.filter((t) => /[\u4e00-\u9fff]/.test(t.split('\n')[0]!) && !/^❗|^⏰/.test(t))).toEqual([]);

      // Nothing longer than Telegram takes, anywhere.
      for (const chat of [ADMIN, LEAD, LIAISON, LIAISON_EN, OFFICE, XIAMEN_LEAD, DEMO_GROUP.id]) {
        for (const m of e2e.emulator.transcript(chat)) expect(telegramLength(m.text ?? '')).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      }
    },
  );
});
