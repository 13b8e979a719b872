/**
 * What the plan readers report, as data: a code, its arguments and where in the file. Never a
 * finished sentence: the bot words a problem in the reader's language and the command line in
 * English, both from the locale files, where code C is worded by the key `problem-C`.
 *
 * Two kinds share the codes: problems a preview lists (the plan is still imported, the
 * requirement flagged) and refusals (`PlanInputError`: the file cannot be used at all).
 * To add a code: its arguments in `ProblemArgs`, their names in `PROBLEM_ARGS`, and
 * `problem-<code>` in every locale (test/plans/problems.test.ts checks all three).
 */

/** Where in the input: as precise as known. Rows and lines are 1-based, as the file shows them. */
export interface Location {
  /** The file's name (`pasted.txt` for text pasted in chat). */
  file: string;
  /** A workbook's sheet. */
  sheet?: string;
  /** A PDF's page (1-based). */
  page?: number;
  /** A Word document's table, counted from 1 in the document's order. */
  table?: number;
  /** A table's row: of the sheet; of a Word table (its header row is 1); on a PDF page, of the table below the header there. */
  row?: number;
  /** A line of prose. */
  line?: number;
  /** A column letter, as spreadsheets show it (A, B … AA). */
  column?: string;
  /** A prose item's number as written: 一, 十八, 3. */
  item?: string;
  /** A requirement within its task (1-based), where a task has several. */
  requirement?: number;
}

/**
 * `where` with more said: `{ ...where, ...more }`, written as Object.assign. On Node 20 a spread
 * followed by a key the spread object lacks takes V8's slow path (1–3 µs, against 0.1–0.2 µs),
 * and a table reader says where each row and requirement is: 5,000 rows, 20,000 requirements.
 */
export function narrow(where: Location, more: Partial<Location>): Location {
  return Object.assign({}, where, more);
}

type None = Record<string, never>;
type TableFormat = 'csv' | 'table';

/** Every code with its arguments. Numbers are quantities (worded with grouping); positions are strings. */
export interface ProblemArgs {
  // -------------------------------------------------------------- problems a preview lists
  /** A table without a 完成时限 column. */
  'no-deadline-column': None;
  /** A table without a 责任处室 / 责任单位 column. */
  'no-unit-column': None;
  /** A PDF row shifted one column right (the task number repeated in `column`), read shifted back. */
  'row-shifted': { number: string; column: string };
  'task-number-repeated': { number: string };
  /** Text in the number column that is no task number. */
  'not-a-task-number': { text: string };
  /** A row before the first task of a section that no task took. */
  'row-outside-task': None;
  /** A deadline cell with a number of deadlines that fits neither one nor one per requirement. */
  'deadline-count-mismatch': { deadlines: number; requirements: number };
  /** A 分值 cell that holds no number of points; the task has none. */
  'points-unread': { text: string };
  /** A notice's reporting cycle (每季度) that items without a deadline follow. */
  'reporting-cycle': { cycle: string };
  /** Fewer than half the requirements name a unit or have a deadline read: check before importing. */
  'plan-doubtful': { requirements: number; withUnit: number; withDeadline: number };
  /** Neither the title, the notice's date nor the body gives the plan's year. */
  'no-year': None;
  'item-number-repeated': { number: string };
  /** Names read from a unit cell that cannot be units, left out. */
  'unit-name-too-short': { name: string };
  'unit-name-too-long': { name: string; max: number };
  'unit-name-is-requirement': { name: string };
  'unit-name-is-deadline': { name: string };
  /** A cross-reference read as a unit: 2020年度工作任务详见附件. */
  'unit-name-is-reference': { name: string };
  /** A person with a title: 陆安智同志. */
  'unit-name-is-person': { name: string };
  /** A sentence or duty read as a unit: 按分管领域提供佐证材料. */
  'unit-name-is-sentence': { name: string };
  /** A piece of a name or list: 属单位, 2015-2020年. */
  'unit-name-is-fragment': { name: string };
  /** A list left open (房监科、建工科等科室): `text` is the 等… phrase; the units named are read, others not. */
  'units-open-ended': { text: string };
  /** A level prefix written once for a list (市民政局、司法局), given to `name`; `text` as written. */
  'unit-prefix-added': { name: string; text: string };
  /** 各责任单位 (`text`) read as the `count` units the task names in its other requirements. */
  'units-from-task': { text: string; count: number };
  'no-deadline': None;
  /** A deadline that holds only under a condition (区信用网站投入使用前,每周周五下班前): read as if it always held. */
  'deadline-conditional': { condition: string; text: string };
  /** A counted target for the whole office, per domain or per district, not for each unit: not tracked per unit. */
  'quota-not-per-unit': { source: string; scope: string };
  'deadline-unread': { text: string };
  'no-unit': None;
  'no-lead-unit': None;
  /** A group an admin must resolve (各有关单位). */
  'group-unassigned': { name: string };
  /** A group of a kind the plan names no unit of (各分中心 in a plan with none). */
  'group-empty': { name: string };
  /** Probably one unit written two ways: 市司法局 / 司法局. */
  'unit-alias': { longer: string; shorter: string };
  // -------------------------------------------------------------- refusals (PlanInputError)
  /** `size` in MB with one decimal, as written. */
  'file-too-big': { size: string; max: number };
  'file-empty': None;
  'file-blank': None;
  /** `type` is the extension: .xls, .et. */
  'old-format': { type: string };
  'unsupported-type': { type: string };
  /** A .doc or .wps and no LibreOffice to convert it: the admin saves it as .docx. */
  'old-document-format': { type: string };
  /** LibreOffice could not convert the file; `detail`: its own words (English), for the command line. */
  'convert-failed': { type: string; detail: string };
  /** `max`: the time limit in seconds. */
  'convert-timeout': { type: string; max: number };
  'not-docx': None;
  /** An OLE container named .docx: encrypted, or a .doc renamed. */
  'docx-protected': None;
  'docx-zip-damaged': None;
  /** `detail`: the zip or XML parser's own words (English), for the command line. */
  'docx-unreadable': { detail: string };
  'docx-too-many-parts': { max: number };
  'docx-too-large-unpacked': { max: number };
  /** `name`: the archive entry packed more than `max` times smaller than its content. */
  'docx-zip-bomb': { name: string; max: number };
  'docx-too-much-text': { max: number };
  'docx-too-many-cells': { max: number };
  /** Reading the document took longer than its budget (`max`, in seconds) and was stopped. */
  'docx-too-complex': { max: number };
  'not-pdf': None;
  'pdf-protected': None;
  /** `detail`: pdf.js's own words (English), for the command line. */
  'pdf-unreadable': { detail: string };
  /** A scanned PDF: pages without a text layer. */
  'pdf-no-text': None;
  'pdf-too-many-pages': { pages: number; max: number };
  'pdf-too-many-text-items': { max: number };
  /** pdf.js worked on the file longer than its budget (`max`, in seconds) and was stopped. */
  'pdf-too-complex': { max: number };
  'workbook-no-sheet': None;
  'workbook-protected': None;
  'not-xlsx': None;
  /** `detail`: the spreadsheet library's own words (English), for the command line. */
  'workbook-unreadable': { detail: string };
  'workbook-zip-damaged': None;
  'workbook-too-large-unpacked': { max: number };
  'workbook-too-many-elements': { max: number };
  'workbook-too-many-cells': { max: number };
  'sheet-too-wide': { max: number; column: string };
  'sheet-too-much-text': { max: number };
  'too-many-delimited-cells': { max: number };
  'delimited-ragged': { format: TableFormat; max: number };
  /** `detail`: the CSV parser's own words (English), for the command line. */
  'delimited-unreadable': { format: TableFormat; detail: string };
  'no-header': { rows: number };
  'too-many-rows': { rows: number; max: number };
  /** `header` is the header's row number. */
  'no-task-rows': { header: string };
  'too-many-lines': { lines: number; max: number };
  'no-items': None;
  /** Numbered paragraphs, but almost none names a unit or a deadline: no plan. */
  'not-a-plan': { requirements: number; withUnit: number; withDeadline: number };
  'too-many-requirements': { max: number };
  /** Refused at commit: tasks are matched by number. */
  'task-number-twice': { number: string; first: Location; second: Location };
  /** The command line's own: a path it cannot read. */
  'file-not-found': None;
  'file-is-folder': None;
  'file-unreadable': { detail: string };
}

export type ProblemCode = keyof ProblemArgs;

/** One problem: its code, the code's arguments and where it is. */
export type PlanProblem = { [C in ProblemCode]: { code: C; args: ProblemArgs[C]; where: Location } }[ProblemCode];

/** The argument names of every code, in a form the code can iterate (the compiler checks each name). */
export const PROBLEM_ARGS: { [C in ProblemCode]: (keyof ProblemArgs[C])[] } = {
  'no-deadline-column': [],
  'no-unit-column': [],
  'row-shifted': ['number', 'column'],
  'task-number-repeated': ['number'],
  'not-a-task-number': ['text'],
  'row-outside-task': [],
  'deadline-count-mismatch': ['deadlines', 'requirements'],
  'points-unread': ['text'],
  'reporting-cycle': ['cycle'],
  'no-year': [],
  'plan-doubtful': ['requirements', 'withUnit', 'withDeadline'],
  'item-number-repeated': ['number'],
  'unit-name-too-short': ['name'],
  'unit-name-too-long': ['name', 'max'],
  'unit-name-is-requirement': ['name'],
  'unit-name-is-deadline': ['name'],
  'unit-name-is-reference': ['name'],
  'unit-name-is-person': ['name'],
  'unit-name-is-sentence': ['name'],
  'unit-name-is-fragment': ['name'],
  'units-open-ended': ['text'],
  'unit-prefix-added': ['name', 'text'],
  'units-from-task': ['text', 'count'],
  'no-deadline': [],
  'deadline-conditional': ['condition', 'text'],
  'quota-not-per-unit': ['source', 'scope'],
  'deadline-unread': ['text'],
  'no-unit': [],
  'no-lead-unit': [],
  'group-unassigned': ['name'],
  'group-empty': ['name'],
  'unit-alias': ['longer', 'shorter'],
  'file-too-big': ['size', 'max'],
  'file-empty': [],
  'file-blank': [],
  'old-format': ['type'],
  'unsupported-type': ['type'],
  'old-document-format': ['type'],
  'convert-failed': ['type', 'detail'],
  'convert-timeout': ['type', 'max'],
  'not-docx': [],
  'docx-protected': [],
  'docx-zip-damaged': [],
  'docx-unreadable': ['detail'],
  'docx-too-many-parts': ['max'],
  'docx-too-large-unpacked': ['max'],
  'docx-zip-bomb': ['name', 'max'],
  'docx-too-much-text': ['max'],
  'docx-too-many-cells': ['max'],
  'docx-too-complex': ['max'],
  'not-pdf': [],
  'pdf-protected': [],
  'pdf-unreadable': ['detail'],
  'pdf-no-text': [],
  'pdf-too-many-pages': ['pages', 'max'],
  'pdf-too-many-text-items': ['max'],
  'pdf-too-complex': ['max'],
  'workbook-no-sheet': [],
  'workbook-protected': [],
  'not-xlsx': [],
  'workbook-unreadable': ['detail'],
  'workbook-zip-damaged': [],
  'workbook-too-large-unpacked': ['max'],
  'workbook-too-many-elements': ['max'],
  'workbook-too-many-cells': ['max'],
  'sheet-too-wide': ['max', 'column'],
  'sheet-too-much-text': ['max'],
  'too-many-delimited-cells': ['max'],
  'delimited-ragged': ['format', 'max'],
  'delimited-unreadable': ['format', 'detail'],
  'no-header': ['rows'],
  'too-many-rows': ['rows', 'max'],
  'no-task-rows': ['header'],
  'too-many-lines': ['lines', 'max'],
  'no-items': [],
  'not-a-plan': ['requirements', 'withUnit', 'withDeadline'],
  'too-many-requirements': ['max'],
  'task-number-twice': ['number', 'first', 'second'],
  'file-not-found': [],
  'file-is-folder': [],
  'file-unreadable': ['detail'],
};

export const PROBLEM_CODES = Object.keys(PROBLEM_ARGS) as ProblemCode[];

/** A problem of `code` at `where`. */
export function problem<C extends ProblemCode>(code: C, where: Location, args: ProblemArgs[C]): PlanProblem {
  // The compiler cannot tie a generic code to its member of the union; the signature does.
  return { code, args, where } as PlanProblem;
}

// ---------------------------------------------------------------------------- wording

/** A locale's lookup: `ctx.t` in the bot, the English bundle on the command line. */
export type Translate = (key: string, args?: Record<string, string | number>) => string;

export interface WordingOptions {
  /** How to call the file ("pasted text" for text pasted in chat); default its name. */
  fileLabel?: (file: string) => string;
}

/** The locale key wording `code`. */
export function problemKey(code: ProblemCode): string {
  return `problem-${code}`;
}

/** Where, in words: "plan.xlsx, sheet 表 row 5, requirement 2" / "plan.xlsx 工作表“表” 第5行，第2条要求". */
export function wordLocation(t: Translate, where: Location, options: WordingOptions = {}): string {
  const file = options.fileLabel ? options.fileLabel(where.file) : where.file;
  const place = where.sheet === undefined ? file : t('problem-where-sheet', { file, sheet: where.sheet });
  // Positions as strings: a number would be grouped (row 5,001).
  const details: string[] = [];
  if (where.table !== undefined) details.push(t('problem-where-table', { table: String(where.table) }));
  if (where.page !== undefined) details.push(t('problem-where-page', { page: String(where.page) }));
  // On a PDF page "row 3" would read as the page's third line: it is the table's.
  if (where.row !== undefined)
    details.push(t(where.page === undefined ? 'problem-where-row' : 'problem-where-table-row', { row: String(where.row) }));
  if (where.line !== undefined) details.push(t('problem-where-line', { line: String(where.line) }));
  if (where.column !== undefined) details.push(t('problem-where-column', { column: where.column }));
  if (where.item !== undefined) details.push(t('problem-where-item', { item: where.item }));
  if (where.requirement !== undefined) details.push(t('problem-where-requirement', { requirement: String(where.requirement) }));
  if (details.length === 0) return place;
  return t('problem-where-details', { place, details: details.join(t('problem-where-separator')) });
}

/** The problem itself in words, without where it is. */
export function wordProblemMessage(t: Translate, problem: PlanProblem, options: WordingOptions = {}): string {
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem.args) as [string, string | number | Location][]) {
    args[name] = typeof value === 'object' ? wordLocation(t, value, options) : value;
  }
  return t(problemKey(problem.code), args);
}

/** The problem with where it is: "xiamen.txt line 32, item 一: …" / "xiamen.txt 第32行，第一项：…". */
export function wordProblem(t: Translate, problem: PlanProblem, options: WordingOptions = {}): string {
  return t('problem-worded', { where: wordLocation(t, problem.where, options), message: wordProblemMessage(t, problem, options) });
}

/**
 * A problem in the command line's JSON: `where` and `message` in words (as the JSON always
 * had them), beside the `code`, its `args` and the structured `location`.
 */
export function problemJson(t: Translate, problem: PlanProblem) {
  return {
    where: wordLocation(t, problem.where),
    message: wordProblemMessage(t, problem),
    code: problem.code,
    args: problem.args,
    location: problem.where,
  };
}
