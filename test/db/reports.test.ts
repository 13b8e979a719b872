/**
 * Saving a report (db/reports.ts writeReport) and its evidence (db/evidence.ts): one report per
 * requirement, unit and period, late by the due moment, a closed period refused, an event
 * recorded once per draft; the archive's bookkeeping of each file.
 */
import { describe, expect, it } from 'vitest';
import { events, people, plans, requirements, storedFiles, tasks, units } from '../../db/schema';
import { latestReportBy, writeReport, type ReportDraft } from '../../db/reports';
import {
  evidenceCount,
  evidenceOfReport,
  evidenceToArchive,
  evidenceToRetry,
  markEvidenceArchived,
  recordArchiveFailure,
} from '../../db/evidence';
import type { DB } from '../../db';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const later = new Date('2026-03-12T01:00:00Z');
const open = { closed: () => false };

function seed(db: DB) {
  const planId = db.insert(plans).values({ key: 'p', title: 'p', year: 2026, sourceName: 'p.xlsx' }).returning().get().id;
  const taskId = db.insert(tasks).values({ planId, number: '1', title: '任务', position: 1 }).returning().get().id;
  const requirementId = db.insert(requirements).values({ taskId, index: 1, text: '要求' }).returning().get().id;
  const unit = (name: string) => db.insert(units).values({ name, kind: 'division' }).returning().get().id;
  const unitId = unit('办公室');
  const otherUnit = unit('政策法规处');
  const personId = db
    .insert(people)
    .values({ telegramId: 1, chatId: 1, name: '张伟', createdAt: now, updatedAt: now })
    .returning()
    .get().id;
  const draft: ReportDraft = {
    requirementId,
    unitId,
    period: '2026-03',
    dueAt: new Date('2026-03-10T10:00:00Z'),
    status: 'done',
    note: '完成',
    count: 2,
    evidence: [{ kind: 'photo', fileId: 'f1', fileUniqueId: 'u1' }],
    personId,
  };
  return { planId, requirementId, unitId, otherUnit, personId, draft };
}

describe('writeReport', () => {
  it('saves once per period, late after the due moment, keeping the first time and late flag when saved again', () => {
    const { db } = freshDatabase();
    const { draft, personId, unitId, otherUnit } = seed(db);
    const first = writeReport(db, draft, now, open);
    expect(first).toMatchObject({ period: '2026-03', late: false, created: true });
    const again = writeReport(
      db,
      { ...draft, note: '改', evidence: [draft.evidence[0]!, { kind: 'link', fileUniqueId: 'l1', text: 'x' }] },
      later,
      open,
    );
    expect(again).toMatchObject({ period: '2026-03', late: false, created: false });
    const id = 'reportId' in first ? first.reportId : -1;
    expect(evidenceCount(db, id)).toBe(2);
    expect(evidenceOfReport(db, id)).toHaveLength(2);
    expect(writeReport(db, draft, later, { ...open, onlyIfNew: true })).toEqual({ refused: 'already-reported' });
    const last = latestReportBy(db, personId, [unitId]);
    expect(last).toMatchObject({ id, note: '改', reportedAt: now, updatedAt: later, late: false });
    expect(latestReportBy(db, personId, [otherUnit])).toBeUndefined();
    expect(writeReport(db, { ...draft, period: '2026-02', dueAt: new Date('2026-02-10T10:00:00Z') }, later, open)).toMatchObject({
      late: true,
    });
  });

  it("refuses a closed period, asking about the requirement's plan", () => {
    const { db } = freshDatabase();
    const { draft, planId } = seed(db);
    const asked: [number, string][] = [];
    const closed = (plan: number, period: string) => (asked.push([plan, period]), true);
    expect(writeReport(db, draft, now, { closed })).toEqual({ refused: 'closed' });
    expect(asked).toEqual([[planId, '2026-03']]);
    expect(evidenceToRetry(db, 60, 20)).toEqual([]);
  });

  it("records an event-relative report's event, once per draft", () => {
    const { db } = freshDatabase();
    const { draft } = seed(db);
    const event = { ...draft, period: null, dueAt: null, evidence: [], draftId: 'd1' };
    const first = writeReport(db, event, now, open);
    const again = writeReport(db, event, now, open);
    const recorded = db.select().from(events).all();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ occurredOn: '2026-03-02', draftId: 'd1' });
    expect(first).toMatchObject({ period: `event-${recorded[0]!.id}`, created: true });
    expect(again).toMatchObject({ period: `event-${recorded[0]!.id}`, created: false });
  });
});

describe('evidence archive rows', () => {
  it('lists files to archive, counts failures and marks archived ones', () => {
    const { db } = freshDatabase();
    const { draft } = seed(db);
    const saved = writeReport(
      db,
      { ...draft, evidence: [...draft.evidence, { kind: 'note', fileUniqueId: 'n1', text: '说明' }] },
      now,
      open,
    );
    // In the order they were attached: the photo, then the note.
    const ids = evidenceOfReport(db, 'reportId' in saved ? saved.reportId : -1).sort((x, y) => x - y);
    expect(evidenceToArchive(db, ids)).toEqual([{ id: ids[0], fileId: 'f1', fileName: null }]);
    recordArchiveFailure(db, ids[0]!, 'x'.repeat(400), now);
    expect(evidenceToRetry(db, 2, 20)).toEqual([ids[0]]);
    recordArchiveFailure(db, ids[0]!, 'again', now);
    expect(evidenceToRetry(db, 2, 20)).toEqual([]);
    markEvidenceArchived(db, ids[0]!, { sha256: 'a'.repeat(64), size: 3 }, later);
    markEvidenceArchived(db, ids[0]!, { sha256: 'a'.repeat(64), size: 3 }, later);
    expect(evidenceToArchive(db, ids)).toEqual([]);
    expect(db.select().from(storedFiles).all()).toHaveLength(1);
  });
});
