/**
 * Scenario: importing a 100-page PDF task table (a ruled table drawn with pdfkit and the CJK
 * font the project ships, as test/faults/support/pdf-files.ts makes them). Times the dry run
 * (readPlan: pdf.js in its worker thread, lines and table rebuilt, the table read) with the
 * worker started and pdf.js loaded, and once cold (a new worker) for context. Target: < 5 s.
 */
import { readPlan } from '../../plans/import';
import { tablePdf } from '../../test/faults/support/pdf-files';
import { figure, measure, pick, prng, type Scenario } from '../lib';
import { DEADLINES, OFFICES } from './import';

const VERBS = ['推进', '落实', '完善', '开展', '加强', '规范', '组织', '建立'];
const THINGS = [
  '信用信息归集',
  '双公示工作',
  '信用承诺制度',
  '失信惩戒',
  '数据共享',
  '业务培训',
  '档案数字化',
  '窗口服务评价',
  '信用宣传',
  '工作台账',
];
const RUNS = 3;

/** A PDF of `pages` pages of task rows: header 序号/工作任务/任务要求/完成时限/责任单位, requirements wrapping over two or three lines. */
export async function buildTaskPdf(pages: number, seed = 1): Promise<{ bytes: Uint8Array; rows: number }> {
  const rand = prng(seed);
  const rows: string[][] = [];
  for (let i = 1; i <= pages * 30; i++) {
    const title = `${pick(rand, VERBS)}${pick(rand, THINGS)}`;
    const lead = pick(rand, OFFICES);
    rows.push([
      String(i),
      title,
      `按要求${title}，做好第${i}项工作，每月整理工作台账并按时报送进展情况，年底形成总结。`,
      pick(rand, DEADLINES),
      lead,
    ]);
  }
  const bytes = await tablePdf(['序号', '工作任务', '任务要求', '完成时限', '责任单位'], rows, {
    before: ['某市2026年社会信用体系建设任务分解表'],
    widths: [40, 130, 330, 110, 150],
    maxPages: pages,
  });
  return { bytes, rows: rows.length };
}

export const pdfImportScenario: Scenario = {
  name: 'pdf-import',
  description: '100-page .pdf task table: dry run (readPlan) through pdf.js',
  async run({ scale, log }) {
    const pages = Math.max(5, Math.round(100 * scale));
    const problems: string[] = [];
    const { bytes } = await buildTaskPdf(pages);
    log(`pdf: ${pages} pages, ${(bytes.byteLength / 1024).toFixed(0)} KB`);
    const cold = await measure(() => readPlan('bench-tasks.pdf', bytes, { year: 2026 }));
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measure(() => readPlan('bench-tasks.pdf', bytes, { year: 2026 })));
    const dry = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)]!;
    const tasks = dry.value.tasks.length;
    const numbers = dry.value.tasks.map((t) => Number(t.number));
    // Every row that fit on the pages is a task, numbered 1…n without a gap.
    if (tasks < pages * 8) problems.push(`only ${tasks} tasks read from ${pages} pages`);
    if (!numbers.every((n, i) => n === i + 1)) problems.push('task numbers are not 1…n: rows were split or merged');
    if (dry.value.tasks.some((t) => t.requirements.some((r) => !r.deadline.recognized))) problems.push('a deadline was not read');
    return {
      figures: [
        figure('pages', pages, 'pages'),
        figure('dry run (readPlan), warm', dry.ms, 'ms', { op: '<', limit: 5000 }),
        figure('dry run, first PDF (worker start, pdf.js load)', cold.ms, 'ms'),
        figure('peak RSS (dry run)', dry.peakRssMb, 'MB'),
      ],
      problems,
      notes: [`${tasks} tasks, ${dry.value.units.length} units, ${dry.value.problems.length} problems reported by the dry run`],
    };
  },
};
