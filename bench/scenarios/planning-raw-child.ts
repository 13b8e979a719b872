/**
 * The planning scenario's yardstick: SQLite alone inserting the rows the planner planned, into
 * a copy of the office as it was before (same schema, indexes, foreign keys), in the planner's
 * order, with one prepared statement in one transaction. Runs in a process of its own, like the
 * planner's ticks. Prints one JSON line.
 *   node --import tsx bench/scenarios/planning-raw-child.ts COPY PLANNED
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db';

const COLUMNS = 'key, person_id, chat_id, requirement_id, unit_id, period, kind, send_after, due_at, payload, created_at, updated_at';

const [copy, plannedFile] = process.argv.slice(2);
const planned = openDatabase(plannedFile!);
const rows = planned.sqlite.prepare(`select ${COLUMNS} from outbox order by id`).raw().all() as unknown[][];
planned.close();

const database = openDatabase(copy!);
const insert = database.sqlite.prepare(
  `insert into outbox (${COLUMNS}) values (${COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})`,
);
const cpu = process.cpuUsage();
const started = performance.now();
database.sqlite.transaction(() => {
  for (const row of rows) insert.run(...row);
})();
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
database.close();
console.log(JSON.stringify({ rows: rows.length, ms, cpuMs: (used.user + used.system) / 1000 }));
