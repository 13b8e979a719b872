/**
 * Human-readable accounts of what the importer read and what a commit changed: the text
 * the command line prints without --json. Problems are worded by the translator given (the
 * command line's English locale), like the bot's, from their codes.
 */
import type { PlanPreview } from './import';
import type { CommitResult } from './commit';
import type { DeadlineRule } from '../core/plan-types';
import { wordLocation, wordProblem, type PlanProblem, type Translate } from './problems';

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

function day(d: number | 'last'): string {
  return d === 'last' ? '最后一天' : `${d}日`;
}

/** A deadline rule in words (Chinese, as the plans are written). */
export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case 'monthly':
      return rule.months === null ? `每月${day(rule.day)}` : `每年${rule.months.join('、')}月的${day(rule.day)}`;
    case 'quarterly':
      return `每季度末月${day(rule.day)}`;
    case 'weekly':
      return `每周${WEEKDAYS[rule.weekday]}${rule.endOfWorkday ? '下班前' : ''}`;
    case 'once':
      return `${rule.year ?? '(计划年度)'}年${rule.month}月${day(rule.day)}`;
    case 'relative':
      return `事件发生后${rule.days}个${rule.workingDays ? '工作日' : '自然日'}内`;
    case 'ongoing':
      return '持续进行(随月报周期报送)';
  }
}

export function describePreview(preview: PlanPreview, t: Translate): string {
  const out: string[] = [];
  out.push(`Plan: ${preview.title ?? '(no title found)'}${preview.year ? ` (${preview.year})` : ''}`);
  out.push(`Read from: ${preview.source}`);
  const requirementCount = preview.tasks.reduce((n, t) => n + t.requirements.length, 0);
  out.push(
    `${preview.sections.length} sections, ${preview.tasks.length} tasks, ${requirementCount} requirements, ${preview.units.length} units`,
  );
  out.push('');
  let section: string | null = null;
  for (const task of preview.tasks) {
    if (task.section !== section) {
      section = task.section;
      const heading = preview.sections.find((s) => s.number === section);
      if (heading) out.push(`${heading.number}、${heading.title}`);
    }
    out.push(`  ${task.number}. ${task.title}${task.points === null ? '' : ` [${task.points} points]`}`);
    task.requirements.forEach((r, i) => {
      const deadline = r.deadline.text === '' ? '(none)' : r.deadline.recognized ? r.deadline.text : `${r.deadline.text} (NOT READ)`;
      out.push(`    ${i + 1}) ${truncate(r.text, 60)}`);
      out.push(`       deadline: ${deadline}${r.deadline.rule ? ` → ${describeRule(r.deadline.rule)}` : ''}`);
      out.push(`       lead: ${r.lead.join('、') || '-'}${r.cooperating.length ? `; cooperating: ${r.cooperating.join('、')}` : ''}`);
      if (r.quota) out.push(`       quota: ${r.quota.target}${r.quota.unit} per ${r.quota.period}`);
      if (r.evidence !== null) out.push(`       evidence: ${truncate(r.evidence, 60)}`);
    });
  }
  out.push('');
  out.push(`Units: ${preview.units.map((u) => u.name).join('、') || '(none)'}`);
  const points = preview.tasks.filter((task) => task.points !== null);
  if (points.length > 0)
    out.push(`Points: ${points.length} tasks, ${Math.round(points.reduce((sum, task) => sum + task.points!, 0) * 100) / 100} in all`);
  out.push(describeIgnored(preview, t));
  out.push(describeProblems(preview.problems, t, 'problem(s):'));
  return out.join('\n');
}

/** A preview's problems, one a line, after a heading ("3 problem(s):"). */
export function describeProblems(problems: PlanProblem[], t: Translate, heading: string): string {
  if (problems.length === 0) return 'No problems.';
  return [`${problems.length} ${heading}`, ...problems.map((p) => `  - ${wordProblem(t, p)}`)].join('\n');
}

/** The lines no task or requirement took, each with why (worded by `ignored-<reason>`), one a line. */
export function describeIgnored(preview: Pick<PlanPreview, 'ignored'>, t: Translate): string {
  if (preview.ignored.length === 0) return 'No lines ignored.';
  return [
    `${preview.ignored.length} line(s) not imported as a task or requirement:`,
    ...preview.ignored.map((line) => `  - ${wordLocation(t, line.where)} (${t(`ignored-${line.reason}`)}): ${truncate(line.text, 60)}`),
  ].join('\n');
}

export function describeCommit(result: CommitResult): string {
  const t = result.tasks;
  const r = result.requirements;
  const list = (numbers: string[]) => (numbers.length ? ` (${numbers.join(', ')})` : '');
  return [
    `${result.created ? 'Created' : 'Updated'} plan #${result.planId}.`,
    `Tasks: ${t.added.length} added${list(t.added)}, ${t.updated.length} updated${list(t.updated)}, ${t.archived.length} archived${list(t.archived)}, ${t.unchanged} unchanged.`,
    `Requirements: ${r.added} added, ${r.updated} updated, ${r.archived} archived.`,
    `New units: ${result.newUnits.join('、') || 'none'}.`,
  ].join('\n');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
