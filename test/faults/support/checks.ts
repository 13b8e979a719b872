/**
 * What every result must look like, whatever the input: the properties of the drills. Each
 * check returns the list of what is wrong (empty when all is well), so a failure names
 * every broken rule at once.
 */
import { cleanLines, cleanText } from '../../../plans/normalize';
import { previewJson, type PlanPreview } from '../../../plans/import';
import { PROBLEM_CODES } from '../../../plans/problems';
import type { DeadlineReading, DeadlineRule, Quota, Responsibility } from '../../../core/plan-types';

const UNIT_KINDS = ['division', 'branch', 'affiliate', 'bureau', 'center', 'enterprise', 'government', 'other'];
const isDay = (day: unknown) => day === 'last' || (Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 31);
const isMonth = (month: unknown) => Number.isInteger(month) && (month as number) >= 1 && (month as number) <= 12;
const isNonEmptyString = (value: unknown) => typeof value === 'string' && value !== '';

export function ruleViolations(rule: DeadlineRule): string[] {
  const out: string[] = [];
  switch (rule.kind) {
    case 'monthly':
      if (!isDay(rule.day)) out.push(`monthly rule with day ${String(rule.day)}`);
      if (rule.months !== null && (rule.months.length === 0 || !rule.months.every(isMonth)))
        out.push(`monthly rule with months ${JSON.stringify(rule.months)}`);
      break;
    case 'quarterly':
      if (!isDay(rule.day)) out.push(`quarterly rule with day ${String(rule.day)}`);
      break;
    case 'weekly':
      if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) out.push(`weekly rule with weekday ${rule.weekday}`);
      if (typeof rule.endOfWorkday !== 'boolean') out.push('weekly rule without endOfWorkday');
      break;
    case 'once':
      if (!isMonth(rule.month) || !isDay(rule.day)) out.push(`once rule on month ${rule.month} day ${String(rule.day)}`);
      if (rule.year !== null && !Number.isInteger(rule.year)) out.push(`once rule in year ${rule.year}`);
      break;
    case 'relative':
      if (!Number.isInteger(rule.days) || rule.days < 1 || rule.days > 366) out.push(`relative rule of ${rule.days} days`);
      if (typeof rule.workingDays !== 'boolean') out.push('relative rule without workingDays');
      break;
    case 'ongoing':
      break;
    default:
      out.push(`unknown rule kind ${JSON.stringify(rule)}`);
  }
  return out;
}

/** A deadline reading: the text kept, `recognized` false exactly when there is no rule. */
export function deadlineViolations(reading: DeadlineReading, input: string | null): string[] {
  const out: string[] = [];
  if (typeof reading?.text !== 'string') return [`deadline reading has no text: ${JSON.stringify(reading)}`];
  if (typeof reading.recognized !== 'boolean') out.push('deadline reading without a boolean `recognized`');
  if (reading.recognized !== (reading.rule !== null))
    out.push(`recognized is ${reading.recognized} but the rule is ${JSON.stringify(reading.rule)}`);
  if (reading.rule) out.push(...ruleViolations(reading.rule));
  if (input !== null && reading.text !== cleanText(input)) out.push('the reading does not keep the (cleaned) text it was given');
  return out;
}

const MAX_TARGET = 100_000 * 4; // a count, times four for a quarterly one

export function quotaViolations(quota: Quota | null, input: string): string[] {
  if (quota === null) return [];
  const out: string[] = [];
  if (!Number.isFinite(quota.target) || quota.target <= 0) out.push(`quota target ${quota.target}`);
  if (quota.kind === 'count' && (!Number.isInteger(quota.target) || quota.target > MAX_TARGET)) out.push(`count quota of ${quota.target}`);
  if (quota.kind === 'ratio' && (quota.target > 100 || quota.unit !== '%')) out.push(`ratio quota of ${quota.target}${quota.unit}`);
  if (!['count', 'ratio'].includes(quota.kind)) out.push(`quota kind ${quota.kind}`);
  if (!['year', 'month', 'once'].includes(quota.period)) out.push(`quota period ${quota.period}`);
  if (!isNonEmptyString(quota.unit)) out.push('quota without a unit');
  if (!isNonEmptyString(quota.source) || !cleanText(input).includes(quota.source))
    out.push(`quota source "${quota.source}" is not in the text`);
  return out;
}

export function responsibilityViolations(result: Responsibility): string[] {
  const out: string[] = [];
  for (const role of ['lead', 'cooperating'] as const) {
    const names = result[role];
    if (!Array.isArray(names)) {
      out.push(`${role} is not a list`);
      continue;
    }
    if (!names.every(isNonEmptyString)) out.push(`${role} holds an empty name`);
    if (new Set(names).size !== names.length) out.push(`${role} names a unit twice`);
  }
  if (out.length === 0 && result.cooperating.some((name) => result.lead.includes(name))) out.push('a unit is both lead and cooperating');
  return out;
}

/** The pieces of a deadline cell: none empty, and together all of the cell but separators. */
export function splitViolations(pieces: string[], cell: string): string[] {
  if (!Array.isArray(pieces) || !pieces.every((piece) => typeof piece === 'string')) return ['not a list of strings'];
  const out: string[] = [];
  if (pieces.some((piece) => piece === '')) out.push('an empty piece');
  const essence = (text: string) => text.replace(/[\s,,;;、]/g, '');
  if (essence(pieces.join('')) !== essence(cleanLines(cell).join(''))) out.push('the pieces do not add up to the cell');
  return out;
}

/** A plan preview that the dry run can show and a commit can store. */
export function previewViolations(preview: PlanPreview, fileName: string): string[] {
  const out: string[] = [];
  if (preview.source !== fileName) out.push(`source is "${preview.source}", not the file name`);
  if (preview.title !== null && typeof preview.title !== 'string') out.push('title is neither text nor null');
  if (preview.year !== null && !Number.isInteger(preview.year)) out.push(`year ${preview.year}`);
  if (!Array.isArray(preview.tasks) || preview.tasks.length === 0) return [...out, 'a preview without tasks'];
  for (const section of preview.sections) {
    if (!isNonEmptyString(section.number) || typeof section.title !== 'string') out.push(`section ${JSON.stringify(section)}`);
  }
  preview.tasks.forEach((task, t) => {
    const at = `task ${t + 1} (${task.number})`;
    if (!isNonEmptyString(task.number)) out.push(`${at}: no number`);
    if (typeof task.title !== 'string') out.push(`${at}: no title`);
    if (task.section !== null && !preview.sections.some((s) => s.number === task.section))
      out.push(`${at}: section ${task.section} not in the plan`);
    if (task.where?.file !== fileName) out.push(`${at}: where ${JSON.stringify(task.where)} does not name the file`);
    if (!Array.isArray(task.requirements) || task.requirements.length === 0) out.push(`${at}: no requirements`);
    task.requirements.forEach((requirement, r) => {
      const where = `${at}, requirement ${r + 1}`;
      if (typeof requirement.text !== 'string') out.push(`${where}: no text`);
      if (!requirement.deadline || typeof requirement.deadline !== 'object') out.push(`${where}: no deadline object`);
      else out.push(...deadlineViolations(requirement.deadline, null).map((v) => `${where}: ${v}`));
      out.push(...responsibilityViolations(requirement).map((v) => `${where}: ${v}`));
      out.push(...quotaViolations(requirement.quota, requirement.text).map((v) => `${where}: ${v}`));
      if (!Array.isArray(requirement.problems) || !requirement.problems.every((code) => PROBLEM_CODES.includes(code)))
        out.push(`${where}: problems are not a list of problem codes`);
    });
  });
  const names = preview.units.map((unit) => unit.name);
  if (new Set(names).size !== names.length) out.push('a unit is listed twice');
  for (const unit of preview.units) {
    if (!isNonEmptyString(unit.name) || !UNIT_KINDS.includes(unit.kind)) out.push(`unit ${JSON.stringify(unit)}`);
  }
  for (const problem of preview.problems) {
    if (!PROBLEM_CODES.includes(problem.code) || problem.where?.file !== fileName) {
      out.push(`problem ${JSON.stringify(problem).slice(0, 200)} has no known code or does not name the file`);
    }
  }
  try {
    JSON.stringify(previewJson(preview));
  } catch (error) {
    out.push(`the dry run's JSON cannot be made: ${(error as Error).message}`);
  }
  return out;
}
