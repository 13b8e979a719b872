/**
 * Fault drill for the readers a plan's cells go through: deadlines, deadline cells, deadline
 * phrases in prose (findDeadlines), duties of a deadline field (splitDuties), quotas (one and
 * all) and responsibility expressions. They never throw, stay within the time bound (50 ms for
 * a cell's text, proportionally more past 10,000 characters; see readerBoundMs), and
 * always answer in their documented shape.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeadlineFinding, DutyEntry } from '../../plans/deadline';
import { cleanText } from '../../plans/normalize';
import type { DeadlineReading, Quota, Responsibility } from '../../core/plan-types';
import type { UnitClause } from '../../plans/units';
import { PROBLEM_CODES, type ProblemCode } from '../../plans/problems';
import { deadlineViolations, quotaViolations, responsibilityViolations, ruleViolations, splitViolations } from './support/checks';
import { outcomeViolations, runDrill } from './support/drill';
import { labelled } from './support/labels';
import { readerBoundMs, timedCall } from './support/time-bounds';
import { DEADLINES, REQUIREMENTS, RESPONSIBILITIES } from './support/fixtures';
import type { TargetName, TextInput } from './support/targets';
import { readerText } from './support/text-arbitraries';
import { Watchdog } from './support/watchdog';

/** Inputs per reader: at least 1,000 each. */
const RUNS = Number(process.env.FAULTS_RUNS ?? 1200);
/** The longest reader input: a huge spreadsheet cell. */
const MAX_CELL = 100_000;

/** An open-ended list's phrases: absent, or a list of non-empty strings. */
function openEndedViolations(result: Responsibility): string[] {
  if (result.openEnded === undefined) return [];
  return Array.isArray(result.openEnded) && result.openEnded.length > 0 && result.openEnded.every((p) => typeof p === 'string' && p !== '')
    ? []
    : ['openEnded is not a list of phrases'];
}

/** A unit clause: null, or the item's bracket as written with units in shape and at least one named. */
function unitClauseViolations(found: UnitClause | null, text: string): string[] {
  if (found === null) return [];
  const out = [...responsibilityViolations(found.units), ...openEndedViolations(found.units)];
  if (typeof found.body !== 'string' || !Array.isArray(found.extras)) out.push('body or extras missing');
  if (!text.includes(found.clause) || !/^[(\uff08]/.test(found.clause) || !/[)\uff09]$/.test(found.clause))
    out.push('the clause is not a bracket of the text');
  if (found.units.lead.length + found.units.cooperating.length === 0) out.push('a clause naming no unit');
  return out;
}

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

/** Prose holding deadlines and quotas, as plans write them (the seeds' sentences). */
const PROSE: string[] = [
  'xx年6月30日前,领导小组成员单位向区领导小组办公室报送本单位的领导组织、联络员名单(联络员名单见附件1);各成员单位于每个双数月15日前向区领导小组办公室报送信用体系建设情况。',
  '1.xx年11月末前建立独立的信用门户网站。2.区信用网站投入使用前,由相关单位在每周周五下班前向区领导小组办公室报送“双公示”信息;',
  '1.xx年8月末前,具有行政审批职能的相关单位,制定标准化的信用承诺书并公示。2.每月末,区发改局组织相关单位整合形成联合奖惩案例。',
  '双数月末,由上述11个领域主(监)管部门将信用信息应用情况报区领导小组。',
  '长期推进,实时更新信息。',
  '每季度末报送进展,11月底前完成',
  '⑤按要求报送社会信用体系建设工作半年总结及年度总结。',
  '每月10日前汇总政策法规处。',
  '各单位于次月10日前报送,每季度结束后10日内报送,12.31前报送',
  '每半年报送一次',
  '按季度',
  '2020年年底前',
  '湖南省社会信用体系建设规划(2015-2020年)',
  '行政许可信息生效7天内在本单位网站公示,20个工作日内录入“信用怀化”后台系统',
  '局机关各相关科室、局属各相关单位每月至少在局门户网站上发布相关工作信息1篇;全局每月向“信用怀化”网站推送工作动态宣传稿件至少2篇。',
  '每半年至少1次',
  '每个领域至少5个案例',
  '每个区县至少上报一个创新案例。',
  '各相关科室每年至少推送1次',
  '153项制度标准',
  '8个专项工程',
];
const QUOTA_SCOPES = ['each', 'whole', 'per-domain', 'per-district'];
const DUTY_KINDS = ['report', 'complete', 'ongoing'];

/** Findings: read rules, ordered, without overlaps, each phrase where its index says in the cleaned text. */
function findingViolations(found: DeadlineFinding[], input: string): string[] {
  if (!Array.isArray(found)) return ['not a list'];
  const clean = cleanText(input);
  const out: string[] = [];
  let end = 0;
  for (const finding of found) {
    if (typeof finding.text !== 'string' || finding.text === '') out.push('a finding without text');
    else if (clean.slice(finding.index, finding.index + finding.text.length) !== finding.text)
      out.push(`"${finding.text}" is not at ${finding.index}`);
    if (!Number.isInteger(finding.index) || finding.index < end)
      out.push(`finding at ${finding.index} overlaps the one before (ends ${end})`);
    if (!finding.rule) out.push('a finding without a rule');
    else out.push(...ruleViolations(finding.rule));
    if (finding.condition !== undefined && (typeof finding.condition !== 'string' || finding.condition === ''))
      out.push('an empty condition');
    end = finding.index + (finding.text?.length ?? 0);
  }
  return out;
}

/** Duties: sane readings, known duty kinds, clauses in order and in the cleaned text. */
function dutyViolations(duties: DutyEntry[], input: string): string[] {
  if (!Array.isArray(duties)) return ['not a list'];
  const clean = cleanText(input);
  const out: string[] = [];
  let start = 0;
  for (const duty of duties) {
    if (typeof duty.text !== 'string') out.push('a duty without text');
    out.push(...deadlineViolations(duty.deadline, null));
    if (duty.deadline?.recognized && !clean.includes(duty.deadline.text)) out.push(`deadline "${duty.deadline.text}" is not in the text`);
    if (!DUTY_KINDS.includes(duty.duty)) out.push(`duty kind ${duty.duty}`);
    if (!Number.isInteger(duty.index) || duty.index < start || duty.index > clean.length) out.push(`duty at ${duty.index} out of order`);
    start = duty.index;
  }
  if (clean.replace(/[\s,。;、:]/g, '') !== '' && duties.length === 0) out.push('a text with words gave no duty');
  return out;
}

function quotasViolations(quotas: Quota[], input: string): string[] {
  if (!Array.isArray(quotas)) return ['not a list'];
  return quotas.flatMap((quota) => [
    ...quotaViolations(quota, input),
    ...(QUOTA_SCOPES.includes(quota.scope ?? '') ? [] : [`quota scope ${quota.scope}`]),
  ]);
}

const neverThrows = (name: string, message: string) => [`threw ${name}: ${message.slice(0, 300)}`];

function readerDrill(target: TargetName, samples: string[], valueViolations: (value: unknown, input: TextInput) => string[]) {
  const inputs = fc
    .record({ text: readerText(samples, MAX_CELL), year: fc.constantFrom(null, 2020, 2026) })
    .map((input) => labelled(`a ${input.text.length}-character text`, input));
  return runDrill({
    drill: target,
    inputs,
    numRuns: RUNS,
    payload: (input) => input.text,
    check: async (input) => {
      const bound = readerBoundMs(input.text.length);
      const timed = await timedCall(watchdog, target, { text: input.text, year: input.year }, bound);
      const out = outcomeViolations(timed, bound, neverThrows);
      if (timed.outcome.kind === 'returned') out.push(...valueViolations(timed.outcome.value, input));
      return out;
    },
  });
}

describe('fault drill: the readers never throw, never hang, and answer in shape', () => {
  it(`readDeadline (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readDeadline', DEADLINES, (value, input) => deadlineViolations(value as DeadlineReading, input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`splitDeadlineCell (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('splitDeadlineCell', DEADLINES, (value, input) => splitViolations(value as string[], input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`readQuota (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readQuota', REQUIREMENTS, (value, input) => quotaViolations(value as Quota | null, input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`findDeadlines (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('findDeadlines', [...PROSE, ...DEADLINES, ...REQUIREMENTS], (value, input) =>
      findingViolations(value as DeadlineFinding[], input.text),
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`splitDuties (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('splitDuties', [...PROSE, ...DEADLINES], (value, input) =>
      dutyViolations(value as DutyEntry[], input.text),
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`readQuotas (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readQuotas', [...PROSE, ...REQUIREMENTS], (value, input) =>
      quotasViolations(value as Quota[], input.text),
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`readResponsibility (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readResponsibility', RESPONSIBILITIES, (value) => [
      ...responsibilityViolations(value as Responsibility),
      ...openEndedViolations(value as Responsibility),
    ]);
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`findUnitClause (${RUNS} inputs)`, async () => {
    // Items closed by unit clauses, and by brackets that hold no units.
    const samples = [
      ...RESPONSIBILITIES.map((units) => `做好某项工作(${units})。`),
      '规划(2015-2020年)',
      '办公室(简称“局信用办”)',
      '名单(联络员名单见附件1)',
      '(制度标准详见附件2)',
      '(牵头科室:局办公室;完成时限:2020年8月底前)',
      '(责任科室:房监科、建工科、市燃气办等科室和单位,2020年度工作任务详见附件)',
      '由市发改委(金融发展局)、人行朝阳市中心支行准备材料',
    ];
    const tried = await readerDrill('findUnitClause', samples, (value, input) =>
      unitClauseViolations(value as UnitClause | null, input.text),
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`unitNameProblem (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('unitNameProblem', RESPONSIBILITIES, (value) =>
      value === null || (typeof value === 'string' && PROBLEM_CODES.includes(value as ProblemCode))
        ? []
        : [`answered ${String(value).slice(0, 100)}`],
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });
});
