/**
 * The synthetic office used by the planning and summary scenarios: one plan of `requirements`
 * requirements (one per task), `units` units each assigned every requirement, one liaison per
 * unit, a lead over the plan, and a year of reports (about 80% of the periods closed before
 * December 2026 reported). Seeded straight with SQL in one transaction; reproducible.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db';
import { readDeadline } from '../../plans/deadline';
import { prng, type TempDb } from '../lib';

export interface OfficeSize {
  units: number;
  requirements: number;
}

export const PLAN_YEAR = 2026;
/** 09:00 Monday 7 December 2026 in Shanghai: 3 working days before Thursday the 10th. */
export const REMINDER_AT = new Date('2026-12-07T01:00:00Z');
/** 10:00 the same day: no reminder falls in the minute before it. */
export const QUIET_AT = new Date('2026-12-07T02:00:00Z');

const DEADLINE_MIX: { text: string; share: number }[] = [
  { text: '每月10日前', share: 0.6 },
  { text: '及时完成', share: 0.2 },
  { text: '每季度末', share: 0.1 },
  { text: '12月底前', share: 0.1 },
];

export interface SeededOffice {
  planId: number;
  unitIds: number[];
  requirementIds: number[];
  assignments: number;
  reports: number;
  leadTelegramId: number;
}

export function seedOffice(database: TempDb, size: OfficeSize, seed = 7): SeededOffice {
  const rand = prng(seed);
  const sqlite = database.sqlite;
  const t0 = new Date(`${PLAN_YEAR}-01-02T01:00:00Z`).getTime();
  const insertPlan = sqlite.prepare(`insert into plans (key, title, year, source_name, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  const insertTask = sqlite.prepare(
    `insert into tasks (plan_id, number, title, content, position, source, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRequirement = sqlite.prepare(
    `insert into requirements (task_id, "index", text, problems, created_at, updated_at) values (?, 1, ?, '[]', ?, ?)`,
  );
  const insertRule = sqlite.prepare(
    `insert into deadline_rules (requirement_id, text, recognized, rule, origin, created_at, updated_at) values (?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertUnit = sqlite.prepare(`insert into units (name, kind, created_at, updated_at) values (?, ?, ?, ?)`);
  const insertPlanUnit = sqlite.prepare(`insert into plan_units (plan_id, unit_id, created_at, updated_at) values (?, ?, ?, ?)`);
  const insertAssignment = sqlite.prepare(
    `insert into assignments (requirement_id, unit_id, role, via_group, created_at, updated_at) values (?, ?, ?, null, ?, ?)`,
  );
  const insertPerson = sqlite.prepare(`insert into people (telegram_id, chat_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)`);
  const insertRole = sqlite.prepare(
    `insert into roles (person_id, role, plan_id, unit_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
  );
  const insertReport = sqlite.prepare(
    `insert into reports (requirement_id, unit_id, period, status, note, count, reported_by, reported_at, late, created_at, updated_at)
     values (?, ?, ?, 'done', null, null, ?, ?, ?, ?, ?)`,
  );

  return sqlite.transaction(() => {
    const planId = Number(
      insertPlan.run(`bench|${PLAN_YEAR}`, `${PLAN_YEAR}年基准测试任务分解表`, PLAN_YEAR, 'bench.xlsx', t0, t0).lastInsertRowid,
    );
    const requirementIds: number[] = [];
    const periodsOf = new Map<number, { key: string; dueDay: number; month: number }[]>();
    let cumulative = 0;
    const mix = DEADLINE_MIX.map((m) => ({ ...m, upTo: (cumulative += m.share) }));
    for (let i = 1; i <= size.requirements; i++) {
      const text = mix.find((m) => (i - 0.5) / size.requirements <= m.upTo + 1e-9)?.text ?? '每月10日前';
      const reading = readDeadline(text, { year: PLAN_YEAR });
      const taskId = Number(
        insertTask.run(planId, String(i), `基准任务${i}`, null, i - 1, `bench.xlsx row ${i + 1}`, t0, t0).lastInsertRowid,
      );
      const requirementId = Number(insertRequirement.run(taskId, `第${i}项要求：按时报送工作进展。`, t0, t0).lastInsertRowid);
      insertRule.run(requirementId, reading.text, reading.recognized ? 1 : 0, reading.rule ? JSON.stringify(reading.rule) : null, t0, t0);
      requirementIds.push(requirementId);
      // Periods closed before December, reported by about 80% of units.
      const periods: { key: string; dueDay: number; month: number }[] = [];
      const kind = reading.rule?.kind;
      if (kind === 'monthly' || kind === 'ongoing')
        for (let m = 1; m <= 11; m++) periods.push({ key: `${PLAN_YEAR}-${String(m).padStart(2, '0')}`, dueDay: 10, month: m });
      if (kind === 'quarterly') for (let q = 1; q <= 3; q++) periods.push({ key: `${PLAN_YEAR}-Q${q}`, dueDay: 28, month: q * 3 });
      periodsOf.set(requirementId, periods);
    }
    const unitIds: number[] = [];
    let assignmentCount = 0;
    let reportCount = 0;
    for (let u = 1; u <= size.units; u++) {
      const unitId = Number(insertUnit.run(`基准单位${String(u).padStart(4, '0')}处`, 'division', t0, t0).lastInsertRowid);
      unitIds.push(unitId);
      insertPlanUnit.run(planId, unitId, t0, t0);
      const telegramId = 100_000 + u;
      const personId = Number(insertPerson.run(telegramId, telegramId, `联络员${u}`, t0, t0).lastInsertRowid);
      insertRole.run(personId, 'liaison', null, unitId, t0, t0);
      for (const requirementId of requirementIds) {
        insertAssignment.run(requirementId, unitId, rand() < 0.7 ? 'lead' : 'cooperating', t0, t0);
        assignmentCount++;
        for (const period of periodsOf.get(requirementId)!) {
          if (rand() >= 0.8) continue;
          const late = rand() < 0.1;
          const at = Date.UTC(PLAN_YEAR, period.month - 1, late ? period.dueDay + 2 : period.dueDay - 2, 2);
          insertReport.run(requirementId, unitId, period.key, personId, at, late ? 1 : 0, at, at);
          reportCount++;
        }
      }
    }
    const leadTelegramId = 90_000;
    const leadId = Number(insertPerson.run(leadTelegramId, leadTelegramId, '分管领导', t0, t0).lastInsertRowid);
    insertRole.run(leadId, 'lead', planId, null, t0, t0);
    return { planId, unitIds, requirementIds, assignments: assignmentCount, reports: reportCount, leadTelegramId };
  })();
}

/** A seeded office in a file of its own: closed (no WAL), for child processes and copies. */
export interface OfficeFile {
  file: string;
  office: SeededOffice;
  /** Seconds spent seeding it (0 when copied from the cache). */
  seedSeconds: number;
  /** Another copy of the same office, in the same temporary directory. */
  copy(name: string): string;
  /** Removes the directory and everything in it. */
  dispose(): void;
}

/**
 * Where seeded offices are kept between runs when DUBAN_BENCH_CACHE names a directory (10,000
 * units take about 40 s to seed, 700 MB); unset, every run seeds its own. A cached file is used
 * only when made by this seeding code against these migrations (their hash is in its name).
 */
function cachedOfficePath(size: OfficeSize, seed: number): string | null {
  const dir = process.env.DUBAN_BENCH_CACHE;
  if (!dir) return null;
  const here = fileURLToPath(import.meta.url);
  const migrations = join(dirname(here), '..', '..', 'db', 'migrations');
  const hash = createHash('sha256').update(readFileSync(here));
  for (const name of readdirSync(migrations).sort()) if (name.endsWith('.sql')) hash.update(readFileSync(join(migrations, name)));
  return join(dir, `office-${size.units}u-${size.requirements}r-s${seed}-${hash.digest('hex').slice(0, 12)}.sqlite`);
}

/** The office of `size` seeded into a fresh temporary file (or copied from DUBAN_BENCH_CACHE). */
export function officeFile(size: OfficeSize, seed = 7): OfficeFile {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-office-'));
  const file = join(dir, 'office.sqlite');
  const cached = cachedOfficePath(size, seed);
  let office: SeededOffice;
  let seedSeconds = 0;
  if (cached && existsSync(cached) && existsSync(`${cached}.json`)) {
    copyFileSync(cached, file);
    office = JSON.parse(readFileSync(`${cached}.json`, 'utf8')) as SeededOffice;
  } else {
    const database = openDatabase(file);
    const started = performance.now();
    try {
      office = seedOffice({ ...database, file, dispose: () => database.close() }, size, seed);
    } finally {
      // Closing the last connection checkpoints the WAL into the file: one file to copy.
      database.close();
    }
    seedSeconds = (performance.now() - started) / 1000;
    if (cached) {
      mkdirSync(dirname(cached), { recursive: true });
      copyFileSync(file, `${cached}.partial`);
      writeFileSync(`${cached}.json`, JSON.stringify(office));
      renameSync(`${cached}.partial`, cached);
    }
  }
  return {
    file,
    office,
    seedSeconds,
    copy(name) {
      const target = join(dir, name);
      copyFileSync(file, target);
      return target;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
