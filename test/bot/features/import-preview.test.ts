/**
 * Issue 13 item 7, in chat: the preview counts what was read (points, evidence), quotes the
 * lines that became no task with why, groups the problems by kind, and offers itself as a
 * sheet to correct and send back — to admins only, checked at the press.
 */
import { readDeadline } from '../../../plans/deadline';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { ADMIN, LEAD, buttons, startE2E } from '../../support/e2e';
import { deadlineRules, people, plans, requirements, roles, tasks } from '../../../db/schema';
import { fuzhouWorkbook } from '../../../sandbox/demo/fuzhou-workbook';
import { readPlan, type PlanPreview } from '../../../plans/import';
import { dryRunCommit } from '../../../plans/dry-run';
import { TASKS_SHEET } from '../../../plans/preview-sheet';
import { createI18n } from '../../../bot/i18n';
import { importPreviewParts, PREVIEW_IGNORED } from '../../../bot/features/import';
import { parseTelegramHtml } from '../../../sandbox/emulator/html';
import { freshDatabase } from '../../support/db';
import type { IgnoredReason } from '../../../plans/plan';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const i18n = createI18n();

/** An assessment table with points and evidence, three requirements naming no unit (rows 4–6), one unreadable deadline. */
const ASSESSMENT = [
  '2019年信用建设评估指标任务分解表',
  '序号,重点任务,具体要求,完成时限,牵头单位,分值,考核要求',
  '1,信用信息归集,按月报送归集数据,每月10日前,区发改局,10,报送清单',
  '2,信用承诺,推行信用承诺制,12月底前,,7.5,承诺书<样本>',
  '3,信用修复,办理信用修复,视情况而定,,2.5,',
  '4,诚信宣传,开展诚信宣传,6月底前,,,',
  ...[5, 6, 7, 8, 9, 10].map((n) => `${n},任务${n},推进第${n}项工作,${n}月底前,区发改局,,`),
].join('\n');

async function assessment(): Promise<PlanPreview> {
  const preview = await readPlan('评估&指标.csv', new TextEncoder().encode(ASSESSMENT));
  // Lines a prose reader would have set aside, one of each reason and some more.
  const reasons: IgnoredReason[] = [
    'notice',
    'preamble',
    'goals',
    'organization',
    'work-requirements',
    'signature',
    'attachment-heading',
    'page-furniture',
    'heading',
    'scoring-rule',
  ];
  const ignored = [...reasons, 'notice', 'signature'].map((reason, i) => ({
    where: { file: '评估&指标.csv', line: i + 1 },
    text: `第${i + 1}行<原文>${'长'.repeat(80)}`,
    reason: reason as IgnoredReason,
  }));
  return { ...preview, ignored };
}

function previewText(locale: 'zh-CN' | 'en', preview: PlanPreview): string {
  const parts = importPreviewParts(
    { t: (key, vars) => i18n.t(locale, key, vars) },
    preview,
    dryRunCommit(freshDatabase().db, preview, { actor: { personId: null, label: 'test' }, now: new Date() }),
  );
  return parts.map((part) => parseTelegramHtml(part).text).join('\n');
}

describe('the import preview in chat', () => {
  it('counts points and evidence, quotes the first ignored lines with why, and groups problems by kind', async () => {
    const preview = await assessment();
    expect(preview.tasks.map((t) => t.points)).toEqual([10, 7.5, 2.5, null, null, null, null, null, null, null]);
    const text = previewText('zh-CN', preview);
    expect(text).toContain('分值：3 项任务有分值，合计 20 分。\n佐证材料：2 条要求写明了考核要求或佐证材料。');
    expect(text).toContain('没有作为任务或要求导入的内容（12 行）：\n• 第1行（印发通知正文）：第1行<原文>长长');
    for (const reason of [
      '方案前言',
      '工作目标',
      '组织领导',
      '工作要求/保障措施',
      '落款',
      '附件标题',
      '网页信息',
      '标题行',
      '评分标准/细则',
    ]) {
      expect(text).toContain(`（${reason}）：`);
    }
    expect(text.split('\n').filter((line) => line.startsWith('• 第'))).toHaveLength(PREVIEW_IGNORED);
    expect(text).toContain(`…另有 ${12 - PREVIEW_IGNORED} 行，见预览表格`);
    // The same kind once, its places listed; single problems in full.
    expect(text).toContain(
      [
        '需要处理的问题（4 个）：',
        '• 未写责任单位（共 3 处：第4行，第1条要求；第5行，第1条要求；第6行，第1条要求）',
        '• 评估&指标.csv 第5行，第1条要求：无法识别截止时间“视情况而定”',
      ].join('\n'),
    );
    expect(text).toMatch(/没有作为任务或要求导入的内容[\s\S]*需要处理的问题[\s\S]*点“📄 预览表格”/);
  });

  it('counts deadlines not written apart from those written but not understood', async () => {
    const preview = await assessment();
    expect(previewText('zh-CN', preview)).toContain('截止时间：9 条已识别，1 条未能识别。');
    // Task 4 names no deadline at all.
    const none = readDeadline('');
    const task4 = preview.tasks[3]!;
    const withNone = {
      ...preview,
      tasks: preview.tasks.map((t) => (t === task4 ? { ...t, requirements: t.requirements.map((r) => ({ ...r, deadline: none })) } : t)),
    };
    expect(previewText('zh-CN', withNone)).toContain('截止时间：8 条已识别，1 条未能识别，1 条未写。');
    expect(previewText('en', withNone)).toContain('Deadlines: 8 read, 1 not read, 1 not given.');
  });

  it('escapes what the file says, and words everything in English for an English admin', async () => {
    const preview = await assessment();
    const parts = importPreviewParts(
      { t: (key, vars) => i18n.t('zh-CN', key, vars) },
      preview,
      dryRunCommit(freshDatabase().db, preview, { actor: { personId: null, label: 'test' }, now: new Date() }),
    );
    expect(parts.join('\n')).toContain('第1行&lt;原文&gt;');
    expect(parts.join('\n')).not.toContain('<原文>');

    const english = previewText('en', preview);
    expect(english).toContain('Points: 3 tasks carry points, 20 in all.\nEvidence: 2 requirements name what must be submitted as proof.');
    expect(english).toContain('Not imported as a task or requirement (12 lines):\n• line 1 (the notice publishing the plan): ');
    expect(english).toContain('• no responsible unit given (3 places: row 4, requirement 1; row 5, requirement 1; row 6, requirement 1)');
    expect(english).not.toMatch(/印发通知正文|需要处理|分值：/);
  });
});

describe('the preview sheet from chat', () => {
  it('is sent on a press; corrected and sent back, it is previewed and imported as it says', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    const reading = await admin.sendDocument('福州2020.xlsx', await fuzhouWorkbook(), XLSX);
    const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('福州市') ?? false, {
      since: reading.message_id,
    });
    expect(preview.text).toContain('截止时间：34 条已识别，1 条未能识别。');

    const sheet = await admin.pressForReply(preview, '📄 预览表格');
    expect(sheet.document?.file_name).toBe('预览-福州市不动产登记和交易中心2020年社会信用体系建设任务分解表.xlsx');
    expect(sheet.text).toMatch(/^预览表格：改正后把文件发回即按表格导入。/);
    // The preview's buttons stay: the admin may still confirm or cancel.
    expect(buttons(preview)).toEqual([['✅ 确认导入', '📄 预览表格'], ['取消']]);

    // The admin fixes the deadline nobody could read (task 18's second item).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(e2e.emulator.file(sheet.document!.file_id)!.data) as unknown as ArrayBuffer);
    let fixed = 0;
    workbook.getWorksheet(TASKS_SHEET)!.eachRow((row) => {
      if (row.getCell(1).value === '18' && row.getCell(5).value === '10日片子') {
        row.getCell(5).value = '10月底前';
        fixed++;
      }
    });
    expect(fixed).toBe(1);
    const corrected = new Uint8Array(await workbook.xlsx.writeBuffer());

    // Sent while the first preview still waits: read as a new import of the sheet.
    const again = await admin.sendDocument('预览-福州.xlsx', corrected, XLSX);
    const second = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('福州市') ?? false, { since: again.message_id });
    expect(second.text).toContain('读取自：预览-福州.xlsx\n7 个部分，18 项任务，35 条要求，7 个单位，5 个量化目标。');
    expect(second.text).toContain('截止时间：35 条已识别，0 条未能识别。');
    const question = await admin.pressForReply(second, '✅ 确认导入');
    await admin.pressForReply(question, '按 2020 年（仅作历史记录）');
    // The demo's own Fuzhou plan stays as it was; the sheet's plan has the fix.
    const rules = e2e.db
      .select({ text: deadlineRules.text })
      .from(deadlineRules)
      .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .innerJoin(plans, eq(plans.id, tasks.planId))
      .where(eq(plans.sourceName, '预览-福州.xlsx'))
      .all()
      .map((r) => r.text);
    expect(rules).toHaveLength(35);
    expect(rules).toContain('10月底前');
    expect(rules).not.toContain('10日片子');
    expect(e2e.errors).toEqual([]);
  });

  it('leaves the preview waiting: the admin may take the sheet and still confirm', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    const reading = await admin.sendDocument('福州2020.xlsx', await fuzhouWorkbook(), XLSX);
    const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('福州市') ?? false, {
      since: reading.message_id,
    });
    expect((await admin.pressForReply(preview, '📄 预览表格')).document).toBeDefined();
    expect((await admin.pressForReply(preview, '📄 预览表格')).document).toBeDefined();
    const question = await admin.pressForReply(preview, '✅ 确认导入');
    expect(question.text).toMatch(/^⚠️ 这是 2020 年的计划/);
    await admin.pressForReply(question, '按 2020 年（仅作历史记录）');
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(2);
    expect(e2e.errors).toEqual([]);
  });

  it('is refused to someone who is no admin any more at the press, and nothing is sent', async () => {
    const e2e = await startE2E();
    const lead = e2e.db.select().from(people).where(eq(people.telegramId, LEAD)).get()!;
    const granted = e2e.db.insert(roles).values({ personId: lead.id, role: 'admin' }).returning().get();
    const reading = await e2e.as(LEAD).sendDocument('福州2020.xlsx', await fuzhouWorkbook(), XLSX);
    const preview = await e2e.emulator.waitForBotMessage(LEAD, (m) => m.text?.startsWith('福州市') ?? false, { since: reading.message_id });
    e2e.db.update(roles).set({ revokedAt: e2e.clock.now() }).where(eq(roles.id, granted.id)).run();
    const answer = await e2e.as(LEAD).pressForAnswer(preview, { text: '📄 预览表格' });
    expect(answer).toMatchObject({ text: '您没有使用这个命令的权限。', showAlert: true });
    expect(e2e.emulator.transcript(LEAD).filter((m) => m.document && m.from.kind === 'bot')).toEqual([]);
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(1);
  });
});
