/**
 * A plan as read from a file, before it touches the database: what the dry run shows and
 * what a commit writes. Both the table reader and the prose reader build requirements here,
 * so a deadline, a unit list and a quota are read the same way whatever the source.
 */
import { readDeadline, splitDuties, type DutyEntry } from './deadline';
import { readQuotas } from './quota';
import { MAX_UNIT_NAME, readResponsibility, unitNameProblem } from './units';
import { cleanText } from './normalize';
import { refusal } from './errors';
import { problem, type Location, type PlanProblem, type ProblemCode } from './problems';
import { rememberedByText, rememberedByTextAndYear } from './memo';
import type { DeadlineReading, Quota, Responsibility } from '../core/plan-types';

export interface ParsedRequirement {
  text: string;
  deadline: DeadlineReading;
  lead: string[];
  cooperating: string[];
  quota: Quota | null;
  /**
   * What must be submitted as proof (考核要求, 佐证材料: 会议纪要, 活动照片 …), as written;
   * null when the plan names none.
   */
  evidence: string | null;
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
  /** The task's points (分值) in an assessment plan; null when the plan gives none. */
  points: number | null;
  requirements: ParsedRequirement[];
}

/**
 * Why a line of the source became neither a task nor a requirement. Every line ends in one
 * of the three, so nothing is dropped without the admin seeing it; the bot words each
 * reason from the locale key `ignored-<reason>`.
 */
export type IgnoredReason =
  | 'notice' // the notice publishing the plan: 关于印发…的通知, addressees, 现将…印发给你们
  | 'preamble' // the plan's opening paragraph before its first section
  | 'goals' // 工作目标, 总体要求, 指导思想
  | 'organization' // 组织领导, 领导小组 members
  | 'work-requirements' // 工作要求, 保障措施: exhortations, not tasks
  | 'signature' // the issuing office and date
  | 'attachment-heading' // 附件, 附件1:…
  | 'page-furniture' // web page debris: 发布时间, 来源, breadcrumbs, 打印本页
  | 'page-number' // a printed page's number at its foot: - 3 -, 第3页
  | 'closing' // text after the plan's body that is no signature: a note under the table, 抄送
  | 'other-column' // a table column the reader has no role for: 备注, 联系人
  | 'unused-cell' // a deadline, unit or evidence cell below a task's last requirement that none took
  | 'heading' // a section or column heading that carries no task itself
  | 'scoring-rule'; // 评分标准 / 评分细则 of an assessment table: how points are given, not work to do

export interface IgnoredLine {
  where: Location;
  text: string;
  reason: IgnoredReason;
}

export interface ParsedPlan {
  title: string | null;
  year: number | null;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  /** Source lines that became neither a task nor a requirement, with why. */
  ignored: IgnoredLine[];
  problems: PlanProblem[];
}

export interface RequirementSource {
  text: string;
  deadlineText: string;
  /** A responsibility expression, or lead/cooperating already split by table columns. */
  responsibility: string | { lead: string; cooperating: string };
  where: Location;
  /** The proof the plan asks for (a 考核要求 / 佐证材料 cell or clause), when it names one. */
  evidence?: string | null;
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

/**
 * The requirements of one item: one, unless its deadline names several duties with deadlines
 * of their own ("每季度末报送进展,11月底前完成": a quarterly report and a one-off completion).
 * Then each duty is a requirement with the item's words and the duty's, so each is reminded
 * and reported on its own dates.
 */
export function buildRequirements(source: RequirementSource, year: number | null, problems: PlanProblem[]): ParsedRequirement[] {
  const duties = severalDuties(source.deadlineText, year);
  if (duties === null) return [buildRequirement(source, year, problems)];
  return duties.map((duty) =>
    buildRequirement({ ...source, text: `${source.text.trim()}(${duty.text})`, deadlineText: duty.deadline.text }, year, problems),
  );
}

function severalDuties(deadlineText: string, year: number | null): DutyEntry[] | null {
  if (!/[,，;；。]/.test(deadlineText)) return null;
  const duties = splitDuties(deadlineText, { year });
  if (duties.length < 2 || !duties.every((duty) => duty.deadline.recognized)) return null;
  // One deadline said twice (每月10日前报送,每月10日前汇总) is one duty.
  return new Set(duties.map((duty) => JSON.stringify(duty.deadline.rule))).size < 2 ? null : duties;
}

/**
 * A table repeats its deadline and unit cells row after row (每月10日前, 政策法规处牵头): each
 * text is read once. A requirement keeps its deadline, so each gets a copy of the reading; the
 * units read are only filtered into new lists below, never changed, and can be shared.
 */
const rememberedDeadline = rememberedByTextAndYear((text, year) => readDeadline(text, { year }));
const rememberedResponsibility: (text: string) => Readonly<Responsibility> = rememberedByText(readResponsibility);

function deadlineOf(text: string, year: number | null): DeadlineReading {
  const reading = rememberedDeadline(text, year);
  const rule = reading.rule;
  if (rule === null) return { ...reading };
  return { ...reading, rule: rule.kind === 'monthly' && rule.months !== null ? { ...rule, months: [...rule.months] } : { ...rule } };
}

/** Reads one requirement's deadline, units and quota; problems go to `problems` and onto the requirement. */
export function buildRequirement(source: RequirementSource, year: number | null, problems: PlanProblem[]): ParsedRequirement {
  const text = cleanText(source.text);
  const deadline = deadlineOf(source.deadlineText, year);
  let openEnded: string[];
  let units: { lead: string[]; cooperating: string[] };
  if (typeof source.responsibility === 'string') {
    const read = rememberedResponsibility(source.responsibility);
    units = { lead: read.lead, cooperating: read.cooperating };
    openEnded = read.openEnded ?? [];
  } else {
    const lead = rememberedResponsibility(source.responsibility.lead);
    const cooperating = rememberedResponsibility(source.responsibility.cooperating);
    units = { lead: lead.lead, cooperating: [...cooperating.lead, ...cooperating.cooperating] };
    openEnded = [...(lead.openEnded ?? []), ...(cooperating.openEnded ?? [])];
  }
  const own: PlanProblem[] = [];
  // "房监科、建工科等科室": the named units are read, and the admin told that others may be meant.
  if (openEnded.length > 0) own.push(problem('units-open-ended', source.where, { text: openEnded.join('、') }));
  for (const role of ['lead', 'cooperating'] as const) {
    units[role] = units[role].filter((name) => {
      const reason = unitNameProblem(name, year);
      if (reason === 'unit-name-too-long') own.push(problem(reason, source.where, { name, max: MAX_UNIT_NAME }));
      else if (reason) own.push(problem(reason, source.where, { name }));
      return reason === null;
    });
  }
  if (deadline.condition) own.push(problem('deadline-conditional', source.where, { condition: deadline.condition, text: deadline.text }));
  if (deadline.text === '') own.push(problem('no-deadline', source.where, {}));
  else if (!deadline.recognized) own.push(problem('deadline-unread', source.where, { text: deadline.text }));
  if (units.lead.length === 0 && units.cooperating.length === 0) own.push(problem('no-unit', source.where, {}));
  else if (units.lead.length === 0) own.push(problem('no-lead-unit', source.where, {}));
  // A quota for the whole office (全局每月…至少2篇) or per domain is no unit's own count: it is
  // listed for the admin, and the unit's own quota (每月至少…1篇) is the one tracked.
  const quotas = readQuotas(text);
  for (const quota of quotas) {
    if ((quota.scope ?? 'each') !== 'each')
      own.push(problem('quota-not-per-unit', source.where, { source: quota.source, scope: quota.scope! }));
  }
  const quota = quotas.find((q) => (q.scope ?? 'each') === 'each') ?? null;
  problems.push(...own);
  return {
    text,
    deadline,
    lead: units.lead,
    cooperating: units.cooperating,
    quota,
    evidence: evidenceText(source.evidence),
    problems: own.map((p) => p.code),
  };
}

function evidenceText(evidence: string | null | undefined): string | null {
  const text = cleanText(evidence ?? '');
  return text === '' ? null : text;
}

/** A plan's year from its title: the first four-digit year written before 年. */
export function yearFromTitle(title: string | null): number | null {
  const match = title?.match(/((?:19|20)\d\d)\s*年/);
  return match ? Number(match[1]) : null;
}

// 评估指标 / 考核指标 / 指标细则: assessment indicator tables (评估指标细则及任务分解) are plans too.
const TITLE_WORDS =
  /(任务分解表|工作要点|实施方案|工作方案|工作计划|任务清单|任务台账|责任分工|分工方案|重点任务|评估指标|考核指标|指标细则)/;

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
  const parts = trimmed
    .split(/(?=[\u2460-\u2473])/)
    .map((part) => part.trim())
    .filter(Boolean);
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
