/**
 * 索引.xlsx, the pack's index, streamed through exceljs's workbook writer: sheet 佐证索引 lists
 * every requirement × unit assignment (one row per file, or one row saying what is missing),
 * sheet 汇总 the plan and the totals. Rows are added a task at a time and never kept.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { ledgerLabels } from '../ledger/labels';
import { formatPlanMinute } from '../ledger/plan-clock';
import { STYLES } from '../ledger/styles';
import type { IndexRow, Missing } from './layout';

export const INDEX_SHEET = '佐证索引';
export const SUMMARY_SHEET = '汇总';

export const INDEX_HEADERS = [
  '序号',
  '工作任务',
  '分值',
  '事项',
  '任务要求',
  '佐证要求',
  '责任单位',
  '牵头/配合',
  '最近报送期次',
  '报送状态',
  '报送时间',
  '报送说明',
  '佐证文件（包内路径）',
  '链接或说明',
  '大小（字节）',
  '文件日期',
  'SHA-256',
  '缺失说明',
] as const;

/** The column a pack cut into volumes adds (after 缺失说明): the volume holding each file. */
export const VOLUME_HEADER = '所在分卷';

const WIDTHS = [6, 24, 6, 7, 40, 24, 16, 8, 12, 12, 16, 30, 48, 30, 12, 16, 20, 28];

/** The 缺失说明 column: what is missing, and why. */
export const MISSING_WORDS: Readonly<Record<Missing, string>> = {
  'no-unit': '缺：未分配责任单位（无人报送）',
  'no-report': '缺：未报送',
  'no-files': '缺：已报送，未附佐证材料',
  'not-archived': '缺：文件尚未存档（尚未从 Telegram 下载）',
  'not-in-store': '缺：存档文件夹中找不到该文件',
  damaged: '文件已损坏：内容与 SHA-256 不符',
};

const labels = ledgerLabels('zh-CN');

export interface PackTotals {
  planTitle: string;
  generatedAt: Date;
  tasks: number;
  assignments: number;
  /** Assignments with no sound file in the pack. */
  missingItems: number;
  files: number;
  bytes: number;
  /** Files listed but not packed whole (not archived, not in the store, damaged). */
  missingFiles: number;
  /** The volume this zip is, when the pack was cut into several (files and bytes are then this volume's). */
  volume?: { number: number; count: number };
}

/** A pack cut into volumes: how many, and the volume of the file at a path. */
export interface IndexVolumes {
  count: number;
  of: (path: string) => number | undefined;
}

/** "第2卷" */
export const volumeName = (n: number) => `第${n}卷`;

export class IndexWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    output: Writable,
    now: Date,
    private readonly volumes?: IndexVolumes,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Duban';
    this.workbook.created = now;
    this.workbook.modified = now;
    this.sheet = this.workbook.addWorksheet(INDEX_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const headers: string[] = [...INDEX_HEADERS, ...(volumes ? [VOLUME_HEADER] : [])];
    this.sheet.columns = [...WIDTHS, ...(volumes ? [10] : [])].map((width) => ({ width }));
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
    const header = this.sheet.addRow(headers);
    header.eachCell((cell) => (cell.style = STYLES.header));
    header.commit();
  }

  add(row: IndexRow): void {
    const report = row.report;
    const status = report ? `${labels.status[report.status]}${report.late ? '（逾期报送）' : ''}` : '';
    const added = this.sheet.addRow([
      row.taskNumber,
      row.taskTitle,
      row.points ?? '',
      row.item,
      row.requirement,
      row.evidenceRequired ?? '',
      row.unit,
      row.role ? labels.role[row.role] : '',
      report ? labels.period(report.period) : '',
      status,
      report ? formatPlanMinute(report.reportedAt) : '',
      report?.note ?? '',
      row.file ? (row.file.path ?? row.file.name) : '',
      row.file?.text ?? '',
      row.file?.size ?? '',
      row.file ? formatPlanMinute(row.file.date) : '',
      row.file?.sha256 ?? '',
      row.missing ? MISSING_WORDS[row.missing] : '',
      ...(this.volumes ? [this.volumeOf(row)] : []),
    ]);
    added.eachCell({ includeEmpty: true }, (cell) => (cell.style = STYLES.text));
    if (row.missing) added.getCell(INDEX_HEADERS.length).style = STYLES.progress.missing;
    added.commit();
  }

  private volumeOf(row: IndexRow): string {
    const n = row.file?.path ? this.volumes!.of(row.file.path) : undefined;
    return n === undefined ? '' : volumeName(n);
  }

  /** Writes the totals sheet and ends the workbook (and `output`). */
  async finish(totals: PackTotals): Promise<void> {
    this.sheet.commit();
    const sheet = this.workbook.addWorksheet(SUMMARY_SHEET);
    sheet.columns = [{ width: 24 }, { width: 60 }];
    const lines: [string, string | number][] = [
      ['计划', totals.planTitle],
      ['生成时间（北京时间）', formatPlanMinute(totals.generatedAt)],
      ...(totals.volume
        ? ([
            [
              '分卷',
              `${volumeName(totals.volume.number)}，共${totals.volume.count}卷（每卷都有完整的索引；各文件所在分卷见“${VOLUME_HEADER}”列）`,
            ],
          ] as [string, string][])
        : []),
      ['工作任务（指标）', totals.tasks],
      ['事项 × 责任单位', totals.assignments],
      ['缺佐证材料的事项 × 单位', totals.missingItems],
      [totals.volume ? '本卷佐证文件' : '包内佐证文件', totals.files],
      [totals.volume ? '本卷佐证文件总大小（字节）' : '包内佐证文件总大小（字节）', totals.bytes],
      ['未能打包的文件', totals.missingFiles],
    ];
    for (const [name, value] of lines) {
      const row = sheet.addRow([name, value]);
      row.getCell(1).style = STYLES.header;
      row.getCell(2).style = STYLES.text;
      row.commit();
    }
    sheet.commit();
    await this.workbook.commit();
  }
}
