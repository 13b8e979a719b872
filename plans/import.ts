/**
 * From a file (or pasted text) to a plan preview: picks the reader by file type, enforces
 * the limits, and adds what only the whole plan can tell (its units, groups that name no
 * unit). Pure apart from the bytes handed in: nothing here touches the database.
 */
import { extname } from 'node:path';
import { decodeText, gridFromDelimited, gridsFromXlsx, type Grid } from './grid';
import { findHeader, parseTable } from './table';
import { parseProse } from './prose';
import { refusal } from './errors';
import { problem, type Location } from './problems';
import { aliasCandidates, classifyUnit, expandGroup, readGroupRef } from './units';
import type { ParsedPlan } from './plan';
import type { UnitKind } from './types';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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
    case '.xls':
    case '.et':
      throw refusal('old-format', file, { type });
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
  return parseProse(name, text, options);
}

function parseWorkbook(name: string, grids: Grid[], options: ReadOptions): ParsedPlan {
  const nonEmpty = grids.filter((grid) => grid.rows.length > 0);
  if (nonEmpty.length === 0) throw refusal('workbook-no-sheet', { file: name }, {});
  const withHeader = nonEmpty.find((grid) => findHeader(grid) !== null);
  // Without a header anywhere, report on the first sheet: that is where people look.
  return parseTable(withHeader ?? nonEmpty[0]!, options);
}

/** Lists the plan's concrete units and reports groups that stand for none of them. */
function withUnits(source: string, parsed: ParsedPlan): PlanPreview {
  const names: string[] = [];
  const groups = new Map<string, Location>(); // group name → where first seen
  for (const task of parsed.tasks) {
    for (const requirement of task.requirements) {
      for (const name of [...requirement.lead, ...requirement.cooperating]) {
        if (readGroupRef(name)) {
          if (!groups.has(name)) groups.set(name, task.where);
        } else if (!names.includes(name)) names.push(name);
      }
    }
  }
  const units = names.map((name) => ({ name, kind: classifyUnit(name) }));
  const problems = [...parsed.problems];
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
      requirements: task.requirements.map((r) => ({
        text: r.text,
        deadline: { text: r.deadline.text, recognized: r.deadline.recognized },
        lead: r.lead,
        cooperating: r.cooperating,
        quota: r.quota ? { target: r.quota.target, unit: r.quota.unit, period: r.quota.period } : null,
      })),
    })),
    units: preview.units.map((unit) => unit.name),
    problems: preview.problems,
  };
}
