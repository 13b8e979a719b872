/**
 * A document that does not read as a plan is refused, or previewed with a warning, instead
 * of becoming tasks nobody is responsible for by no date (issue 13, "no garbage previews").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeShape } from '../../plans/plan-shape';
import { readPlan } from '../../plans/import';
import { refusalInEnglish } from './wording';

const encode = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('the shape of what was read', () => {
  it('judges by the share of requirements with a unit and with a deadline', () => {
    const shape = (requirements: number, withUnit: number, withDeadline: number, scored = false) =>
      judgeShape({ requirements, withUnit, withDeadline, scored });
    expect(shape(10, 2, 2)).toBe('not-a-plan');
    expect(shape(10, 3, 0)).toBe('doubtful'); // a quarter with units: not refused
    expect(shape(10, 10, 4)).toBe('doubtful');
    expect(shape(10, 10, 5)).toBe('plan');
    // An assessment plan names no deadlines: it is judged at the assessment.
    expect(shape(10, 10, 0, true)).toBe('plan');
    expect(shape(10, 1, 0, true)).toBe('not-a-plan');
    // Too little to judge.
    expect(shape(2, 0, 0)).toBe('plan');
  });

  it('refuses numbered paragraphs that name no unit and no date, saying what was found', async () => {
    const speech = [
      '在全市信用工作会议上的讲话',
      '一、充分认识信用建设的重要意义',
      '(一)信用是市场经济的基石。',
      '(二)信用是社会治理的抓手。',
      '(三)信用是营商环境的名片。',
      '(四)信用是城市文明的标志。',
    ].join('\n');
    const error = await readPlan('讲话.txt', encode(speech), { year: 2026 }).catch((e: unknown) => e);
    expect(refusalInEnglish(error)).toBe(
      '讲话.txt: this does not read as a task plan: of 4 numbered items, 0 name a responsible unit and 0 a deadline. Send the task decomposition table (任务分解表) or the plan itself, or a spreadsheet with 任务 / 责任单位 / 完成时限 columns',
    );
  });

  it('warns on a plan with few deadlines, but not on an assessment table with points', async () => {
    const huaihua = await readPlan('huaihua.txt', fixture('huaihua-2020-housing-plan.txt'));
    expect(huaihua.problems[0]).toMatchObject({ code: 'plan-doubtful', args: { requirements: 33, withUnit: 32, withDeadline: 3 } });
    const chaoyang = await readPlan('chaoyang.txt', fixture('chaoyang-2019-assessment-indicators.txt'));
    expect(chaoyang.problems.map((p) => p.code)).not.toContain('plan-doubtful');
    expect(chaoyang.tasks.length).toBeGreaterThan(10);
  });
});
