import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { main, type CliIo } from '../../bin/cli';
import { openDatabase } from '../../db';
import { requirements, tasks } from '../../db/schema';
import { fuzhouWorkbook } from '../../sandbox/demo/fuzhou-workbook';
import { tempDir } from '../support/db';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, now = new Date('2026-11-22T04:00:00Z')) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, now: () => now };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('duban deadline', () => {
  it('prints the next due moments as JSON in Shanghai time', async () => {
    const { code, out } = await cli(['deadline', '每月 10 日 前', '--from', '2026-01-15', '--count', '3', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      text: '每月10日前',
      recognized: true,
      due: ['2026-02-10T23:59:59+08:00', '2026-03-10T23:59:59+08:00', '2026-04-10T23:59:59+08:00'],
    });
  });

  it('defaults --from to today in Shanghai and the year to that of --from', async () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Shanghai.
    const { out } = await cli(['deadline', '3月底前', '--json'], {}, new Date('2026-12-31T17:00:00Z'));
    expect(JSON.parse(out).due).toEqual(['2027-03-31T23:59:59+08:00']);
  });

  it('says recognized false with no dates, exit 0, for text it cannot read', async () => {
    const { code, out } = await cli(['deadline', '10 日片子', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ text: '10日片子', recognized: false, due: [] });
  });

  it('recognises ongoing and event-relative forms with no due dates', async () => {
    for (const text of ['及时完成', '七个工作日内']) {
      expect(JSON.parse((await cli(['deadline', text, '--json'])).out)).toEqual({ text, recognized: true, due: [] });
    }
  });

  it('refuses a bad --from or --count with exit 2', async () => {
    expect(await cli(['deadline', '每月10日前', '--from', '2026-13-01'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--from'),
    });
    expect(await cli(['deadline', '每月10日前', '--count', '0'])).toMatchObject({ code: 2, err: expect.stringContaining('--count') });
  });
});

describe('duban import', () => {
  it('--dry-run --json prints the plan and writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'fuzhou.xlsx');
    writeFileSync(file, await fuzhouWorkbook());
    const db = join(dir, 'db.sqlite');
    const { code, out } = await cli(['import', file, '--dry-run', '--json'], { DUBAN_DB: db });
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['plan', 'tasks', 'units', 'ignored', 'problems']);
    expect(json.plan).toEqual({ title: '福州市不动产登记和交易中心2020年社会信用体系建设任务分解表', year: 2020 });
    expect(json.tasks[0]).toEqual({
      number: '1',
      title: '部署社会信用体系建设工作',
      section: '完善工作机制',
      points: null,
      requirements: [
        {
          text: '①至少召开两次社会信用体系建设工作会议。',
          deadline: { text: '12月底前', recognized: true },
          lead: ['政策法规处'],
          cooperating: ['中心各处室', '各分中心', '各直属单位'],
          quota: { target: 2, unit: '次', period: 'once' },
          evidence: null,
        },
        {
          text: '②制定2020年社会信用体系建设工作方案。',
          deadline: { text: '3月底前', recognized: true },
          lead: ['政策法规处'],
          cooperating: ['中心各处室', '各分中心', '各直属单位'],
          quota: null,
          evidence: null,
        },
      ],
    });
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });

  it('words each problem in English from the en locale, beside its code, arguments and location', async () => {
    const file = join(tempDir(), 'xiamen.txt');
    writeFileSync(file, readFileSync(new URL('../fixtures/xiamen-2022-work-points.txt', import.meta.url)));
    const json = JSON.parse((await cli(['import', file, '--dry-run', '--json'])).out);
    expect(json.problems.find((p: { code: string }) => p.code === 'group-unassigned')).toEqual({
      where: 'xiamen.txt line 32, item 一',
      message: '"各有关单位" does not say which units it means; an admin assigns them after import',
      code: 'group-unassigned',
      args: { name: '各有关单位' },
      location: { file: 'xiamen.txt', line: 32, item: '一' },
    });
    const text = (await cli(['import', file, '--dry-run'])).out;
    expect(text).toContain(
      `${json.problems.length} problem(s):\n  - xiamen.txt: items that name no deadline follow the notice's reporting cycle "每季度"\n`,
    );
    const png = join(tempDir(), 'plan.png');
    writeFileSync(png, '\x89PNG');
    expect(await cli(['import', png])).toMatchObject({
      code: 1,
      err: 'plan.png: .png files are not supported; send .docx, .pdf, .xlsx, .csv, .tsv or .txt',
    });
  });

  it('commits, then a second import reports no changes', async () => {
    const dir = tempDir();
    const file = join(dir, 'fuzhou.xlsx');
    writeFileSync(file, await fuzhouWorkbook());
    const env = { DUBAN_DB: join(dir, 'db.sqlite') };
    const first = await cli(['import', file], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Created plan #1\.\nTasks: 18 added \(1, 2, .*18\), 0 updated, 0 archived, 0 unchanged\.\nRequirements: 35 added/,
    );
    const second = await cli(['import', file, '--json'], env);
    expect(JSON.parse(second.out)).toMatchObject({ created: false, tasks: { unchanged: 18 }, requirements: { added: 0, updated: 0 } });
    const database = openDatabase(env.DUBAN_DB);
    expect(database.db.select({ n: count() }).from(requirements).get()!.n).toBe(35);
    database.close();
  });

  it('refuses bad input with a non-zero exit and leaves the database unchanged', async () => {
    const dir = tempDir();
    const env = { DUBAN_DB: join(dir, 'db.sqlite') };
    const good = join(dir, 'fuzhou.xlsx');
    writeFileSync(good, await fuzhouWorkbook());
    await cli(['import', good], env);
    const bad = join(dir, 'broken.xlsx');
    writeFileSync(bad, 'PK\u0003\u0004 this is no workbook');
    const result = await cli(['import', bad], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^broken\.xlsx: the workbook cannot be read/);
    expect((await cli(['import', join(dir, 'missing.csv')], env)).err).toMatch(/missing\.csv: no such file$/);
    const database = openDatabase(env.DUBAN_DB);
    expect(database.db.select({ n: count() }).from(tasks).get()!.n).toBe(18);
    database.close();
  });
});

describe('npx duban (the installed command)', () => {
  it('runs from the repository and prints the contract JSON', async () => {
    const { stdout } = await run(
      'npx',
      ['--no-install', 'duban', 'deadline', '每个双数月15日前', '--from', '2026-03-01', '--count', '2', '--json'],
      {
        cwd: root,
        env: { ...process.env, npm_config_yes: 'false' },
      },
    );
    expect(JSON.parse(stdout)).toEqual({
      text: '每个双数月15日前',
      recognized: true,
      due: ['2026-04-15T23:59:59+08:00', '2026-06-15T23:59:59+08:00'],
    });
  });
});

describe('duban units merge', () => {
  it('merges two names of one unit in the database, and refuses an unknown one', async () => {
    const dir = tempDir();
    const file = join(dir, 'plan.txt');
    writeFileSync(file, '某局2026年信用工作要点\n(一)建立制度。(责任单位:局办公室,办公室)\n');
    const env = { DUBAN_DB: join(dir, 'db.sqlite') };
    expect((await cli(['import', file], env)).code).toBe(0);
    const merged = await cli(['units', 'merge', '局办公室', '办公室'], env);
    expect(merged).toMatchObject({
      code: 0,
      out: 'Merged "局办公室" into "办公室": 1 assignment(s) and 0 report(s) moved; "局办公室" is now an alias.',
    });
    expect(await cli(['units', 'merge', '局办公室', '办公室'], env)).toMatchObject({
      code: 1,
      err: '"局办公室" and "办公室" are already one unit',
    });
    expect(await cli(['units', 'merge', '财务处', '办公室'], env)).toMatchObject({ code: 1, err: 'no unit named "财务处"' });
    expect(await cli(['units', 'split'], env)).toMatchObject({ code: 2 });
  });
});

describe('duban backup', () => {
  it('copies the database online, while another connection writes, into a file that opens with the same data', async () => {
    const dir = tempDir();
    const file = join(dir, 'fuzhou.xlsx');
    writeFileSync(file, await fuzhouWorkbook());
    const env = { DUBAN_DB: join(dir, 'db.sqlite') };
    await cli(['import', file], env);
    const writer = openDatabase(env.DUBAN_DB); // the running bot's connection
    writer.sqlite.exec('begin');
    writer.sqlite.prepare("insert into audit_log (at, actor_label, action) values (1, 'bot', 'in.flight')").run();
    const target = join(dir, 'backup.sqlite');
    const result = await cli(['backup', target], env);
    writer.sqlite.exec('commit');
    writer.close();
    expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/^Backed up .*db\.sqlite to .*backup\.sqlite \(\d+ pages\)\.$/) });
    const copy = openDatabase(target);
    expect(copy.db.select({ n: count() }).from(tasks).get()!.n).toBe(18);
    expect(copy.db.select({ n: count() }).from(requirements).get()!.n).toBe(35);
    // The uncommitted write was not in the copy: a backup is a consistent snapshot.
    expect(copy.sqlite.prepare("select count(*) as n from audit_log where action = 'in.flight'").get()).toEqual({ n: 0 });
    copy.close();
    expect((await cli(['backup', target], { DUBAN_DB: join(dir, 'missing.sqlite') })).code).toBe(1);
  });
});
