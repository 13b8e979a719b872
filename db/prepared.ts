/**
 * Statements prepared once per connection, by their SQL. Hot paths (the planner's ticks, the
 * identity read for every update) run the same few queries thousands of times, and drizzle
 * builds and prepares its SQL anew on each call, which costs more than the reads themselves.
 */
import type { Statement } from 'better-sqlite3';
import type { DB } from './index';

const preparedOf = new WeakMap<DB['$client'], Map<string, Statement>>();

export function prepared<Params extends unknown[] = unknown[], Row = unknown>(db: DB, source: string): Statement<Params, Row> {
  let statements = preparedOf.get(db.$client);
  if (!statements) preparedOf.set(db.$client, (statements = new Map()));
  let statement = statements.get(source);
  if (!statement) statements.set(source, (statement = db.$client.prepare(source)));
  return statement as Statement<Params, Row>;
}
