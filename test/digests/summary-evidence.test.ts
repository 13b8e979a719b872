/**
 * The summary's list of items reported without the proof asked for (issue 15 item 2): the plan
 * names the evidence (requirements.evidence) or gives the task points, the (item, unit) has
 * been reported, and its latest report carries no evidence row. Real migrations, real SQLite;
 * "now" is Thursday 12 March 2026, 10:00 in Shanghai, given to buildSummary.
 *
 *   plan 2026 (no points unless a test gives some), units in id order 政策法规处 办公室 信用处:
 *     task 18 (position 2) 推进法治政府建设示范创建工作并总结经验做法
 *       18① 每月10日前, evidence 会议纪要、工作方案
 *       18② 每月10日前, no evidence named
 *     task 5 (position 1) 普法责任清单
 *       5①  每月10日前, evidence 普法台账
 *   every requirement given to every unit on 1 January.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '../../db';
import { assignments, deadlineRules, evidence, planUnits, plans, reports, requirements, tasks, units } from '../../db/schema';
import type { Identity } from '../../db/identity';
import { createI18n } from '../../bot/i18n';
import { createCalendar } from '../../schedules/calendar';
import { scopeOf, type ScopeUnit } from '../../schedules/scope';
import { buildSummary, type Summary } from '../../digests/summary';
import { renderSummary } from '../../digests/summary-text';
import { freshDatabase } from '../support/db';
import { NOW, sh } from './summary-fixture';

const TITLE_18 = '推进法治政府建设示范创建工作并总结经验做法';
const i18n = createI18n();

interface Office {
  db: DB;
  planId: number;
  unit: Record<string, number>;
  /** Requirement ids by item label. */
  item: Record<'18①' | '18②' | '5①', number>;
  task: Record<'18' | '5', number>;
}

function seedOffice(
  unitNames: readonly string[] = ['政策法规处', '办公室', '信用处'],
  texts: { title18?: string; evidence18?: string } = {},
): Office {
  const { db } = freshDatabase();
  const january = sh('2026-01-01T08:00');
  const planId = db
    .insert(plans)
    .values({ key: '2026', title: '2026年法治建设工作要点', year: 2026, sourceName: 'plan.xlsx' })
    .returning({ id: plans.id })
    .get().id;
  const unit: Record<string, number> = {};
  for (const name of unitNames) {
    unit[name] = db.insert(units).values({ name, kind: 'division' }).returning({ id: units.id }).get().id;
    db.insert(planUnits).values({ planId, unitId: unit[name]! }).run();
  }
  const taskOf = (number: string, title: string, position: number) =>
    db.insert(tasks).values({ planId, number, title, position }).returning({ id: tasks.id }).get().id;
  // Task 18 is inserted first but comes second in the plan: the list follows the plan's order.
  const task = { '18': taskOf('18', texts.title18 ?? TITLE_18, 2), '5': taskOf('5', '普法责任清单', 1) };
  const requirementOf = (taskId: number, index: number, named: string | null) => {
    const id = db
      .insert(requirements)
      .values({ taskId, index, text: '报送进展', evidence: named })
      .returning({ id: requirements.id })
      .get().id;
    db.insert(deadlineRules)
      .values({ requirementId: id, text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } })
      .run();
    for (const unitId of Object.values(unit))
      db.insert(assignments).values({ requirementId: id, unitId, role: 'lead', createdAt: january, updatedAt: january }).run();
    return id;
  };
  const item = {
    '18①': requirementOf(task['18'], 1, texts.evidence18 ?? '会议纪要、工作方案'),
    '18②': requirementOf(task['18'], 2, null),
    '5①': requirementOf(task['5'], 1, '普法台账'),
  };
  return { db, planId, unit, item, task };
}

/** A report made (and last edited) at `at`, Shanghai time: the latest report is the one edited last. */
function report(office: Office, requirementId: number, unit: string, period: string, at: string): number {
  const moment = sh(at);
  return office.db
    .insert(reports)
    .values({
      requirementId,
      unitId: office.unit[unit]!,
      period,
      status: 'done',
      reportedAt: moment,
      late: false,
      createdAt: moment,
      updatedAt: moment,
    })
    .returning({ id: reports.id })
    .get().id;
}

function attachFile(office: Office, reportId: number): void {
  office.db
    .insert(evidence)
    .values({ reportId, kind: 'document', fileId: `file-${reportId}`, fileUniqueId: `unique-${reportId}`, fileName: '会议纪要.pdf' })
    .run();
}

function allUnits(office: Office): ScopeUnit[] {
  return Object.entries(office.unit).map(([name, id]) => ({ id, name }));
}

function summaryOf(office: Office, scope = allUnits(office)): Summary {
  return buildSummary(office.db, scope, NOW, createCalendar());
}

const missing = (summary: Summary) =>
  summary.plans.flatMap((p) => p.evidenceMissing.map((e) => `${e.unit} ${e.item} ${e.evidence ?? '-'}`));

function identity(over: Partial<Identity>): Identity {
  return { telegramId: 1, person: null, admin: false, liaisonUnits: [], leadPlans: [], leadUnits: [], ...over };
}

describe('the summary lists items reported without the evidence asked for', () => {
  it('lists a requirement naming its evidence reported without files, after the overdue list', () => {
    const office = seedOffice();
    report(office, office.item['18①'], '政策法规处', '2026-03', '2026-03-09T10:00');
    const summary = summaryOf(office);
    // 办公室 and 信用处 never reported 18①: overdue, not "missing evidence".
    expect(summary.plans[0]!.evidenceMissing).toEqual([
      { unit: '政策法规处', item: '18①', title: TITLE_18, evidence: '会议纪要、工作方案' },
    ]);
    const text = renderSummary(i18n, 'zh-CN', summary, '2026年法治建设工作要点');
    const lines = text.split('\n');
    const header = lines.indexOf('📎 已报送但缺少佐证材料（1）：');
    // Right after the overdue list: 18② and 5① of every unit, and 18① of the two that never reported it.
    const overdue = lines.indexOf('❗ 逾期未报（8）：');
    expect(overdue).toBeGreaterThan(0);
    expect(lines.slice(overdue + 1, header)).toEqual([...lines.slice(overdue + 1, overdue + 9), '']);
    expect(lines.slice(overdue + 1, overdue + 9).every((l) => l.includes('已逾期'))).toBe(true);
    // The title cut at 16 characters, as in the other lists.
    expect(lines[header + 1]).toBe('• 政策法规处 18① 推进法治政府建设示范创建工作并总…：缺 会议纪要、工作方案');
  });

  it('drops it once a later report on it carries a file, and lists it again when a report after that carries none', () => {
    const office = seedOffice();
    report(office, office.item['18①'], '政策法规处', '2026-02', '2026-02-09T10:00');
    expect(missing(summaryOf(office))).toEqual(['政策法规处 18① 会议纪要、工作方案']);
    attachFile(office, report(office, office.item['18①'], '政策法规处', '2026-03', '2026-03-09T10:00'));
    expect(missing(summaryOf(office))).toEqual([]);
    // The latest report is what counts, not whether any report ever carried a file.
    report(office, office.item['18①'], '政策法规处', '2026-01', '2026-03-11T15:00');
    expect(missing(summaryOf(office))).toEqual(['政策法规处 18① 会议纪要、工作方案']);
  });

  it('never lists a requirement naming nothing in a plan without points; with points, lists it as wanting proof', () => {
    const office = seedOffice();
    report(office, office.item['18②'], '政策法规处', '2026-03', '2026-03-09T10:00');
    const before = summaryOf(office);
    expect(missing(before)).toEqual([]);
    expect(renderSummary(i18n, 'zh-CN', before, '全部单位')).not.toContain('📎');

    // An assessment plan judges every scored task on proof (digests/score.ts), named or not.
    office.db.update(tasks).set({ points: 10 }).run();
    const scored = summaryOf(office);
    expect(scored.plans[0]!.evidenceMissing).toEqual([{ unit: '政策法规处', item: '18②', title: TITLE_18, evidence: null }]);
    expect(renderSummary(i18n, 'zh-CN', scored, '全部单位')).toContain('\n• 政策法规处 18② 推进法治政府建设示范创建工作并总…：缺佐证材料');
  });

  it("lists in the plan's order of tasks, then item, then unit", () => {
    const office = seedOffice();
    report(office, office.item['18①'], '信用处', '2026-03', '2026-03-09T09:00');
    report(office, office.item['18①'], '政策法规处', '2026-03', '2026-03-09T10:00');
    report(office, office.item['5①'], '办公室', '2026-03', '2026-03-09T11:00');
    office.db.update(tasks).set({ points: 4 }).run();
    report(office, office.item['18②'], '办公室', '2026-03', '2026-03-09T12:00');
    expect(missing(summaryOf(office))).toEqual([
      '办公室 5① 普法台账',
      '政策法规处 18① 会议纪要、工作方案',
      '信用处 18① 会议纪要、工作方案',
      '办公室 18② -',
    ]);
  });

  it("shows a lead of a unit only that unit's items", () => {
    const office = seedOffice();
    report(office, office.item['18①'], '政策法规处', '2026-03', '2026-03-09T10:00');
    report(office, office.item['5①'], '办公室', '2026-03', '2026-03-09T11:00');
    const lead = scopeOf(office.db, identity({ leadUnits: [{ id: office.unit.办公室!, name: '办公室' }] }));
    expect(missing(buildSummary(office.db, lead.plans, NOW, createCalendar()))).toEqual(['办公室 5① 普法台账']);
    const leadOfPlan = scopeOf(office.db, identity({ leadPlans: [{ id: office.planId, title: '2026年法治建设工作要点' }] }));
    expect(missing(buildSummary(office.db, leadOfPlan.plans, NOW, createCalendar()))).toEqual([
      '办公室 5① 普法台账',
      '政策法规处 18① 会议纪要、工作方案',
    ]);
  });

  it('cuts a long list with "…另有 N 项"', () => {
    const names = Array.from({ length: 14 }, (_, i) => `第${String(i + 1).padStart(2, '0')}处`);
    const office = seedOffice(names);
    for (const name of names) report(office, office.item['5①'], name, '2026-03', '2026-03-09T10:00');
    const summary = summaryOf(office);
    expect(summary.plans[0]!.evidenceMissing).toHaveLength(14);
    const lines = renderSummary(i18n, 'zh-CN', summary, '全部单位').split('\n');
    const header = lines.indexOf('📎 已报送但缺少佐证材料（14）：');
    expect(lines.slice(header + 1, header + 14)).toEqual([
      ...names.slice(0, 12).map((name) => `• ${name} 5① 普法责任清单：缺 普法台账`),
      '…另有 2 项',
    ]);
  });

  it("escapes the plan's and the units' text, and cuts a long evidence to one short line", () => {
    const office = seedOffice(['<b>政策</b>处'], {
      title18: 'A&B <i>示范</i>',
      evidence18: '<script>会议纪要</script>\n工作方案、活动照片、宣传报道截图、台账及其他可以证明开展情况的材料',
    });
    report(office, office.item['18①'], '<b>政策</b>处', '2026-03', '2026-03-09T10:00');
    const text = renderSummary(i18n, 'zh-CN', summaryOf(office), '全部单位');
    const line = text.split('\n').find((l) => l.includes('18①') && l.includes('缺 '))!;
    expect(line).toBe(
      '• &lt;b&gt;政策&lt;/b&gt;处 18① A&amp;B &lt;i&gt;示范&lt;/i&gt;：缺 &lt;script&gt;会议纪要&lt;/script&gt; 工作方案、活动照…',
    );
    // Our own markup (the title's <b>) is all the markup there is.
    expect(text).not.toMatch(/<\/?(script|i)>|<b>政策/);
  });

  it('reads in English with none of our Chinese words, and is not part of /overdue', () => {
    const office = seedOffice(['Legal Affairs', 'Office'], { title18: 'Rule of law', evidence18: 'Minutes, work plan' });
    office.db.update(plans).set({ title: 'Plan 2026' }).run();
    office.db.update(tasks).set({ title: 'Legal education' }).where(eq(tasks.id, office.task['5'])).run();
    office.db.update(requirements).set({ evidence: 'Ledger' }).where(eq(requirements.id, office.item['5①'])).run();
    // Scored: 18②, naming nothing, wants proof too.
    office.db.update(tasks).set({ points: 5 }).run();
    report(office, office.item['5①'], 'Office', '2026-03', '2026-03-09T10:00');
    report(office, office.item['18①'], 'Legal Affairs', '2026-03', '2026-03-09T10:00');
    report(office, office.item['18②'], 'Office', '2026-03', '2026-03-09T11:00');
    const summary = summaryOf(office);
    const text = renderSummary(i18n, 'en', summary, 'Plan 2026');
    const lines = text.split('\n');
    const header = lines.indexOf('📎 Reported, evidence still missing (3):');
    expect(lines.slice(header + 1, header + 4)).toEqual([
      '• Office 5① Legal education: missing Ledger',
      '• Legal Affairs 18① Rule of law: missing Minutes, work plan',
      '• Office 18② Rule of law: no evidence',
    ]);
    // Neither Chinese characters nor full-width punctuation (（）：，) anywhere in the English summary.
    expect(text).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    // /overdue is the overdue list alone.
    for (const locale of ['en', 'zh-CN'])
      expect(renderSummary(i18n, locale, summary, 'Plan 2026', { overdueOnly: true })).not.toContain('📎');
  });
});
