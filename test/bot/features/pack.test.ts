/**
 * /pack in chat (issue 15 item 5): the admin gets the plan's inspection pack as a zip, or as
 * volumes under Telegram's upload limit (TELEGRAM_UPLOAD_MB), each with the whole 索引.xlsx.
 * Admins only; the pack's temporary folder is gone afterwards.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, startE2E } from '../../support/e2e';
import { PNG_1X1, reportWith } from '../../support/report-flow';
import { plans } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

const OFFICE = 2003; // 张伟, liaison of 办公室
const MONDAY = DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
type E2E = Awaited<ReturnType<typeof startE2E>>;

/** /pack as the admin: the bot's messages until its last one ("已发送…"), and each zip sent. */
async function packAs(e2e: E2E, who: number, command = '/pack') {
  const me = e2e.as(who);
  const before = me.transcript().length;
  await me.send(command);
  await e2e.settled();
  const sent = me
    .transcript()
    .slice(before)
    .filter((m) => m.from.kind === 'bot');
  const zips = await Promise.all(sent.filter((m) => m.document).map((m) => JSZip.loadAsync(e2e.emulator.file(m.document!.file_id)!.data)));
  return { sent, zips, texts: sent.map((m) => m.text ?? `[${m.document?.file_name}]`) };
}

async function indexRows(zip: JSZip): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await zip.file('索引.xlsx')!.async('arraybuffer'));
  const rows: string[][] = [];
  const sheet = book.getWorksheet('佐证索引')!;
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text)));
  return rows;
}

const filesIn = (zip: JSZip) =>
  Object.values(zip.files)
    .filter((f) => !f.dir && f.name !== '索引.xlsx')
    .map((f) => f.name)
    .sort();

describe('/pack in chat', () => {
  it('sends the plan’s pack as one zip with the files under indicator and unit, and 索引.xlsx', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const pdf = new TextEncoder().encode('%PDF-1.4 会议纪要');
    await reportWith(e2e, e2e.as(OFFICE), '10①', [{ document: ['会议纪要.pdf', pdf] }, { photo: PNG_1X1 }]);

    const { sent, zips, texts } = await packAs(e2e, ADMIN);
    expect(texts[0]).toMatch(/^正在生成《.+》的迎检材料包/);
    expect(zips).toHaveLength(1);
    const document = sent.find((m) => m.document)!.document!;
    expect(document.file_name).toMatch(/-佐证材料-20260302\.zip$/);
    const names = filesIn(zips[0]!);
    expect(names).toEqual([
      expect.stringMatching(/^10 [^/]+\/办公室\/10① 会议纪要\.pdf$/),
      expect.stringMatching(/^10 [^/]+\/办公室\/10① 照片-2026-03-02-1\.jpg$/),
    ]);
    expect(sha256(await zips[0]!.file(names[0]!)!.async('uint8array'))).toBe(sha256(pdf));

    const rows = await indexRows(zips[0]!);
    expect(rows[0]).not.toContain('所在分卷'); // one zip: no volumes column
    const office = rows.filter((r) => r[3] === '10①' && r[6] === '办公室');
    expect(office.map((r) => r[12])).toEqual(names.sort());
    // Every other item × unit is listed as missing.
    expect(rows.slice(1).filter((r) => r[17] === '缺：未报送').length).toBeGreaterThan(10);
    expect(texts.at(-1)).toMatch(/^已发送：共 2 个佐证文件；\d+ 项“事项 × 责任单位”中，\d+ 项缺少佐证材料/);
    // The temporary folder (snapshot, zip) is gone.
    expect(readdirSync(join(e2e.files.root, 'tmp'))).toEqual([]);
    expect(e2e.errors).toEqual([]);
  });

  it('sends volumes under the upload limit, each a whole zip with the whole index saying where each file is', async () => {
    // 0.6 MB a file: three files of 180 kB cannot share one volume (two can, with the index).
    const e2e = await startE2E({ now: MONDAY, env: { TELEGRAM_UPLOAD_MB: '0.6' } });
    const bytes = [randomBytes(180_000), randomBytes(180_000), randomBytes(180_000)];
    await reportWith(e2e, e2e.as(OFFICE), '10①', [{ document: ['方案.pdf', bytes[0]!] }, { document: ['纪要.pdf', bytes[1]!] }]);
    const lost = new TextEncoder().encode('%PDF-1.4 档案中丢失的文件');
    await reportWith(e2e, e2e.as(LIAISON), '1①', [{ document: ['台账.pdf', bytes[2]!] }, { document: ['丢失.pdf', lost] }]);
    // One file's bytes are gone from the archive: every volume's index says so.
    rmSync(e2e.files.pathOf(sha256(lost)));

    const { sent, zips, texts } = await packAs(e2e, ADMIN);
    expect(texts).toContainEqual(expect.stringMatching(/^材料包约 [\d.]+ MB，超过 Telegram 单个文件 0\.6 MB 的上限，将分 2 卷发送/));
    expect(zips).toHaveLength(2);
    const documents = sent.filter((m) => m.document).map((m) => m.document!);
    expect(documents.map((d) => d.file_name)).toEqual([expect.stringMatching(/-第1卷\.zip$/), expect.stringMatching(/-第2卷\.zip$/)]);
    for (const d of documents) expect(d.file_size).toBeLessThanOrEqual(0.6 * 1024 * 1024);

    // Every file in exactly one volume, bytes whole.
    const all = [...filesIn(zips[0]!), ...filesIn(zips[1]!)];
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
    const hashes = await Promise.all(
      zips.flatMap((zip) => filesIn(zip).map(async (name) => sha256(await zip.file(name)!.async('uint8array')))),
    );
    expect(hashes.sort()).toEqual(bytes.map(sha256).sort());

    // Both indexes list every file with its volume.
    for (const zip of zips) {
      const rows = await indexRows(zip);
      const column = rows[0]!.indexOf('所在分卷');
      expect(column).toBeGreaterThan(0);
      const withFile = rows.slice(1).filter((r) => r[12] !== '' && r[17] === '');
      expect(withFile.map((r) => `${r[12]}|${r[column]}`).sort()).toEqual(
        [...filesIn(zips[0]!).map((n) => `${n}|第1卷`), ...filesIn(zips[1]!).map((n) => `${n}|第2卷`)].sort(),
      );
      expect(rows.filter((r) => r[12] === '1① 丢失.pdf').map((r) => `${r[17]}|${r[column]}`)).toEqual(['缺：存档文件夹中找不到该文件|']);
    }
    expect(texts.at(-1)).toMatch(
      /^已发送：共 3 个佐证文件；.*\n有 1 个文件没能打包（尚未存档或档案中找不到），索引\.xlsx 中已逐一标明；可请相关联络员用 \/edit 重新发送。$/,
    );
    expect(e2e.errors).toEqual([]);
  });

  it('packs an archived plan named by number, and is for admins only', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const refused = await e2e.as(LEAD).send('/pack');
    expect(refused.text).toBe('您没有使用这个命令的权限。');
    const liaison = await e2e.as(LIAISON).send('/pack');
    expect(liaison.text).toBe('您没有使用这个命令的权限。');

    const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
    e2e.db.update(plans).set({ archivedAt: MONDAY }).run();
    const { zips, texts } = await packAs(e2e, ADMIN, `/pack #${plan.id}`);
    expect(zips).toHaveLength(1);
    expect(texts.at(-1)).toMatch(/^已发送：共 0 个佐证文件/);
    // Without a number, no live plan is left to pick.
    const none = await e2e.as(ADMIN).send('/pack');
    expect(none.text).not.toMatch(/迎检材料包/);
    expect(existsSync(join(e2e.files.root, 'tmp'))).toBe(true);
  });
});
