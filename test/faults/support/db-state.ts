/**
 * What a database holds, table by table: the row count and a checksum of the rows, to tell
 * whether a failed import left anything behind.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface TableState {
  rows: number;
  checksum: string;
}

export function databaseState(sqlite: Database.Database): Record<string, TableState> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const state: Record<string, TableState> = {};
  for (const table of tables) {
    // Sorted, so the checksum does not depend on the order SQLite returns rows in.
    const rows = (
      sqlite
        .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
        .raw()
        .all() as unknown[][]
    )
      .map((row) => JSON.stringify(row))
      .sort();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row).update('\n');
    state[table] = { rows: rows.length, checksum: hash.digest('hex') };
  }
  return state;
}
