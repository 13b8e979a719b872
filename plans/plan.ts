/**
 * A plan as read from a file, before it touches the database: what the dry run shows and
 * what a commit writes. Both the table reader and the prose reader build requirements here,
 * so a deadline, a unit list and a quota are read the same way whatever the source.
 */
import { readDeadline } from './deadline';
import { readQuota } from './quota';
import { readResponsibility } from './units';
import { cleanText } from './normalize';
import { refusal } from './errors';
import { problem, type Location, type PlanProblem, type ProblemCode } from './problems';
import type { DeadlineReading, Quota } from './types';

export interface ParsedRequirement {
  text: string;
  deadline: DeadlineReading;
  lead: string[];
  cooperating: string[];
  quota: Quota | null;
  /**
   * The codes of the problems an admin must fix on this requirement (listed in full, with
   * their arguments, in the plan's problems). Stored with the requirement.
   */
  problems: ProblemCode[];
}

export interface ParsedSection {
  /** The heading's numeral: 一, 二 … */
  number: string;
  title: string;
}

export interface ParsedTask {
  number: string;
  title: string;
  content: string | null;
  /** Number of the section the task is in, null before any section heading. */
  section: string | null;
  /** Where the task was read: its file, sheet and row, or its line and item number. */
  where: Location;
  requirements: ParsedRequirement[];
}

export interface ParsedPlan {
  title: string | null;
  year: number | null;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  problems: PlanProblem[];
}

export interface RequirementSource {
  text: string;
  deadlineText: string;
  /** A responsibility expression, or lead/cooperating already split by table columns. */
  responsibility: string | { lead: string; cooperating: string };
  where: Location;
}

/**
 * Requirements a plan may have. Real plans have hundreds; a cell of thousands of ① items
 * made as many requirements, each read for its deadline, units and quota: seconds of work
 * from a few kilobytes (found by fuzzing).
 */
export const MAX_REQUIREMENTS = 20_000;

/** Counts a plan's requirements before they are read, and refuses the plan once there are too many. */
export function requirementCounter(): (count: number, where: Location) => void {
  let total = 0;
  return (count, where) => {
    total += count;
    if (total > MAX_REQUIREMENTS) throw refusal('too-many-requirements', where, { max: MAX_REQUIREMENTS });
  };
}

/** Reads one requirement's deadline, units and quota; problems go to `problems` and onto the requirement. */
export function buildRequirement(source: RequirementSource, year: number | null, problems: PlanProblem[]): ParsedRequirement {
  const text = cleanText(source.text);
  const deadline = readDeadline(source.deadlineText, { year });
  const units =
    typeof source.responsibility === 'string'
      ? readResponsibility(source.responsibility)
      : {
          lead: readResponsibility(source.responsibility.lead).lead,
          cooperating: readResponsibility(source.responsibility.cooperating).lead,
        };
  const own: PlanProblem[] = [];
  for (const role of ['lead', 'cooperating'] as const) {
    units[role] = units[role].filter((name) => {
      const reason = notAUnitName(name, year);
      if (reason === 'unit-name-too-long') own.push(problem(reason, source.where, { name, max: MAX_UNIT_NAME }));
      else if (reason) own.push(problem(reason, source.where, { name }));
      return reason === null;
    });
  }
  if (deadline.text === '') own.push(problem('no-deadline', source.where, {}));
  else if (!deadline.recognized) own.push(problem('deadline-unread', source.where, { text: deadline.text }));
  if (units.lead.length === 0 && units.cooperating.length === 0) own.push(problem('no-unit', source.where, {}));
  else if (units.lead.length === 0) own.push(problem('no-lead-unit', source.where, {}));
  problems.push(...own);
  return { text, deadline, lead: units.lead, cooperating: units.cooperating, quota: readQuota(text), problems: own.map((p) => p.code) };
}

const MAX_UNIT_NAME = 40;

type NotAUnitName = 'unit-name-too-short' | 'unit-name-too-long' | 'unit-name-is-requirement' | 'unit-name-is-deadline';

/**
 * Why a name read from a unit cell cannot be a unit, or null when it can: text extracted
 * from PDFs shifts deadlines and fragments (头 of 牵 头) into the unit column.
 */
export function notAUnitName(name: string, year: number | null): NotAUnitName | null {
  if ([...name].length < 2) return 'unit-name-too-short';
  if ([...name].length > MAX_UNIT_NAME) return 'unit-name-too-long';
  if (/[\u2460-\u2473]/.test(name)) return 'unit-name-is-requirement';
  if (readDeadline(name, { year }).recognized) return 'unit-name-is-deadline';
  return null;
}

/** A plan's year from its title: the first four-digit year written before 年. */
export function yearFromTitle(title: string | null): number | null {
  const match = title?.match(/((?:19|20)\d\d)\s*年/);
  return match ? Number(match[1]) : null;
}

const TITLE_WORDS = /(任务分解表|工作要点|实施方案|工作方案|工作计划|任务清单|任务台账|责任分工|分工方案|重点任务)/;

/**
 * The plan's title among the lines before its body: a line naming a plan document
 * (…任务分解表, …工作要点), not the notice that publishes it (…的通知), not an attachment label.
 */
export function findTitle(lines: string[]): string | null {
  const candidates = lines
    .map((line) => cleanText(line))
    .filter((line) => line.length > 0 && line.length <= 80 && TITLE_WORDS.test(line) && !/通知$/.test(line));
  return candidates.at(-1) ?? null;
}

/** Circled numbers ①–⑳, which split a task's requirements. */
const CIRCLED = /[\u2460-\u2473]/;

/** A task's requirement text split at ①②③ … items; text before ① (if any) stays with the first item. */
export function splitRequirementItems(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (!CIRCLED.test(trimmed)) return [trimmed];
  const parts = trimmed.split(/(?=[\u2460-\u2473])/).map((part) => part.trim()).filter(Boolean);
  // A preamble before ① belongs to no item of its own.
  if (!CIRCLED.test(parts[0]![0]!) && parts.length > 1) {
    parts[1] = `${parts[0]} ${parts[1]}`;
    parts.shift();
  }
  return parts;
}

/** The Chinese numeral for a section's position, for headings whose numeral was lost in extraction. */
export function chineseOrdinal(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : digits[n]!;
  if (n < 20) return `十${digits[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${digits[tens]}十${ones ? digits[ones] : ''}`;
}
