/**
 * A big task table as CSV, the way an office's spreadsheet is saved: title rows, the header,
 * a section row every 500 tasks, and each task with two requirements (a monthly deadline and
 * a year-end one, the second with a quota), a lead unit and a cooperating one. Some units are
 * the demo's, so a commit also touches units the database already has.
 */
import { toCsv } from './delimited';

const UNITS = ['政策法规处', '信息管理处', '办公室', ...Array.from({ length: 37 }, (_, i) => `第${i + 1}业务处`)];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function bigPlanCsv(tasks: number, year: number): string {
  const rows: string[][] = [
    ['附件2', '', '', '', '', ''],
    [`演练市${year}年社会信用体系建设任务分解表`, '', '', '', '', ''],
    ['序号', '工作任务', '任务内容', '任务要求', '完成时限', '责任处室'],
  ];
  for (let i = 1; i <= tasks; i++) {
    const section = Math.floor((i - 1) / 500);
    if ((i - 1) % 500 === 0)
      rows.push([NUMERALS[section] ?? `十${NUMERALS[section - 10] ?? section}`, `第${section + 1}部分工作`, '', '', '', '']);
    const lead = UNITS[i % UNITS.length]!;
    const cooperating = UNITS[(i * 7 + 3) % UNITS.length]!;
    rows.push([
      String(i),
      `任务${i}的标题`,
      `任务${i}的内容，按要求推进。`,
      `①完成第${i}项工作的第一部分。\n②全年不少于${(i % 9) + 1}例。`,
      '每月10日前\n12月底前',
      lead === cooperating ? lead : `${lead}牵头,${cooperating}配合`,
    ]);
  }
  return toCsv(rows, 'when needed');
}
