import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { ADMIN, LIAISON, startE2E } from '../../support/e2e';
import { people, roles, units } from '../../../db/schema';
import { main } from '../../../bin/cli';
import { tempDir } from '../../support/db';

async function workbookText(e2e: Awaited<ReturnType<typeof startE2E>>, fileId: string): Promise<string> {
  const file = e2e.emulator.file(fileId);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file!.data) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('\n');
}

describe('/export and duban export', () => {
  it('sends admins the whole ledger and a lead of one unit only that unit; liaisons may not', async () => {
    const e2e = await startE2E();
    const all = await e2e.as(ADMIN).send('/export');
    expect(all.document?.file_name).toBe('台账-20260302.xlsx');
    expect(all.text).toBe('台账（全部单位），截至 2026年3月2日（周一）。');
    const text = await workbookText(e2e, all.document!.file_id);
    expect(text).toContain('政策法规处');
    expect(text).toContain('人力资源处');

    const office = e2e.db.select().from(units).where(eq(units.name, '办公室')).get()!;
    const chen = e2e.db.select().from(people).where(eq(people.telegramId, 2002)).get()!;
    e2e.db.insert(roles).values({ personId: chen.id, role: 'lead', unitId: office.id }).run();
    const scoped = await e2e.as(2002).send('/export');
    const scopedText = await workbookText(e2e, scoped.document!.file_id);
    expect(scopedText).toContain('办公室');
    expect(scopedText).not.toContain('人力资源处');
    expect((await e2e.as(LIAISON).send('/export')).text).toBe('您没有使用这个命令的权限。');
  });

  it('writes the same ledger from the command line, and refuses a bad period', async () => {
    const e2e = await startE2E();
    const dir = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      env: { DUBAN_DB: e2e.sqlite.name },
      now: () => new Date('2026-03-15T02:00:00Z'),
    };
    const file = join(dir, 'ledger.xlsx');
    expect(await main(['export', '--out', file, '--period', '2026-03'], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Wrote .*ledger\.xlsx: \d+ ledger row\(s\), 0 report\(s\)\.$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['任务台账', '报送记录']);
    expect(await main(['export', '--out', file, '--period', '2026-13'], io)).toBe(1);
    expect(err.at(-1)).toMatch(/^period: expected a month written YYYY-MM/);
    expect(await main(['export'], io)).toBe(2);
  });
});
