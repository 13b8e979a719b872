/**
 * A small assessment plan with evidence, written straight into a fresh database, the bytes
 * put in the real file store: for the inspection pack's tests (test/digests/pack*.test.ts).
 *
 * Task 18 实施联合奖惩措施 (分值 6): ① lead 政策法规处 (a PDF and two photos of the same day, the
 * PDF sent again in a later report), cooperating 信息管理处 (a report without files);
 * ② lead 政策法规处 (a file named like ①'s, a link, a file not yet archived),
 * cooperating 综合处 (no report).
 * Task 19 "公开/公示：信用*信息?" (分值 4, a title with characters Windows refuses): ① lead
 * 信息管理处 (a document sent without a name).
 */
import { createHash } from 'node:crypto';
import { evidence, plans, reports, requirements, storedFiles, tasks, units, assignments } from '../../db/schema';
import type { DB } from '../../db';
import { FileStore, fileStoreRoot } from '../../db/file-store';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const BYTES = {
  pdf: Buffer.from('%PDF-1.4 联合奖惩 会议纪要'),
  photo1: Buffer.from('\xff\xd8\xff 照片一', 'latin1'),
  photo2: Buffer.from('\xff\xd8\xff 照片二', 'latin1'),
  sameName: Buffer.from('%PDF-1.4 另一份会议纪要'),
  unnamed: Buffer.from('PK\x03\x04 无名文件', 'latin1'),
};

const at = (iso: string) => new Date(iso);

export interface Fixture {
  planId: number;
  store: FileStore;
  units: Record<string, number>;
}

export function addPlan(db: DB, key: string, options: { archived?: boolean; title?: string } = {}): number {
  return db
    .insert(plans)
    .values({
      key,
      title: options.title ?? key,
      year: 2026,
      sourceName: `${key}.xlsx`,
      archivedAt: options.archived ? at('2026-01-01T00:00:00Z') : null,
    })
    .returning({ id: plans.id })
    .get().id;
}

export async function seedPack(database: { db: DB; file: string }): Promise<Fixture> {
  const { db } = database;
  const store = new FileStore(fileStoreRoot(database.file));
  const put = async (bytes: Buffer) => {
    const stored = await store.put([bytes]);
    db.insert(storedFiles)
      .values({ sha256: stored.sha256, size: stored.size, createdAt: at('2026-03-05T02:00:00Z') })
      .onConflictDoNothing()
      .run();
    return stored.sha256;
  };
  const planId = addPlan(db, '2026年社会信用体系建设考核');
  const unitIds: Record<string, number> = {};
  for (const name of ['政策法规处', '信息管理处', '综合处'])
    unitIds[name] = db.insert(units).values({ name, kind: 'division' }).returning({ id: units.id }).get().id;

  const task18 = db
    .insert(tasks)
    .values({ planId, number: '18', title: '实施联合奖惩措施', position: 1, points: 6 })
    .returning({ id: tasks.id })
    .get().id;
  const task19 = db
    .insert(tasks)
    .values({ planId, number: '19', title: '公开/公示：信用*信息?', position: 2, points: 4 })
    .returning({ id: tasks.id })
    .get().id;
  const req = (taskId: number, index: number, text: string, evidenceText: string | null) =>
    db.insert(requirements).values({ taskId, index, text, evidence: evidenceText }).returning({ id: requirements.id }).get().id;
  const r18a = req(task18, 1, '建立联合奖惩工作机制', '会议纪要、活动照片');
  const r18b = req(task18, 2, '报送联合奖惩典型案例', '典型案例材料');
  const r19a = req(task19, 1, '公示行政许可和行政处罚信息', null);

  const assign = (requirementId: number, unit: string, role: 'lead' | 'cooperating') =>
    db.insert(assignments).values({ requirementId, unitId: unitIds[unit]!, role }).run();
  assign(r18a, '信息管理处', 'cooperating');
  assign(r18a, '政策法规处', 'lead');
  assign(r18b, '政策法规处', 'lead');
  assign(r18b, '综合处', 'cooperating');
  assign(r19a, '信息管理处', 'lead');

  const report = (requirementId: number, unit: string, period: string, reportedAt: string, note: string | null, late = false) =>
    db
      .insert(reports)
      .values({ requirementId, unitId: unitIds[unit]!, period, status: 'done', note, reportedAt: at(reportedAt), late })
      .returning({ id: reports.id })
      .get().id;
  const file = (
    reportId: number,
    kind: 'photo' | 'document' | 'link' | 'note',
    values: { fileName?: string; mimeType?: string; sha256?: string | null; text?: string; createdAt: string; size?: number },
  ) =>
    db
      .insert(evidence)
      .values({
        reportId,
        kind,
        fileId: kind === 'photo' || kind === 'document' ? `file-${Math.random()}` : null,
        fileUniqueId: `unique-${Math.random()}`,
        fileName: values.fileName ?? null,
        mimeType: values.mimeType ?? null,
        sha256: values.sha256 ?? null,
        text: values.text ?? null,
        size: values.size ?? null,
        createdAt: at(values.createdAt),
      })
      .run();

  const pdf = await put(BYTES.pdf);
  const march = report(r18a, '政策法规处', '2026-03', '2026-03-05T02:00:00Z', '已召开联合奖惩工作会议');
  file(march, 'document', { fileName: '会议纪要.pdf', mimeType: 'application/pdf', sha256: pdf, createdAt: '2026-03-05T02:00:00Z' });
  file(march, 'photo', { sha256: await put(BYTES.photo1), createdAt: '2026-03-05T02:01:00Z' });
  file(march, 'photo', { sha256: await put(BYTES.photo2), createdAt: '2026-03-05T02:02:00Z' });
  const april = report(r18a, '政策法规处', '2026-04', '2026-04-08T02:00:00Z', '持续推进', true);
  file(april, 'document', { fileName: '会议纪要.pdf', mimeType: 'application/pdf', sha256: pdf, createdAt: '2026-04-08T02:00:00Z' });
  report(r18a, '信息管理处', '2026-03', '2026-03-06T02:00:00Z', '配合完成');

  const cases = report(r18b, '政策法规处', 'once', '2026-05-10T02:00:00Z', null);
  file(cases, 'document', {
    fileName: '会议纪要.pdf',
    mimeType: 'application/pdf',
    sha256: await put(BYTES.sameName),
    createdAt: '2026-05-10T02:00:00Z',
  });
  file(cases, 'link', { text: 'https://credit.example.gov.cn/案例/1', createdAt: '2026-05-10T02:01:00Z' });
  file(cases, 'document', { fileName: '典型案例.docx', sha256: null, size: 2048, createdAt: '2026-05-10T02:02:00Z' });

  const r19 = report(r19a, '信息管理处', '2026-03', '2026-03-20T02:00:00Z', '双公示已完成');
  file(r19, 'document', { mimeType: 'application/zip', sha256: await put(BYTES.unnamed), createdAt: '2026-03-20T02:00:00Z' });

  return { planId, store, units: unitIds };
}
