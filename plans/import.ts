/**
 * From a file (or pasted text) to a plan preview: picks the reader by file type, enforces
 * the limits, and adds what only the whole plan can tell (its units, groups that name no
 * unit). Pure apart from the bytes handed in: nothing here touches the database.
 */
import { extname } from 'node:path';
import { decodeText, gridFromDelimited, gridsFromXlsx, type Grid } from './grid';
import { findHeader, parseTable } from './table';
import { parseProse } from './prose';
import { readParagraphTablePlan } from './paragraph-table';
import { refusal } from './errors';
import { MAX_FILE_BYTES } from './file-limits';

export { MAX_FILE_BYTES };
import { judgeShape, planShape, type PlanShape } from './plan-shape';
import { blocksFromDocx } from './docx';
import { blocksFromPdf } from './pdf';
import { planFromBlocks } from './document';
import { convertWithOffice, officeCommand } from './convert';
import { problem, type Location, type PlanProblem } from './problems';
import { aliasCandidates, classifyUnit, expandGroup, isGroupRef, prefixDistributor, readGroupRef } from './units';
import type { ParsedPlan } from './plan';
import type { UnitKind } from '../core/plan-types';

export interface PlanPreview extends ParsedPlan {
  /** What the plan was read from: a file name or "pasted text". */
  source: string;
  /** Concrete units named anywhere in the plan, in order of first mention. */
  units: { name: string; kind: UnitKind }[];
}

export interface ReadOptions {
  year?: number | null;
}

export async function readPlan(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<PlanPreview> {
  const file = { file: name };
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw refusal('file-too-big', file, { size: (bytes.byteLength / 1024 / 1024).toFixed(1), max: MAX_FILE_BYTES / 1024 / 1024 });
  }
  if (bytes.byteLength === 0) throw refusal('file-empty', file, {});
  const type = extname(name).toLowerCase();
  let parsed: ParsedPlan;
  switch (type) {
    case '.xlsx':
      parsed = parseWorkbook(name, await gridsFromXlsx(bytes, name), options);
      break;
    case '.csv':
    case '.tsv':
      parsed = parseTable(gridFromDelimited(nonBlankText(name, bytes), type === '.csv' ? ',' : '\t', name), options);
      break;
    case '.txt':
    case '':
      parsed = parsePlanText(name, nonBlankText(name, bytes), options);
      break;
    case '.docx':
      parsed = planFromBlocks(name, await blocksFromDocx(bytes, name), options, parsePlanText);
      break;
    case '.pdf':
      parsed = planFromBlocks(name, await blocksFromPdf(bytes, name), options, parsePlanText);
      break;
    // The old binary formats: through LibreOffice where it is installed, else the admin saves them anew.
    case '.doc':
    case '.wps':
      if (officeCommand() === null) throw refusal('old-document-format', file, { type });
      parsed = planFromBlocks(name, await blocksFromDocx(await convertWithOffice(bytes, name, 'docx'), name), options, parsePlanText);
      break;
    case '.xls':
    case '.et':
      if (officeCommand() === null) throw refusal('old-format', file, { type });
      parsed = parseWorkbook(name, await gridsFromXlsx(await convertWithOffice(bytes, name, 'xlsx'), name), options);
      break;
    default:
      throw refusal('unsupported-type', file, { type });
  }
  return withUnits(name, parsed);
}

function nonBlankText(name: string, bytes: Uint8Array): string {
  const text = decodeText(bytes);
  if (text.trim() === '') throw refusal('file-blank', { file: name }, {});
  return text;
}

/** Text is a table pasted from a spreadsheet (tab-separated, with a header row) or the prose of a plan. */
export function parsePlanText(name: string, text: string, options: ReadOptions = {}): ParsedPlan {
  if (text.includes('\t')) {
    const grid = gridFromDelimited(text, '\t', name);
    if (findHeader(grid)) return parseTable(grid, options);
  }
  // A table printed one cell per paragraph from the text's start (an indicator table copied
  // from a web page); one starting after prose is the prose reader's (an appendix).
  const paragraphTable = readParagraphTablePlan(name, text, options);
  if (paragraphTable) return paragraphTable;
  return parseProse(name, text, options);
}

function parseWorkbook(name: string, grids: Grid[], options: ReadOptions): ParsedPlan {
  const nonEmpty = grids.filter((grid) => grid.rows.length > 0);
  if (nonEmpty.length === 0) throw refusal('workbook-no-sheet', { file: name }, {});
  const withHeader = nonEmpty.find((grid) => findHeader(grid) !== null);
  // Without a header anywhere, report on the first sheet: that is where people look.
  return parseTable(withHeader ?? nonEmpty[0]!, options);
}

/** 各责任单位, 相关责任单位: "the units responsible", in a task that names them elsewhere. */
const TASK_UNITS = /^(?:各|相关|有关)(?:有关|相关)?责任单位$/;
const isTaskUnits = (name: string) => TASK_UNITS.test(name);

/**
 * A requirement whose units are "各责任单位" (an indicator's 红黑名单 duty, for all the units the
 * indicator names) takes the units the task's other requirements name. Each change is listed
 * for the admin to check; a task that names no unit otherwise keeps the group (group-unassigned).
 */
function withTaskUnits(parsed: ParsedPlan): ParsedPlan {
  const added: PlanProblem[] = [];
  const unique = (names: string[]) => [...new Set(names)];
  const tasks = parsed.tasks.map((task) => {
    // Most tasks have no such requirement: nothing to work out for them.
    if (!task.requirements.some((r) => r.lead.some(isTaskUnits) || r.cooperating.some(isTaskUnits))) return task;
    const named = unique(task.requirements.flatMap((r) => [...r.lead, ...r.cooperating]).filter((name) => !readGroupRef(name)));
    if (named.length === 0) return task;
    const expand = (names: string[]) => names.flatMap((name) => (TASK_UNITS.test(name) ? named : [name]));
    return {
      ...task,
      requirements: task.requirements.map((requirement, index) => {
        const written = [...requirement.lead, ...requirement.cooperating].find((name) => TASK_UNITS.test(name));
        if (written === undefined) return requirement;
        const lead = unique(expand(requirement.lead));
        const cooperating = unique(expand(requirement.cooperating)).filter((name) => !lead.includes(name));
        added.push(problem('units-from-task', { ...task.where, requirement: index + 1 }, { text: written, count: named.length }));
        return { ...requirement, lead, cooperating, problems: [...requirement.problems, 'units-from-task' as const] };
      }),
    };
  });
  return added.length === 0 ? parsed : { ...parsed, tasks, problems: [...parsed.problems, ...added] };
}

/**
 * A level prefix written once in a list (市民政局、司法局) distributed to the names after it
 * (市司法局) when the plan's units carry it; each change is listed for the admin to check.
 */
function withPrefixes(parsed: ParsedPlan): ParsedPlan {
  const written = new Set<string>();
  for (const task of parsed.tasks) for (const r of task.requirements) for (const name of [...r.lead, ...r.cooperating]) written.add(name);
  const distribute = prefixDistributor([...written]);
  const added: PlanProblem[] = [];
  const tasks = parsed.tasks.map((task) => ({
    ...task,
    requirements: task.requirements.map((requirement) => {
      // A list's first name takes no prefix: a requirement naming one unit a list has nothing to distribute.
      if (requirement.lead.length < 2 && requirement.cooperating.length < 2) return requirement;
      const lead = distribute(requirement.lead);
      const cooperating = distribute(requirement.cooperating);
      const changed = [...lead, ...cooperating].filter((d) => d.name !== d.written);
      if (changed.length === 0) return requirement;
      for (const d of changed) added.push(problem('unit-prefix-added', task.where, { name: d.name, text: d.written }));
      const leadNames = [...new Set(lead.map((d) => d.name))];
      return {
        ...requirement,
        lead: leadNames,
        cooperating: [...new Set(cooperating.map((d) => d.name))].filter((name) => !leadNames.includes(name)),
        problems: [...requirement.problems, 'unit-prefix-added' as const],
      };
    }),
  }));
  return { ...parsed, tasks, problems: [...parsed.problems, ...added] };
}

function counts(shape: PlanShape) {
  return { requirements: shape.requirements, withUnit: shape.withUnit, withDeadline: shape.withDeadline };
}

function withUnits(source: string, read: ParsedPlan): PlanPreview {
  const parsed = withTaskUnits(withPrefixes(read));
  const shape = planShape(parsed.tasks);
  const verdict = judgeShape(shape);
  if (verdict === 'not-a-plan') throw refusal('not-a-plan', { file: source }, counts(shape));
  // A set, not a search of the list per name: that was the plan's units times its requirements.
  const named = new Set<string>();
  const groups = new Map<string, Location>(); // group name → where first seen
  for (const task of parsed.tasks) {
    for (const requirement of task.requirements) {
      for (const name of [...requirement.lead, ...requirement.cooperating]) {
        if (isGroupRef(name)) {
          if (!groups.has(name)) groups.set(name, task.where);
        } else named.add(name);
      }
    }
  }
  const names = [...named];
  const units = names.map((name) => ({ name, kind: classifyUnit(name) }));
  const problems = [...parsed.problems];
  if (verdict === 'doubtful') problems.unshift(problem('plan-doubtful', { file: source }, counts(shape)));
  for (const [name, where] of groups) {
    const group = readGroupRef(name)!;
    if (group.kinds === null && !group.everyUnit) problems.push(problem('group-unassigned', where, { name }));
    else if (expandGroup(group, units).length === 0) problems.push(problem('group-empty', where, { name }));
  }
  for (const { longer, shorter } of aliasCandidates(names)) problems.push(problem('unit-alias', { file: source }, { longer, shorter }));
  return { ...parsed, source, units, problems };
}

/**
 * The dry run's JSON, as the command line prints it (a contract other tools rely on); the
 * command line words each problem in English beside its code (`problemJson`).
 */
export function previewJson(preview: PlanPreview) {
  return {
    plan: { title: preview.title, year: preview.year },
    tasks: preview.tasks.map((task) => ({
      number: task.number,
      title: task.title,
      section: task.section === null ? null : (preview.sections.find((s) => s.number === task.section)?.title ?? null),
      points: task.points,
      requirements: task.requirements.map((r) => ({
        text: r.text,
        deadline: { text: r.deadline.text, recognized: r.deadline.recognized },
        lead: r.lead,
        cooperating: r.cooperating,
        quota: r.quota ? { target: r.quota.target, unit: r.quota.unit, period: r.quota.period } : null,
        evidence: r.evidence,
      })),
    })),
    units: preview.units.map((unit) => unit.name),
    ignored: preview.ignored.map((line) => ({ where: line.where, text: line.text, reason: line.reason })),
    problems: preview.problems,
  };
}
