/**
 * Issue 15's "done when", end to end through the emulator with the real Chaoyang assessment
 * table beside the demo's Fuzhou plan: the admin imports it in chat and sets its assessment
 * date; two liaisons who joined by invite send a PDF and a photo for indicator 三; the bytes are
 * in the archive under their sha256; the plan's lead opens them from /unit; /score puts points
 * at risk on the units that sent nothing; /pack returns a zip whose 索引.xlsx lists every
 * requirement and whose folders hold the files.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import { and, eq, isNull } from 'drizzle-orm';
import { ADMIN, buttons, startE2E } from '../../support/e2e';
import { PNG_1X1, reportWith } from '../../support/report-flow';
import { plans, requirements, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

const MONDAY = DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate();
const CHAOYANG = readFileSync(new URL('../../fixtures/chaoyang-2019-assessment-indicators.txt', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const YINGSHANG = 5101; // liaison of 市营商局
const CENTRE = 5102; // liaison of 市政府经济发展信息中心
const CY_LEAD = 5103; // lead of the Chaoyang plan
const PDF = new TextEncoder().encode('%PDF-1.4 政务诚信建设 工作方案（营商局）');

type E2E = Awaited<ReturnType<typeof startE2E>>;

const linkCode = (text: string | undefined) => text?.match(/\?start=([\w-]+)/)?.[1] ?? '';

async function importChaoyang(e2e: E2E): Promise<number> {
  const admin = e2e.as(ADMIN);
  await admin.send('/import');
  const reading = await admin.sendDocument('朝阳市评估指标.txt', CHAOYANG, 'text/plain');
  const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('社会信用体系建设示范城市') ?? false, {
    since: reading.message_id,
  });
  const question = await admin.pressForReply(preview, '✅ 确认导入');
  const done = await admin.pressForReply(question, '滚动到 2026 年运行');
  expect(done.text).toMatch(/^✅ 已导入：社会信用体系建设示范城市评估指标细则/);
  const plan = e2e.db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.year, 2026), isNull(plans.archivedAt)))
    .all()
    .at(-1)!;
  // Indicators name no deadline: they are due on the assessment date.
  expect((await admin.send(`/deadline #${plan.id} 评估 11月30日前`)).text).toMatch(
    /中 42 项未写截止时间的要求的截止时间定为评估日期“11月30日前”（2026年11月30日）/,
  );
  return plan.id;
}

async function join(e2e: E2E, id: number, invite: string) {
  e2e.emulator.createUser({ id, firstName: `用户${id}`, languageCode: 'zh-hans' });
  const code = linkCode((await e2e.as(ADMIN).send(invite)).text);
  expect((await e2e.as(id).send(`/start ${code}`)).text).toMatch(/^您好/);
}

describe('issue 15 done when: the Chaoyang assessment, end to end', () => {
  it('archives a PDF and a photo, shows them to the lead, puts points at risk on the units without proof, and packs them', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const planId = await importChaoyang(e2e);
    await join(e2e, YINGSHANG, '/invite 市营商局');
    await join(e2e, CENTRE, '/invite 市政府经济发展信息中心');
    await join(e2e, CY_LEAD, `/invite 领导 #${planId}`);

    await reportWith(e2e, e2e.as(YINGSHANG), '三①', [{ document: ['政务诚信工作方案.pdf', PDF] }]);
    await reportWith(e2e, e2e.as(CENTRE), '三①', [{ photo: PNG_1X1 }]);
    await e2e.settled();

    // The bytes on disk, under their hashes.
    expect(new Uint8Array(readFileSync(e2e.files.pathOf(sha256(PDF))))).toEqual(PDF);
    const photoHashes = [...e2e.files.hashes()].filter((h) => h !== sha256(PDF));
    expect(photoHashes).toHaveLength(1);
    expect(sha256(readFileSync(e2e.files.pathOf(photoHashes[0]!)))).toBe(photoHashes[0]);

    // The lead opens the PDF from /unit.
    const lead = e2e.as(CY_LEAD);
    const first = await lead.send('/unit 市营商局');
    const pick = await e2e.emulator.waitForBotMessage(CY_LEAD, (m) => m.text?.startsWith('点按钮取回') ?? false, {
      since: first.message_id - 1,
    });
    const button = buttons(pick)
      .flat()
      .find((b) => b.includes('三①'))!;
    const before = lead.transcript().length;
    await lead.press(pick, button);
    await e2e.settled();
    const returned = lead
      .transcript()
      .slice(before)
      .find((m) => m.document)!;
    expect(returned.document!.file_name).toBe('政务诚信工作方案.pdf');
    expect(sha256(new Uint8Array(e2e.emulator.file(returned.document!.file_id)!.data))).toBe(sha256(PDF));

    // /score: indicator 三 (6 points, 5 requirements × 3 units) has 2 of 15 pairs proven; 市委组织部 sent nothing.
    const scoreStart = lead.transcript().length;
    await lead.send('/score');
    await e2e.settled();
    const score = lead
      .transcript()
      .slice(scoreStart)
      .map((m) => m.text ?? '')
      .join('\n');
    expect(score).toContain('三 政务诚信建设（6 分）');
    expect(score).toContain('已有佐证：2/15 · 失分风险 5.2 分');
    expect(score).toMatch(/\n市委组织部：[^\n]*三[^\n]*失分风险/);
    expect(
      lead
        .transcript()
        .slice(scoreStart)
        .some((m) => m.photo),
    ).toBe(true);

    // /pack: every requirement in 索引.xlsx, the files in their folders.
    const admin = e2e.as(ADMIN);
    const packStart = admin.transcript().length;
    await admin.send(`/pack #${planId}`);
    await e2e.settled();
    const zipMessage = admin
      .transcript()
      .slice(packStart)
      .find((m) => m.document)!;
    const zip = await JSZip.loadAsync(e2e.emulator.file(zipMessage.document!.file_id)!.data);
    const files = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(files).toContainEqual(expect.stringMatching(/^三 政务诚信建设\/市营商局\/三① 政务诚信工作方案\.pdf$/));
    expect(files).toContainEqual(expect.stringMatching(/^三 政务诚信建设\/市政府经济发展信息中心\/三① 照片-2026-03-02-1\.jpg$/));
    const pdfEntry = files.find((f) => f.endsWith('政务诚信工作方案.pdf'))!;
    expect(sha256(await zip.file(pdfEntry)!.async('uint8array'))).toBe(sha256(PDF));

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await zip.file('索引.xlsx')!.async('arraybuffer'));
    const sheet = book.getWorksheet('佐证索引')!;
    const items = new Set<string>();
    let unassigned = 0;
    sheet.eachRow((row, n) => {
      if (n > 1) items.add(`${row.getCell(1).text}|${row.getCell(4).text}`);
      if (row.getCell(18).text === '缺：未分配责任单位（无人报送）') unassigned++;
    });
    // 四④, 四⑤, 五④, 五⑤ and 八③ name "(各责任单位)": read as the indicator's other units, so every requirement has units.
    expect(unassigned).toBe(0);
    const expected = e2e.db
      .select({ number: tasks.number, index: requirements.index })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.planId, planId), isNull(requirements.archivedAt)))
      .all();
    expect(items.size).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(40);
    expect(e2e.errors).toEqual([]);
  });
});
