/**
 * The inspection pack (issue 15, item 5): `duban pack --out FILE.zip [--plan ID]` and the
 * builder behind it (digests/pack): folders per task and unit, readable Chinese names with
 * the UTF-8 flag, the bytes from the archive, 索引.xlsx listing every assignment with missing
 * evidence marked, and which plan is packed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { runCli } from '../support/cli';
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { choosePackPlan, PackPlanError } from '../../digests/pack/data';
import { INDEX_HEADERS, MISSING_WORDS } from '../../digests/pack/index-sheet';
import { lacksEvidence, layoutTask, taskFolders, type PackEvidence, type PackTask } from '../../digests/pack/layout';
import { FILE_NAME_MAX, FOLDER_NAME_MAX, NameSpace, safeFileName, safeFolderName } from '../../digests/pack/names';
import { storedPath, writePack } from '../../digests/pack/write';
import { freshDatabase } from '../support/db';
import { addPlan, BYTES, seedPack, sha256 } from './pack-fixture';

const NOW = new Date('2026-11-22T04:00:00Z');

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env, NOW);

/** The zip's file entries (folders left out) by name. */
async function entries(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

/** Each central directory entry's name and whether its UTF-8 flag (general purpose bit 11) is set. */
function centralNames(file: string): { name: string; utf8: boolean }[] {
  const bytes = readFileSync(file);
  const end = bytes.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const found: { name: string; utf8: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    found.push({ name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'), utf8: (flags & 0x0800) !== 0 });
    at += 46 + skip;
  }
  return found;
}

async function indexRows(zipFile: string): Promise<string[][]> {
  const index = (await entries(zipFile)).get('索引.xlsx')!;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(index as never);
  const sheet = workbook.getWorksheet('佐证索引')!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(
      Array.from({ length: INDEX_HEADERS.length }, (_, i) =>
        values[i + 1] === null || values[i + 1] === undefined ? '' : String(values[i + 1]),
      ),
    );
  });
  return rows;
}

const column = (name: (typeof INDEX_HEADERS)[number]) => INDEX_HEADERS.indexOf(name);

describe('names in the pack', () => {
  it('turns what Windows refuses into full-width forms, trims, and keeps reserved names off', () => {
    expect(safeFolderName('19 公开/公示：信用*信息? <a|b> "c" \\d')).toBe('19 公开／公示：信用＊信息？ ＜a｜b＞ ＂c＂ ＼d');
    expect(safeFolderName('  政策法规处. ')).toBe('政策法规处');
    expect(safeFolderName('a\u0000b\tc\r\nd')).toBe('ab c d');
    expect(safeFolderName('')).toBe('_');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('com1')).toBe('_com1');
    expect(safeFileName('..')).toBe('_');
  });

  it('caps names by characters, keeping a file extension and whole surrogate pairs', () => {
    const long = '联'.repeat(300);
    expect(Array.from(safeFolderName(long))).toHaveLength(FOLDER_NAME_MAX);
    const file = safeFileName(`${long}.pdf`);
    expect(Array.from(file)).toHaveLength(FILE_NAME_MAX);
    expect(file.endsWith('联.pdf')).toBe(true);
    const emoji = safeFolderName('😀'.repeat(100));
    expect(Array.from(emoji)).toHaveLength(FOLDER_NAME_MAX);
    expect(emoji).toBe('😀'.repeat(FOLDER_NAME_MAX));
  });

  it('numbers the same name in a folder (2), (3), ignoring case', () => {
    const names = new NameSpace(FILE_NAME_MAX);
    expect(['照片.jpg', '照片.jpg', '照片.JPG', 'report.pdf', 'REPORT.pdf'].map((n) => names.take(n, { keepExtension: true }))).toEqual([
      '照片.jpg',
      '照片 (2).jpg',
      '照片 (3).JPG',
      'report.pdf',
      'REPORT (2).pdf',
    ]);
    const capped = new NameSpace(10);
    expect(capped.take('一二三四五六.pdf', { keepExtension: true })).toBe('一二三四五六.pdf');
    expect(capped.take('一二三四五六.pdf', { keepExtension: true })).toBe('一二 (2).pdf');
  });

  it('gives tasks unique folders, none named like the index', () => {
    expect(
      taskFolders([
        { number: '1', title: '任务' },
        { number: '1', title: '任务' },
        { number: '2', title: 'a/b' },
      ]),
    ).toEqual(['1 任务', '1 任务 (2)', '2 a／b']);
  });
});

describe('the layout of a task', () => {
  const task: PackTask = {
    id: 1,
    number: '18',
    title: '实施联合奖惩措施',
    points: 6,
    requirements: [{ id: 10, index: 3, text: '要求', evidence: '会议纪要' }],
  };
  const file = (id: number, values: Partial<PackEvidence>): PackEvidence => ({
    id,
    requirementId: 10,
    unitId: 1,
    kind: 'photo',
    text: null,
    fileName: null,
    mimeType: null,
    size: 10,
    sha256: String(id).padStart(64, 'a'),
    createdAt: new Date('2026-03-04T17:00:00Z'), // 5 March in Shanghai
    ...values,
  });

  it('names photos by their day in Shanghai and number, files by their name, each behind its item label', () => {
    const layout = layoutTask(task, '18 实施联合奖惩措施', {
      assignments: [{ requirementId: 10, unitId: 1, unitName: '政策法规处', role: 'lead' }],
      latest: [],
      evidence: [
        file(1, {}),
        file(2, {}),
        file(3, { kind: 'document', fileName: 'C:\\材料\\方案.docx' }),
        file(4, { kind: 'document', fileName: '方案.docx' }),
        file(5, { kind: 'note', text: '情况说明', sha256: null }),
      ],
    });
    expect(layout.entries.map((e) => e.path)).toEqual([
      '18 实施联合奖惩措施/政策法规处/18③ 照片-2026-03-05-1.jpg',
      '18 实施联合奖惩措施/政策法规处/18③ 照片-2026-03-05-2.jpg',
      '18 实施联合奖惩措施/政策法规处/18③ 方案.docx',
      '18 实施联合奖惩措施/政策法规处/18③ 方案 (2).docx',
      '18 实施联合奖惩措施/政策法规处/18③ 说明-2026-03-05-1.txt',
    ]);
    // Files without a report row: the pair is listed as not reported, whatever the files.
    expect(layout.rows.every((r) => r.report === null)).toBe(true);
  });

  it('lays out the same rows the same way, and lists a file missing from the store without a path', () => {
    const rows = {
      assignments: [{ requirementId: 10, unitId: 1, unitName: '政策法规处', role: 'lead' as const }],
      latest: [],
      evidence: [file(1, {}), file(2, {})],
    };
    const first = layoutTask(task, 'T', rows);
    expect(layoutTask(task, 'T', rows)).toEqual(first);
    const again = layoutTask(task, 'T', rows, new Map([[1, 'not-in-store']]));
    expect(again.entries.map((e) => e.evidenceId)).toEqual([2]);
    expect(again.rows.map((r) => [r.file?.path ?? null, r.missing])).toEqual([
      [null, 'not-in-store'],
      ['T/政策法规处/18③ 照片-2026-03-05-2.jpg', null],
    ]);
  });

  it('lists a requirement no unit is assigned in its place, as missing evidence, so the index names every requirement', () => {
    const three: PackTask = {
      ...task,
      requirements: [
        { id: 9, index: 1, text: '第一项', evidence: null },
        { id: 10, index: 2, text: '第二项（未分配）', evidence: '平台截图' },
        { id: 11, index: 3, text: '第三项', evidence: null },
      ],
    };
    const layout = layoutTask(three, 'T', {
      assignments: [
        { requirementId: 9, unitId: 1, unitName: '政策法规处', role: 'lead' },
        { requirementId: 11, unitId: 1, unitName: '政策法规处', role: 'lead' },
      ],
      latest: [],
      evidence: [],
    });
    expect(layout.rows.map((r) => [r.item, r.unit, r.role, r.missing])).toEqual([
      ['18①', '政策法规处', 'lead', 'no-report'],
      ['18②', '', null, 'no-unit'],
      ['18③', '政策法规处', 'lead', 'no-report'],
    ]);
    expect(lacksEvidence([layout.rows[1]!])).toBe(true);
  });
});

describe('which plan is packed', () => {
  it('the only live plan; with several, a refusal listing them; --plan for any plan, archived too', () => {
    const { db } = freshDatabase();
    expect(() => choosePackPlan(db)).toThrow(new PackPlanError('there is no live plan to pack (--plan ID packs an archived one)'));
    const old = addPlan(db, '2025年考核', { archived: true });
    const first = addPlan(db, '2026年考核');
    expect(choosePackPlan(db)).toMatchObject({ id: first, title: '2026年考核', archived: false });
    const second = addPlan(db, '2026年补充考核');
    expect(() => choosePackPlan(db)).toThrow(
      `there are 2 live plans; choose one with --plan ID:\n  ${first}  2026年考核 (2026)\n  ${second}  2026年补充考核 (2026)`,
    );
    expect(choosePackPlan(db, second).id).toBe(second);
    expect(choosePackPlan(db, old)).toMatchObject({ id: old, archived: true });
    expect(() => choosePackPlan(db, 999)).toThrow('there is no plan 999');
  });
});

describe('writePack', () => {
  it('finds files where the file store keeps them', () => {
    const root = join(freshDatabase().dir, 'files');
    const hash = sha256(Buffer.from('x'));
    expect(storedPath(root, hash)).toBe(new FileStore(root).pathOf(hash));
  });

  it('packs folders per task and unit, readable UTF-8 names, the archived bytes, and 索引.xlsx', async () => {
    const database = freshDatabase();
    const fixture = await seedPack(database);
    expect(storedPath(fixture.store.root, sha256(BYTES.pdf))).toBe(fixture.store.pathOf(sha256(BYTES.pdf)));
    const out = join(database.dir, '迎检材料.zip');
    const summary = await writePack(database.db, fixture.store.root, out, { now: NOW });
    expect(existsSync(`${out}.tmp`)).toBe(false);
    expect(summary).toMatchObject({ files: 6, assignments: 5, missingItems: 2, missingFiles: 1, notInStore: 0, damaged: 0 });

    const files = await entries(out);
    const T18 = '18 实施联合奖惩措施';
    const T19 = '19 公开／公示：信用＊信息？';
    expect([...files.keys()]).toEqual([
      `${T18}/政策法规处/18① 会议纪要.pdf`,
      `${T18}/政策法规处/18① 照片-2026-03-05-1.jpg`,
      `${T18}/政策法规处/18① 照片-2026-03-05-2.jpg`,
      `${T18}/政策法规处/18② 会议纪要.pdf`,
      `${T18}/政策法规处/18② 链接-2026-05-10-1.txt`,
      `${T19}/信息管理处/19① 文件-2026-03-20-1.zip`,
      '索引.xlsx',
    ]);
    expect(files.get(`${T18}/政策法规处/18① 会议纪要.pdf`)).toEqual(BYTES.pdf);
    expect(files.get(`${T18}/政策法规处/18① 照片-2026-03-05-2.jpg`)).toEqual(BYTES.photo2);
    expect(files.get(`${T18}/政策法规处/18② 会议纪要.pdf`)).toEqual(BYTES.sameName);
    expect(files.get(`${T19}/信息管理处/19① 文件-2026-03-20-1.zip`)).toEqual(BYTES.unnamed);
    expect(files.get(`${T18}/政策法规处/18② 链接-2026-05-10-1.txt`)!.toString('utf8')).toBe(
      '\ufeffhttps://credit.example.gov.cn/案例/1\r\n',
    );
    expect(summary.bytes).toBe(
      [...files.entries()].filter(([name]) => name !== '索引.xlsx').reduce((sum, [, bytes]) => sum + bytes.length, 0),
    );
    // Every name carries the UTF-8 flag, so Windows and macOS show the Chinese.
    const headers = centralNames(out);
    expect(headers.map((h) => h.name)).toEqual([...files.keys()]);
    expect(headers.every((h) => h.utf8)).toBe(true);

    const rows = await indexRows(out);
    expect(rows[0]).toEqual([...INDEX_HEADERS]);
    const pick = (row: string[]) => [
      row[column('事项')],
      row[column('责任单位')],
      row[column('牵头/配合')],
      row[column('佐证文件（包内路径）')],
      row[column('缺失说明')],
    ];
    expect(rows.slice(1).map(pick)).toEqual([
      ['18①', '政策法规处', '牵头', `${T18}/政策法规处/18① 会议纪要.pdf`, ''],
      ['18①', '政策法规处', '牵头', `${T18}/政策法规处/18① 照片-2026-03-05-1.jpg`, ''],
      ['18①', '政策法规处', '牵头', `${T18}/政策法规处/18① 照片-2026-03-05-2.jpg`, ''],
      ['18①', '信息管理处', '配合', '', MISSING_WORDS['no-files']],
      ['18②', '政策法规处', '牵头', `${T18}/政策法规处/18② 会议纪要.pdf`, ''],
      ['18②', '政策法规处', '牵头', `${T18}/政策法规处/18② 链接-2026-05-10-1.txt`, ''],
      ['18②', '政策法规处', '牵头', '18② 典型案例.docx', MISSING_WORDS['not-archived']],
      ['18②', '综合处', '配合', '', MISSING_WORDS['no-report']],
      ['19①', '信息管理处', '牵头', `${T19}/信息管理处/19① 文件-2026-03-20-1.zip`, ''],
    ]);
    const first = rows[1]!;
    expect(first.slice(0, 6)).toEqual(['18', '实施联合奖惩措施', '6', '18①', '建立联合奖惩工作机制', '会议纪要、活动照片']);
    // The latest report (April's, late) with its note; the file's size, date (Shanghai) and hash.
    expect([first[column('最近报送期次')], first[column('报送状态')], first[column('报送时间')], first[column('报送说明')]]).toEqual([
      '2026年4月',
      '已完成（逾期报送）',
      '2026-04-08 10:00',
      '持续推进',
    ]);
    expect([first[column('大小（字节）')], first[column('文件日期')], first[column('SHA-256')]]).toEqual([
      String(BYTES.pdf.length),
      '2026-03-05 10:00',
      sha256(BYTES.pdf),
    ]);
    expect(rows[6]![column('链接或说明')]).toBe('https://credit.example.gov.cn/案例/1');
    expect(rows[8]![column('最近报送期次')]).toBe('');
  });

  it('marks a file missing from the archive or damaged there, and still packs the rest', async () => {
    const database = freshDatabase();
    const fixture = await seedPack(database);
    rmSync(fixture.store.pathOf(sha256(BYTES.photo1)));
    writeFileSync(fixture.store.pathOf(sha256(BYTES.photo2)), 'not the photo');
    const out = join(database.dir, 'pack.zip');
    const summary = await writePack(database.db, fixture.store.root, out, { now: NOW });
    expect(summary).toMatchObject({ files: 5, missingFiles: 3, notInStore: 1, damaged: 1, missingItems: 2 });
    const files = await entries(out);
    expect(files.has('18 实施联合奖惩措施/政策法规处/18① 照片-2026-03-05-1.jpg')).toBe(false);
    expect(files.get('18 实施联合奖惩措施/政策法规处/18① 照片-2026-03-05-2.jpg')!.toString()).toBe('not the photo');
    const rows = await indexRows(out);
    expect(rows.slice(2, 4).map((r) => [r[column('佐证文件（包内路径）')], r[column('缺失说明')]])).toEqual([
      ['18① 照片-2026-03-05-1.jpg', MISSING_WORDS['not-in-store']],
      ['18 实施联合奖惩措施/政策法规处/18① 照片-2026-03-05-2.jpg', MISSING_WORDS.damaged],
    ]);
  });
});

describe('duban pack', () => {
  it('writes the zip and says what is in it in one line; refuses a choice of plans with exit 1', async () => {
    const database = freshDatabase();
    await seedPack(database);
    const env = { DUBAN_DB: database.file };
    const out = join(database.dir, 'pack.zip');
    const done = await cli(['pack', '--out', out], env);
    expect(done).toEqual({
      code: 0,
      out: `Wrote ${out} (plan 1): 6 file(s), ${done.out.match(/: 6 file\(s\), (.+?);/)![1]}; 2 of 5 item(s) × unit without evidence; 1 file(s) not packed.`,
      err: '',
    });
    expect((await entries(out)).size).toBe(7);

    const json = await cli(['pack', '--out', out, '--json'], env);
    expect(JSON.parse(json.out)).toMatchObject({
      out,
      plan: { id: 1, title: '2026年社会信用体系建设考核' },
      files: 6,
      assignments: 5,
      missingItems: 2,
      missingFiles: 1,
    });

    const second = addPlan(database.db, '2026年补充考核');
    rmSync(out);
    expect(await cli(['pack', '--out', out], env)).toEqual({
      code: 1,
      out: '',
      err: `there are 2 live plans; choose one with --plan ID:\n  1  2026年社会信用体系建设考核 (2026)\n  ${second}  2026年补充考核 (2026)`,
    });
    expect(existsSync(out) || existsSync(`${out}.tmp`)).toBe(false);
    expect((await cli(['pack', '--out', out, '--plan', String(second)], env)).out).toContain('0 file(s), 0 B; 0 of 0 item(s)');
  });

  it('reads the files from DUBAN_FILES; warns about archived files it cannot find', async () => {
    const database = freshDatabase();
    const fixture = await seedPack(database);
    expect(fixture.store.root).toBe(fileStoreRoot(database.file));
    const out = join(database.dir, 'pack.zip');
    const elsewhere = await cli(['pack', '--out', out], { DUBAN_DB: database.file, DUBAN_FILES: join(database.dir, 'empty') });
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.err).toBe(`warning: 5 archived file(s) are missing from ${join(database.dir, 'empty')}; 索引.xlsx marks them`);
    expect(elsewhere.out).toContain(': 1 file(s)'); // the link alone
  });

  it('wants --out (exit 2)', async () => {
    const database = freshDatabase();
    expect(await cli(['pack'], { DUBAN_DB: database.file })).toMatchObject({
      code: 2,
      err: expect.stringContaining('pack takes --out FILE.zip'),
    });
    expect(await cli(['pack', '--out', 'x.zip', '--plan', 'two'], { DUBAN_DB: database.file })).toMatchObject({
      code: 2,
      err: expect.stringContaining('--plan'),
    });
  });
});
