/**
 * Measures building the ledger (not a test: vitest runs *.test.ts only).
 *
 *   npx tsx test/digests/ledger/ledger-bench.ts seed /tmp/big.sqlite [units] [requirements]
 *   npx tsx test/digests/ledger/ledger-bench.ts build /tmp/big.sqlite /tmp/big.xlsx [now]
 *   npx tsx test/digests/ledger/ledger-bench.ts demo /tmp/ledger.xlsx
 *
 * Seeding and building run in separate processes so the peak RSS printed is the build's.
 * The synthetic plan: 1,000 units × 100 requirements (25 tasks × 4), every unit assigned
 * every requirement (100,000 ledger rows); monthly, ongoing, quarterly and once deadlines;
 * reports for January–March from 80% of the units, one in ten late, a third with evidence.
 */
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../../db';
import { people, plans } from '../../../db/schema';
import { seedDemo } from '../../../sandbox/demo/seed';
import { buildLedger } from '../../../digests/ledger';

const [mode, file, ...rest] = process.argv.slice(2);

function seedSynthetic(dbFile: string, unitCount: number, requirementCount: number): void {
  const { db, sqlite, close } = openDatabase(dbFile);
  const now = Date.parse('2026-01-01T00:00:00Z');
  sqlite.transaction(() => {
    const planId = db
      .insert(plans)
      .values({
        key: 'bench',
        title: '某省2026年社会信用体系建设任务分解表',
        year: 2026,
        sourceName: 'bench.xlsx',
        createdAt: new Date(now),
        updatedAt: new Date(now),
      })
      .returning({ id: plans.id })
      .get().id;
    const reporter = db.insert(people).values({ telegramId: 1, chatId: 1, name: '联络员甲' }).returning({ id: people.id }).get().id;
    const insertUnit = sqlite.prepare("insert into units (name, kind, created_at, updated_at) values (?, 'bureau', ?, ?)");
    const unitIds: number[] = [];
    for (let u = 1; u <= unitCount; u++) unitIds.push(Number(insertUnit.run(`第${u}县发展和改革局`, now, now).lastInsertRowid));
    const insertTask = sqlite.prepare(
      'insert into tasks (plan_id, number, title, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
    );
    const insertRequirement = sqlite.prepare(
      'insert into requirements (task_id, "index", text, created_at, updated_at) values (?, ?, ?, ?, ?)',
    );
    const insertRule = sqlite.prepare(
      'insert into deadline_rules (requirement_id, text, recognized, rule, created_at, updated_at) values (?, ?, 1, ?, ?, ?)',
    );
    const insertAssignment = sqlite.prepare(
      'insert into assignments (requirement_id, unit_id, role, created_at, updated_at) values (?, ?, ?, ?, ?)',
    );
    const insertReport = sqlite.prepare(
      'insert into reports (requirement_id, unit_id, period, status, note, count, reported_by, reported_at, late, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertEvidence = sqlite.prepare(
      "insert into evidence (report_id, kind, file_id, file_unique_id, created_at, updated_at) values (?, 'photo', ?, ?, ?, ?)",
    );
    const rules = [
      { text: '每月10日前', rule: { kind: 'monthly', day: 10, months: null }, periods: ['2026-01', '2026-02', '2026-03'] },
      { text: '及时完成', rule: { kind: 'ongoing' }, periods: ['2026-01', '2026-02', '2026-03'] },
      { text: '每季度', rule: { kind: 'quarterly', day: 'last' }, periods: ['2026-Q1'] },
      { text: '6月30日前', rule: { kind: 'once', year: null, month: 6, day: 30 }, periods: [] },
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const statuses = ['done', 'in_progress', 'blocked', 'nothing'];
    const taskCount = Math.ceil(requirementCount / 4);
    for (let t = 0; t < taskCount; t++) {
      const taskId = Number(
        insertTask.run(planId, String(t + 1), `第${t + 1}项重点工作任务：推进信用信息归集共享与应用`, t, now, now).lastInsertRowid,
      );
      for (let i = 1; i <= 4 && t * 4 + i <= requirementCount; i++) {
        const text = `${'①②③④'[i - 1]}按要求完成第${t + 1}项任务的第${i}项工作，定期报送工作进度，确保数据完整、准确、及时。`;
        const requirementId = Number(insertRequirement.run(taskId, i, text, now, now).lastInsertRowid);
        const rule = rules[(t * 4 + i) % rules.length]!;
        insertRule.run(requirementId, rule.text, JSON.stringify(rule.rule), now, now);
        for (const [n, unitId] of unitIds.entries()) {
          insertAssignment.run(requirementId, unitId, n === 0 ? 'lead' : 'cooperating', now, now);
          for (const period of rule.periods) {
            if (random() > 0.8) continue;
            const late = random() < 0.1;
            const at =
              Date.parse(`${period.startsWith('2026-Q') ? '2026-03' : period}-0${late ? 9 : 5}T02:00:00Z`) + (late ? 86_400_000 * 3 : 0);
            const reportId = Number(
              insertReport.run(
                requirementId,
                unitId,
                period,
                statuses[Math.floor(random() * 4)],
                random() < 0.5 ? '已按要求完成本月工作，相关材料已归档。' : null,
                random() < 0.3 ? 3 : null,
                reporter,
                at,
                late ? 1 : 0,
                at,
                at,
              ).lastInsertRowid,
            );
            if (random() < 0.3) insertEvidence.run(reportId, `f${reportId}`, `u${reportId}`, at, at);
          }
        }
      }
    }
  })();
  close();
}

async function measure(build: () => Promise<Buffer>, out: string): Promise<void> {
  const before = process.memoryUsage().rss / 1e6;
  const started = performance.now();
  const buffer = await build();
  const ms = performance.now() - started;
  writeFileSync(out, buffer);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `built ${out}: ${(buffer.length / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s, RSS ${before.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB`,
  );
}

if (mode === 'seed' && file) {
  seedSynthetic(file, Number(rest[0] ?? 1000), Number(rest[1] ?? 100));
  console.log(`seeded ${file}`);
} else if (mode === 'build' && file && rest[0]) {
  const { db, close } = openDatabase(file);
  await measure(() => buildLedger(db, { now: new Date(rest[1] ?? '2026-03-20T08:00:00Z') }), rest[0]);
  close();
} else if (mode === 'demo' && file) {
  const { db, close } = openDatabase(':memory:');
  await seedDemo(db, { year: 2026, now: new Date('2026-01-05T02:00:00Z') });
  await measure(() => buildLedger(db, { now: new Date('2026-03-20T08:00:00Z') }), file);
  close();
} else {
  console.error('usage: ledger-bench.ts seed FILE [units] [requirements] | build FILE OUT [now] | demo OUT');
  process.exitCode = 2;
}
