/**
 * Migration 0014 (the evidence archive) rebuilds the evidence table (a link or a note has no
 * Telegram file id): evidence recorded before it is kept, as not yet archived.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { evidence } from '../../db/schema';
import { databaseBefore, tempDir } from '../support/db';

/** A database migrated as duban before the archive left it (every migration before 0014). */
function databaseBefore0014(file: string): void {
  const sqlite = databaseBefore('0014_', file);
  sqlite.exec(`
    insert into plans (id, key, title, source_name, created_at, updated_at) values (1, 'p', '计划', 'p.xlsx', 0, 0);
    insert into tasks (id, plan_id, number, title, position, created_at, updated_at) values (1, 1, '1', '任务', 0, 0, 0);
    insert into requirements (id, task_id, "index", text, problems, created_at, updated_at) values (1, 1, 1, '要求', '[]', 0, 0);
    insert into units (id, name, kind, created_at, updated_at) values (1, '办公室', 'unit', 0, 0);
    insert into reports (id, requirement_id, unit_id, period, status, reported_at, late, created_at, updated_at) values (1, 1, 1, '2026-03', 'done', 0, 0, 0, 0);
    insert into evidence (report_id, kind, file_id, file_unique_id, file_name, mime_type, size, created_at, updated_at)
      values (1, 'document', 'BQAC-old', 'AgAD-old', '会议纪要.pdf', 'application/pdf', 1234, 5, 6);
  `);
  sqlite.close();
}

describe('migration 0014: the evidence archive', () => {
  it('keeps evidence recorded before it, not yet archived', () => {
    const file = join(tempDir(), 'duban.sqlite');
    databaseBefore0014(file);
    const database = openDatabase(file);
    try {
      expect(database.db.select().from(evidence).all()).toEqual([
        expect.objectContaining({
          reportId: 1,
          kind: 'document',
          fileId: 'BQAC-old',
          fileUniqueId: 'AgAD-old',
          text: null,
          fileName: '会议纪要.pdf',
          mimeType: 'application/pdf',
          size: 1234,
          addedBy: null,
          sha256: null,
          archiveAttempts: 0,
          archiveError: null,
        }),
      ]);
      expect(database.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      database.close();
    }
  });
});
