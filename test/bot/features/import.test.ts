import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { ADMIN, LIAISON, buttons, startE2E } from '../../support/e2e';
import { plans, tasks } from '../../../db/schema';
import { fuzhouWorkbook } from '../../../sandbox/demo/fuzhou-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('/import from chat', () => {
  it('shows what it understood, writes nothing until confirmed, then imports; a re-import shows no change', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    expect((await admin.send('/import')).text).toMatch(/^请发送工作方案或任务分解表文件/);
    const reading = await admin.sendDocument('福州2020.xlsx', await fuzhouWorkbook(), XLSX);
    expect(reading.text).toBe('正在读取 福州2020.xlsx…');
    const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('福州市') ?? false, {
      since: reading.message_id,
    });
    expect(preview.text).toContain(
      '福州市不动产登记和交易中心2020年社会信用体系建设任务分解表（2020）\n读取自：福州2020.xlsx\n7 个部分，18 项任务，35 条要求，7 个单位，5 个量化目标。',
    );
    expect(preview.text).toContain('截止时间：34 条已识别，1 条未能识别。');
    expect(preview.text).toContain('这是一个新计划，确认后将全部导入。');
    expect(preview.text).toContain('需要处理的问题（3 个）：\n• 福州2020.xlsx 工作表“任务分解表” 第');
    expect(buttons(preview)).toEqual([['✅ 确认导入', '📄 预览表格'], ['取消']]);
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(1);

    // A 2020 plan in 2026: the admin says how to run it (test/bot/features/import-years.test.ts).
    const question = await admin.pressForReply(preview, '✅ 确认导入');
    expect(question.text).toMatch(/^⚠️ 这是 2020 年的计划，今年是 2026 年。/);
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(1);
    const done = await admin.pressForReply(question, '按 2020 年（仅作历史记录）');
    expect(done.text).toBe(
      '✅ 已导入：福州市不动产登记和交易中心2020年社会信用体系建设任务分解表。新增 18 项任务，更新 0 项，归档 0 项；新单位：无。\n按 2020 年运行，仅作历史记录：不提醒，也不计逾期。',
    );
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(2);

    // The same file again, sent without the command: the preview says nothing would change.
    const again = await admin.sendDocument('福州2020.xlsx', await fuzhouWorkbook(), XLSX);
    const second = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('福州市') ?? false, { since: again.message_id });
    expect(second.text).toContain('与已导入的同名计划相比：新增 0 项任务，更新 0 项，归档 0 项，未变 18 项。');
    expect((await admin.pressForReply(second, '取消')).text).toBe('已取消导入，没有改动任何数据。');
    expect(e2e.errors).toEqual([]);
  });

  it('reads pasted text sent in several messages', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    await admin.send('/import');
    const text = readFileSync(new URL('../../fixtures/xiamen-2022-work-points.txt', import.meta.url), 'utf8');
    // A Telegram message holds at most 4,096 characters: the plan comes in pieces, cut at line ends.
    const pieces: string[] = [''];
    for (const line of text.split('\n')) {
      if (pieces.at(-1)!.length + line.length > 3000) pieces.push('');
      pieces[pieces.length - 1] += `${line}\n`;
    }
    expect(pieces.length).toBeGreaterThan(1);
    let received = await admin.send(pieces[0]!);
    for (const piece of pieces.slice(1)) received = await admin.send(piece);
    expect(received.text).toMatch(/^已收到 [\d,]+ 字。继续粘贴，或点“文本已发完”。$/);
    const preview = await admin.pressForReply(received, '文本已发完');
    expect(preview.text).toMatch(/^厦门市社会信用体系建设2022年工作要点（2022）\n读取自：粘贴的文本\n7 个部分，36 项任务/);
    const question = await admin.pressForReply(preview, '✅ 确认导入');
    await admin.pressForReply(question, '按 2022 年（仅作历史记录）');
    expect(
      e2e.db.select({ n: count() }).from(tasks).innerJoin(plans, eq(plans.id, tasks.planId)).where(eq(plans.year, 2022)).get()!.n,
    ).toBe(36);
  });

  it('refuses a damaged file with the reason and changes nothing; only admins import', async () => {
    const e2e = await startE2E();
    await e2e.as(ADMIN).send('/import');
    const reading = await e2e.as(ADMIN).sendDocument('plan.xlsx', new TextEncoder().encode('not a workbook'), XLSX);
    const refused = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('❌') ?? false, { since: reading.message_id });
    expect(refused.text).toBe('❌ 无法导入：plan.xlsx：不是 .xlsx 工作簿（文件已损坏或是其他类型的文件）');
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(1);
    expect((await e2e.as(LIAISON).send('/import')).text).toBe('您没有使用这个命令的权限。');
  });
});
