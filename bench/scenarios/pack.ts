/**
 * Scenario 9 (issue 15): `duban pack` on a database with 10,000 evidence files of 1 MB (10 GB;
 * 500 at smoke scale). 100 tasks of 3 requirements, 10 units each (a lead, 9 cooperating): ①
 * and ② with 5 files per unit (photos and PDFs, every file its own bytes), ③ with no report (the
 * index marks 10 missing items per task). The bytes are written straight into the file store's
 * layout (no fsync per file: seeding is not measured).
 *
 * The real command line, compiled, as production runs it (`node dist/bin/main.js pack --out
 * FILE.zip --json`: dist/bin/cli.js `main`, snapshot, two passes, fsync and rename), runs in a
 * child process of its own with plain Node (no tsx: its loader alone took ~60 MB, 205–213 MB peak
 * against 183 compiled, issue 17's session), so its peak RSS (getrusage maxRSS) is the pack's
 * alone. dist/ is built first when older than the sources, as for scenario 7. Checks: exit 0, every file
 * and the index in the zip (the zip64 end record's count), the missing items counted, the zip at
 * least as large as the files.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../../deploy/build';
import { fileStoreRoot } from '../../db/file-store';
import { storedPath } from '../../digests/pack/write';
import { figure, tempDatabase, type Scenario } from '../lib';

const MB = 1024 * 1024;
const FILES_PER_UNIT = 5;
const UNITS_PER_REQUIREMENT = 10;
/** Requirements with files per task (① ②); ③ has none. */
const FILED_REQUIREMENTS = 2;
const FILES_PER_TASK = FILES_PER_UNIT * UNITS_PER_REQUIREMENT * FILED_REQUIREMENTS;

interface ChildResult {
  code: number;
  out: string;
  err: string;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

/** The entry count of a zip from its end records (zip64 when the standard record says 0xFFFF). */
function zipEntryCount(file: string): number {
  const size = statSync(file).size;
  const tail = Buffer.alloc(Math.min(size, 1024));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    closeSync(fd);
  }
  const end = tail.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  const count = tail.readUInt16LE(end + 10);
  if (count !== 0xffff) return count;
  const end64 = tail.lastIndexOf(Buffer.from('PK\x06\x06', 'latin1'));
  return Number(tail.readBigUInt64LE(end64 + 32));
}

/** Plan, units, assignments, reports and evidence rows; the bytes of each file in the store. */
export function seed(
  database: ReturnType<typeof tempDatabase>,
  tasks: number,
  storeRoot: string,
  fileBytes = MB,
): { files: number; bytes: number; missingItems: number } {
  const s = database.sqlite;
  const now = Date.parse('2026-06-01T02:00:00Z');
  s.prepare(
    "insert into plans (key, title, year, source_name) values ('bench', '2026年社会信用体系建设考核（压力测试）', 2026, 'bench.xlsx')",
  ).run();
  const addUnit = s.prepare("insert into units (name, kind) values (?, 'division')");
  const units = Array.from({ length: UNITS_PER_REQUIREMENT }, (_, i) => Number(addUnit.run(`第${i + 1}处`).lastInsertRowid));
  const addTask = s.prepare('insert into tasks (plan_id, number, title, position, points) values (1, ?, ?, ?, 4)');
  const addRequirement = s.prepare('insert into requirements (task_id, "index", text, evidence) values (?, ?, ?, ?)');
  const assign = s.prepare('insert into assignments (requirement_id, unit_id, role) values (?, ?, ?)');
  const addReport = s.prepare(
    "insert into reports (requirement_id, unit_id, period, status, note, reported_at, late) values (?, ?, '2026-05', 'done', '已完成', ?, 0)",
  );
  const addStored = s.prepare('insert into stored_files (sha256, size, created_at) values (?, ?, ?)');
  const addEvidence = s.prepare(
    'insert into evidence (report_id, kind, file_id, file_unique_id, file_name, mime_type, size, sha256, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const block = randomBytes(fileBytes);
  let files = 0;
  s.exec('begin');
  for (let t = 1; t <= tasks; t++) {
    const taskId = Number(addTask.run(String(t), `第${t}项考核指标：实施联合奖惩措施`, t).lastInsertRowid);
    for (let index = 1; index <= FILED_REQUIREMENTS + 1; index++) {
      const requirementId = Number(addRequirement.run(taskId, index, `考核要求${index}`, '会议纪要、活动照片').lastInsertRowid);
      for (const [u, unitId] of units.entries()) {
        assign.run(requirementId, unitId, u === 0 ? 'lead' : 'cooperating');
        if (index > FILED_REQUIREMENTS) continue;
        const reportId = Number(addReport.run(requirementId, unitId, now).lastInsertRowid);
        for (let f = 0; f < FILES_PER_UNIT; f++) {
          block.writeUInt32LE(files, 0); // every file its own bytes
          const sha256 = createHash('sha256').update(block).digest('hex');
          const path = storedPath(storeRoot, sha256);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, block);
          addStored.run(sha256, fileBytes, now);
          const photo = f % 2 === 0;
          addEvidence.run(
            reportId,
            photo ? 'photo' : 'document',
            `file-${files}`,
            `unique-${files}`,
            photo ? null : `工作方案${f}.pdf`,
            photo ? null : 'application/pdf',
            fileBytes,
            sha256,
            now + f * 1000,
          );
          files++;
        }
      }
    }
  }
  s.exec('commit');
  return { files, bytes: files * fileBytes, missingItems: tasks * UNITS_PER_REQUIREMENT };
}

export const packScenario: Scenario = {
  name: 'pack',
  description: '`duban pack` of 10,000 evidence files of 1 MB (10 GB): peak RSS and time',
  async run({ scale, log }) {
    const tasks = Math.max(1, Math.round((10_000 * scale) / FILES_PER_TASK));
    const database = tempDatabase();
    const problems: string[] = [];
    try {
      const storeRoot = fileStoreRoot(database.file);
      const seeding = performance.now();
      const expected = seed(database, tasks, storeRoot);
      log(`seeded ${expected.files} files of 1 MB (${tasks} tasks) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      database.close();

      const out = join(dirname(database.file), '迎检材料.zip');
      if (ensureBuilt(log)) log('built dist/ (it was older than the sources)');
      const cli = pathToFileURL(join(ROOT, 'dist', 'bin', 'cli.js')).href;
      const raw = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, database.file, storeRoot, out, cli], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 16 * MB,
      });
      const child = JSON.parse(raw.trim().split('\n').at(-1)!) as ChildResult;
      if (child.code !== 0) throw new Error(`duban pack exited ${child.code}: ${child.err}`);
      const summary = JSON.parse(child.out) as {
        files: number;
        bytes: number;
        zipBytes: number;
        assignments: number;
        missingItems: number;
        missingFiles: number;
      };
      if (summary.files !== expected.files) problems.push(`packed ${summary.files} files, expected ${expected.files}`);
      if (summary.bytes !== expected.bytes) problems.push(`packed ${summary.bytes} bytes, expected ${expected.bytes}`);
      if (summary.missingItems !== expected.missingItems)
        problems.push(`${summary.missingItems} missing items, expected ${expected.missingItems}`);
      if (summary.missingFiles !== 0) problems.push(`${summary.missingFiles} files not packed, expected 0`);
      const entries = zipEntryCount(out);
      if (entries !== expected.files + 1)
        problems.push(`the zip holds ${entries} entries, expected ${expected.files + 1} (the files and 索引.xlsx)`);
      const zipBytes = statSync(out).size;
      if (zipBytes < expected.bytes || zipBytes !== summary.zipBytes)
        problems.push(`the zip has ${zipBytes} bytes (the pack said ${summary.zipBytes}), the files alone ${expected.bytes}`);
      return {
        figures: [
          figure('files', summary.files, ''),
          figure('zip size', zipBytes / MB, 'MB'),
          figure('pack time', child.ms / 1000, 's'),
          figure('  throughput', zipBytes / MB / (child.ms / 1000), 'MB/s'),
          figure('peak RSS (pack process)', child.peakRssMb, 'MB', { op: '<', limit: 200 }),
        ],
        problems,
        notes: [
          `CPU ${(child.cpuMs / 1000).toFixed(1)} s; ${summary.assignments} requirement × unit rows in 索引.xlsx, ${summary.missingItems} without evidence`,
        ],
      };
    } finally {
      database.dispose();
    }
  },
};

/**
 * The child, plain Node: `duban pack --out OUT --json` through the compiled command line's main
 * (what dist/bin/main.js calls), measured. Its arguments: the database, the file store, the zip,
 * and dist/bin/cli.js's URL.
 */
const CHILD = `
const [file, storeRoot, out, cli] = process.argv.slice(1);
const { main } = await import(cli);
const lines = { out: [], err: [] };
const cpu = process.cpuUsage();
const started = performance.now();
const code = await main(['pack', '--out', out, '--json'], {
  out: (t) => lines.out.push(t),
  err: (t) => lines.err.push(t),
  env: { DUBAN_DB: file, DUBAN_FILES: storeRoot },
  now: () => new Date(),
});
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({
  code,
  out: lines.out.join('\\n'),
  err: lines.err.join('\\n'),
  ms: performance.now() - started,
  cpuMs: (used.user + used.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
`;
