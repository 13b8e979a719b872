/**
 * Where everything goes in the inspection pack (issue 15, item 5), decided from rows alone, with
 * no I/O: one folder per indicator (task: "18 实施联合奖惩措施/"), one per unit under it
 * ("政策法规处/") holding the unit's archived evidence for the task's requirements, each file
 * named after its item ("18③ 会议纪要.pdf", "18③ 照片-2026-03-05-1.jpg"; a link or a written
 * note given as proof becomes a small text file, "18③ 链接-2026-03-05-1.txt"), and the rows of
 * 索引.xlsx: every requirement × unit assignment with its latest report and one row per file,
 * or one row saying why there is nothing (no report, a report without files, a file not yet
 * archived).
 *
 * The same rows give the same layout, so the writer can lay a task out once for its files and
 * again for the index (digests/pack/write.ts) without holding either for the whole plan.
 */
import { itemLabel } from '../../core/item-label';
import { formatPlanDay } from '../ledger/plan-clock';
import { FILE_NAME_MAX, FOLDER_NAME_MAX, NameSpace, safeFileName, safeFolderName, splitExtension } from './names';
import type { ReportStatus } from '../../core/report-status';

export const INDEX_FILE = '索引.xlsx';

export interface PackTask {
  id: number;
  number: string;
  title: string;
  /** 分值; null when the plan gives none. */
  points: number | null;
  requirements: PackRequirement[];
}

export interface PackRequirement {
  id: number;
  index: number;
  text: string;
  /** What the plan asks as proof (考核要求 / 佐证材料); null when it names none. */
  evidence: string | null;
}

export interface PackAssignment {
  requirementId: number;
  unitId: number;
  unitName: string;
  role: 'lead' | 'cooperating';
}

export type { ReportStatus };

export interface PackReport {
  requirementId: number;
  unitId: number;
  period: string;
  status: ReportStatus;
  note: string | null;
  reportedAt: Date;
  late: boolean;
}

export interface PackEvidence {
  id: number;
  requirementId: number;
  unitId: number;
  kind: 'photo' | 'document' | 'link' | 'note';
  /** A link's address or a note's words (kinds link and note). */
  text: string | null;
  fileName: string | null;
  mimeType: string | null;
  /** As Telegram gave it; the stored size when archived. */
  size: number | null;
  /** Null until the bytes are archived. */
  sha256: string | null;
  createdAt: Date;
}

/** One task's rows: its assignments, each pair's latest report, and the evidence of all the pair's reports in the order sent. */
export interface PackTaskRows {
  assignments: PackAssignment[];
  latest: PackReport[];
  evidence: PackEvidence[];
}

/** A file of the zip: bytes copied from the archive, or a link or note written out as text. */
export type PackEntry = {
  evidenceId: number;
  /** Its path in the zip, folders joined by "/". */
  path: string;
  date: Date;
} & ({ kind: 'stored'; sha256: string; size: number | null } | { kind: 'text'; content: string });

/**
 * Why an assignment or a file shows nothing in the pack:
 * no-unit (a requirement no unit is assigned: listed all the same, the index names every requirement),
 * no-report (the unit never reported on it), no-files (reported without evidence),
 * not-archived (a file was sent but its bytes are not downloaded yet), and, found while
 * packing, not-in-store (archived, but its bytes are missing from the archive folder) and
 * damaged (the bytes no longer have their sha256: packed, and marked).
 */
export type Missing = 'no-unit' | 'no-report' | 'no-files' | 'not-archived' | 'not-in-store' | 'damaged';

/** What the writer found for a file that did not go into the zip whole. */
export type FileOutcome = 'not-in-store' | 'damaged';

export interface IndexRow {
  taskNumber: string;
  taskTitle: string;
  points: number | null;
  item: string;
  requirement: string;
  evidenceRequired: string | null;
  /** Empty, with no role, for a requirement no unit is assigned. */
  unit: string;
  role: 'lead' | 'cooperating' | null;
  report: Omit<PackReport, 'requirementId' | 'unitId'> | null;
  file: {
    path: string | null;
    name: string;
    size: number | null;
    date: Date;
    sha256: string | null;
    /** A link's address or a note's words. */
    text: string | null;
  } | null;
  missing: Missing | null;
}

export interface TaskLayout {
  entries: PackEntry[];
  /** The index's rows for the task, assignments in order, a pair's files in the order sent. */
  rows: IndexRow[];
}

/** Each task's folder name ("18 实施联合奖惩措施"), unique among the tasks, in the order given. */
export function taskFolders(tasks: readonly Pick<PackTask, 'number' | 'title'>[]): string[] {
  const root = new NameSpace(FOLDER_NAME_MAX);
  // 索引.xlsx sits beside the task folders.
  root.take(INDEX_FILE, { keepExtension: false });
  return tasks.map((task) => root.take(safeFolderName(`${task.number} ${task.title}`), { keepExtension: false }));
}

const PHOTO_EXTENSION = '.jpg';

/** Extensions for documents sent without a file name, by MIME type. */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/zip': '.zip',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'video/mp4': '.mp4',
};

const WORDS: Record<PackEvidence['kind'], string> = { photo: '照片', document: '文件', link: '链接', note: '说明' };

/**
 * The name a file reads under in its unit's folder, before de-duplication: "18③ 会议纪要.pdf",
 * "18③ 照片-2026-03-05-1.jpg" (photos, and files sent without a name), "18③ 链接-2026-03-05-1.txt".
 */
function readableName(file: PackEvidence, label: string, counters: Map<string, number>): string {
  const original = file.fileName?.split(/[/\\]/).pop()?.trim();
  const known = file.mimeType ? EXTENSIONS[file.mimeType.toLowerCase()] : undefined;
  if (file.kind === 'document' && original) {
    const [, extension] = splitExtension(original);
    return safeFileName(`${label} ${original}${extension === '' && known ? known : ''}`);
  }
  const day = formatPlanDay(file.createdAt);
  const word = WORDS[file.kind];
  const key = `${label} ${word} ${day}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  const extension = file.kind === 'photo' ? PHOTO_EXTENSION : file.kind === 'document' ? (known ?? '') : '.txt';
  return safeFileName(`${label} ${word}-${day}-${n}${extension}`);
}

/** The text file a link or note becomes: its words, with a BOM and CRLF so Windows Notepad shows the Chinese. */
export function textContent(text: string | null): string {
  return `\ufeff${(text ?? '').replace(/\r?\n/g, '\r\n')}\r\n`;
}

/**
 * A task's entries and index rows. `folder` is the task's folder (taskFolders). `outcomes` are
 * what packing found for files already written (none on the first pass): a file that was not
 * in the archive is listed without a path; a damaged one keeps its path and is marked.
 */
export function layoutTask(
  task: PackTask,
  folder: string,
  rows: PackTaskRows,
  outcomes: ReadonlyMap<number, FileOutcome> = new Map(),
): TaskLayout {
  const requirementById = new Map(task.requirements.map((r) => [r.id, r]));
  const key = (requirementId: number, unitId: number) => `${requirementId}:${unitId}`;
  const latest = new Map(rows.latest.map((r) => [key(r.requirementId, r.unitId), r]));
  const filesOf = new Map<string, PackEvidence[]>();
  for (const file of rows.evidence) {
    const k = key(file.requirementId, file.unitId);
    const list = filesOf.get(k) ?? [];
    // The same bytes (or link, or note) sent again for the same item, say in two months' reports, are packed once.
    const same = (f: PackEvidence) =>
      (file.sha256 !== null && f.sha256 === file.sha256) || (isText(file) && f.kind === file.kind && f.text === file.text);
    if (!list.some(same)) list.push(file);
    filesOf.set(k, list);
  }

  // Each unit's folder, in the order the unit first appears (requirements in order, the lead first).
  const unitFolders = new NameSpace(FOLDER_NAME_MAX);
  const unitFolder = new Map<number, { path: string; names: NameSpace; counters: Map<string, number> }>();
  const folderOf = (unitId: number, unitName: string) => {
    let found = unitFolder.get(unitId);
    if (!found) {
      found = {
        path: `${folder}/${unitFolders.take(safeFolderName(unitName), { keepExtension: false })}`,
        names: new NameSpace(FILE_NAME_MAX),
        counters: new Map(),
      };
      unitFolder.set(unitId, found);
    }
    return found;
  };

  const ordered = [...rows.assignments].sort((a, b) => {
    const ra = requirementById.get(a.requirementId)?.index ?? 0;
    const rb = requirementById.get(b.requirementId)?.index ?? 0;
    return ra - rb;
  });
  const layout: TaskLayout = { entries: [], rows: [] };
  // A requirement no unit is assigned still has its row, in its place: the index names every requirement.
  const unassigned = task.requirements.filter((r) => !rows.assignments.some((a) => a.requirementId === r.id));
  const rowOfUnassigned = (requirement: PackRequirement): IndexRow => ({
    taskNumber: task.number,
    taskTitle: task.title,
    points: task.points,
    item: itemLabel(task.number, requirement.index),
    requirement: requirement.text,
    evidenceRequired: requirement.evidence,
    unit: '',
    role: null,
    report: null,
    file: null,
    missing: 'no-unit',
  });
  const flushUnassigned = (beforeIndex: number) => {
    while (unassigned.length > 0 && unassigned[0]!.index < beforeIndex) layout.rows.push(rowOfUnassigned(unassigned.shift()!));
  };
  for (const assignment of ordered) {
    const requirement = requirementById.get(assignment.requirementId);
    if (!requirement) continue;
    flushUnassigned(requirement.index);
    const label = itemLabel(task.number, requirement.index);
    const report = latest.get(key(assignment.requirementId, assignment.unitId)) ?? null;
    const base: Omit<IndexRow, 'file' | 'missing'> = {
      taskNumber: task.number,
      taskTitle: task.title,
      points: task.points,
      item: label,
      requirement: requirement.text,
      evidenceRequired: requirement.evidence,
      unit: assignment.unitName,
      role: assignment.role,
      report: report && {
        period: report.period,
        status: report.status,
        note: report.note,
        reportedAt: report.reportedAt,
        late: report.late,
      },
    };
    const files = filesOf.get(key(assignment.requirementId, assignment.unitId)) ?? [];
    if (files.length === 0) {
      layout.rows.push({ ...base, file: null, missing: report === null ? 'no-report' : 'no-files' });
      continue;
    }
    const place = folderOf(assignment.unitId, assignment.unitName);
    for (const file of files) {
      const name = place.names.take(readableName(file, label, place.counters), { keepExtension: true });
      const path = `${place.path}/${name}`;
      if (isText(file)) {
        const content = textContent(file.text);
        layout.entries.push({ kind: 'text', evidenceId: file.id, path, date: file.createdAt, content });
        layout.rows.push({
          ...base,
          file: { path, name, size: Buffer.byteLength(content), date: file.createdAt, sha256: null, text: file.text },
          missing: null,
        });
        continue;
      }
      const fileRow = { name, size: file.size, date: file.createdAt, sha256: file.sha256, text: null };
      if (file.sha256 === null) {
        layout.rows.push({ ...base, file: { ...fileRow, path: null }, missing: 'not-archived' });
        continue;
      }
      const outcome = outcomes.get(file.id);
      if (outcome !== 'not-in-store')
        layout.entries.push({ kind: 'stored', evidenceId: file.id, path, sha256: file.sha256, size: file.size, date: file.createdAt });
      layout.rows.push({ ...base, file: { ...fileRow, path: outcome === 'not-in-store' ? null : path }, missing: outcome ?? null });
    }
  }
  flushUnassigned(Number.POSITIVE_INFINITY);
  return layout;
}

function isText(file: PackEvidence): boolean {
  return file.kind === 'link' || file.kind === 'note';
}

/** Whether an assignment's rows put no sound file in the pack: it counts as missing evidence. */
export function lacksEvidence(rows: readonly IndexRow[]): boolean {
  return rows.every((row) => row.missing !== null);
}
