/**
 * What a database file holds, table by table, without the times rows were written: two
 * databases into which the same plan was committed at different moments compare equal.
 * Rows are compared whole (ids and foreign keys included), so "the same content" means it.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** Columns that record when a row was written, not what it says. */
const TIME_COLUMNS = new Set(['created_at', 'updated_at', 'at']);

export interface TableContent {
  rows: number;
  checksum: string;
}

export type Content = Record<string, TableContent>;

export function contentOf(sqlite: Database.Database): Content {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const content: Content = {};
  for (const table of tables) {
    const quoted = `"${table.replace(/"/g, '""')}"`;
    const columns = (sqlite.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((name) => !TIME_COLUMNS.has(name));
    const select = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
    const rows = (sqlite.prepare(`SELECT ${select} FROM ${quoted}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row).update('\n');
    content[table] = { rows: rows.length, checksum: hash.digest('hex') };
  }
  return content;
}

/** The tables whose content differs, with their row counts: empty when the two are equal. */
export function differences(actual: Content, expected: Content): string[] {
  const out: string[] = [];
  for (const table of Object.keys({ ...expected, ...actual }).sort()) {
    const [is, was] = [actual[table], expected[table]];
    if (is?.rows !== was?.rows || is?.checksum !== was?.checksum)
      out.push(`${table} (${is?.rows ?? 'missing'} rows, expected ${was?.rows ?? 'missing'})`);
  }
  return out;
}

/** Opens a file as a fresh process would (recovering a WAL left by a crash), checks it and reads its content. */
export function inspect(file: string): { integrity: string[]; foreignKeyViolations: number; content: Content } {
  const sqlite = new Database(file);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
    return { integrity: integrity.map((row) => row.integrity_check), foreignKeyViolations: foreignKeys.length, content: contentOf(sqlite) };
  } finally {
    sqlite.close();
  }
}
