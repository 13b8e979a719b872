/**
 * Issue 12: a Chinese admin reads the importer's problems and refusals in Chinese, an English
 * one in English; the readers report codes and the bot words them (plans/problems.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { ADMIN, startE2E } from '../../support/e2e';
import { plans } from '../../../db/schema';

const XIAMEN = 'xiamen-2022-work-points.txt';
const xiamen = () => readFileSync(new URL(`../../fixtures/${XIAMEN}`, import.meta.url));

/** English words in a text, once file names and commands are taken out. */
function englishWords(text: string): string[] {
  return (
    text
      .replace(/[\w.-]+\.(?:txt|xlsx|csv|tsv|png)\b/g, '')
      .replace(/\/units merge \S+ \S+/g, '')
      .match(/[a-z]{4,}/gi) ?? []
  );
}

async function importAs(e2e: Awaited<ReturnType<typeof startE2E>>, name: string, data: Uint8Array) {
  const admin = e2e.as(ADMIN);
  await admin.send('/import');
  const reading = await admin.sendDocument(name, data);
  return { reading, answer: await e2e.emulator.waitForBotMessage(ADMIN, undefined, { since: reading.message_id }) };
}

describe("/import speaks the admin's language", () => {
  it("a Chinese admin sees the Xiamen plan's problems in Chinese, with where they are", async () => {
    const e2e = await startE2E();
    const { answer: preview } = await importAs(e2e, XIAMEN, xiamen());
    const text = preview.text ?? '';
    expect(text).toContain('需要处理的问题（15 个）：');
    const problems = text.slice(text.indexOf('需要处理的问题'));
    expect(problems).toBe(
      [
        '需要处理的问题（15 个）：',
        '• xiamen-2022-work-points.txt：未写截止时间的条目按通知规定的报送周期“每季度”报送',
        // Problems of one kind together, each shown in full when they differ.
        '• xiamen-2022-work-points.txt 第42行，第五项：“司法局”按列表中只写一次的前缀读作“市司法局”；如有误，请在预览表格（📄）或原文件中改正（同类问题共 12 处）',
        '  ◦ xiamen-2022-work-points.txt 第42行，第五项：“农业农村局”按列表中只写一次的前缀读作“市农业农村局”；如有误，请在预览表格（📄）或原文件中改正',
        '  ◦ xiamen-2022-work-points.txt 第42行，第五项：“税务局”按列表中只写一次的前缀读作“市税务局”；如有误，请在预览表格（📄）或原文件中改正',
        '  …同类问题另有 9 处',
        '• xiamen-2022-work-points.txt 第32行，第一项：“各有关单位”没有说明指哪些单位，导入后由管理员指定',
        '• xiamen-2022-work-points.txt 第72行，第十八项：本计划中没有“各区政府”所指的单位；请补上这些单位后重新导入',
        '',
        '点“📄 预览表格”可下载本预览的电子表格：在表中改正后把文件发回，即按表格内容导入。',
      ].join('\n'),
    );
    expect(englishWords(text)).toEqual([]);
  });

  it('a Chinese admin is told in Chinese why a file is refused, in plain text as the file is named', async () => {
    const e2e = await startE2E();
    const { reading, answer } = await importAs(e2e, 'R&D <计划>.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(reading.text).toBe('正在读取 R&D <计划>.png…');
    expect(answer.text).toBe('❌ 无法导入：R&D <计划>.png：不支持 .png 文件，请发送 .docx、.pdf、.xlsx、.csv、.tsv 或 .txt 文件');
    expect(e2e.db.select({ n: count() }).from(plans).get()!.n).toBe(1);
  });

  it('pasted text that is no plan is refused in Chinese, the text called what it is', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    await admin.send('/import');
    const received = await admin.send('这是一段说明文字，没有编号。');
    const refused = await admin.pressForReply(received, '文本已发完');
    expect(refused.text).toBe('❌ 无法导入：粘贴的文本：没有找到编号条目（应有以“(一)”或“1.”开头的行），也没有表头行');
  });

  it('a plan that uses a task number twice is refused in Chinese before the preview (the conversation failed)', async () => {
    const e2e = await startE2E();
    const plan =
      '2026年工作要点\n(一)推进甲。(责任单位:市信用办;完成时限:12月底前)\n(二)推进乙。(责任单位:市发改委;完成时限:12月底前)\n(一)推进丙。(责任单位:市财政局;完成时限:12月底前)\n';
    const { answer } = await importAs(e2e, '重复.txt', new TextEncoder().encode(plan));
    expect(answer.text).toBe(
      '❌ 无法导入：重复.txt：任务号 一 用了两次（重复.txt 第2行，第一项；重复.txt 第4行，第一项）；请给每项任务单独编号后重新导入',
    );
    expect(e2e.errors).toEqual([]);
  });

  it('an admin who chose English reads the same problems and refusals in English', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    await admin.press(await admin.send('/language'), 'English');
    const { answer: preview } = await importAs(e2e, XIAMEN, xiamen());
    expect(preview.text).toContain(
      [
        'Problems to fix (15):',
        '• xiamen-2022-work-points.txt: items that name no deadline follow the notice\'s reporting cycle "每季度"',
        '• xiamen-2022-work-points.txt line 42, item 五: "司法局" read as "市司法局" (the list writes the prefix once); if wrong, fix it in the preview sheet (📄) or your file (12 problems of this kind)',
      ].join('\n'),
    );
    expect(preview.text).toContain(
      '• xiamen-2022-work-points.txt line 32, item 一: "各有关单位" does not say which units it means; an admin assigns them after import',
    );
    await admin.pressForReply(preview, 'Cancel');
    const { answer: refused } = await importAs(e2e, 'a&b.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(refused.text).toBe('❌ Cannot import: a&b.png: .png files are not supported; send .docx, .pdf, .xlsx, .csv, .tsv or .txt');
  });
});
