/**
 * The planning scenario's yardstick: SQLite alone inserting the rows the planner planned, into
 * a copy of the office as it was before (same schema, indexes, foreign keys), in the planner's
 * order, with one prepared statement in one transaction. Runs in a process of its own, like the
 * planner's ticks. Prints one JSON line.
 *
 * With TICK_ROWS (a file holding the rows each of the planner's ticks inserted, as JSON), it
 * inserts them instead in the planner's batches, a transaction each, with the WAL checkpointed by
 * a worker beside them as in the bot (db/checkpointer.ts): the floor under any planner that must
 * yield every tick, what yielding alone costs.
 *   node --import tsx bench/scenarios/planning-raw-child.ts COPY PLANNED [TICK_ROWS]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db';
import { startCheckpointer } from '../../db/checkpointer';

const COLUMNS = 'key, person_id, chat_id, requirement_id, unit_id, period, kind, send_after, due_at, payload, created_at, updated_at';

const [copy, plannedFile, tickRowsFile] = process.argv.slice(2);
const planned = openDatabase(plannedFile!);
const rows = planned.sqlite.prepare(`select ${COLUMNS} from outbox order by id`).raw().all() as unknown[][];
planned.close();

const database = openDatabase(copy!);
const checkpointer = tickRowsFile === undefined ? null : await startCheckpointer(database, copy!);
const insert = database.sqlite.prepare(
  `insert into outbox (${COLUMNS}) values (${COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})`,
);
const cpu = process.cpuUsage();
const started = performance.now();
const insertAll = database.sqlite.transaction((batch: unknown[][]) => {
  for (const row of batch) insert.run(...row);
});
if (tickRowsFile === undefined) insertAll(rows);
else {
  let at = 0;
  for (const count of JSON.parse(readFileSync(tickRowsFile, 'utf8')) as number[]) {
    if (count === 0) continue;
    insertAll(rows.slice(at, at + count));
    at += count;
  }
}
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
await checkpointer?.stop();
database.close();
console.log(JSON.stringify({ rows: rows.length, ms, cpuMs: (used.user + used.system) / 1000 }));
