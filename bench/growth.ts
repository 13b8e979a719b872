/**
 * The growth curve (issue 17): scenarios 1 (import; the table's rows grow with the units, up to
 * the importer's largest, 5,000 rows, at 10,000 units), 2 (planning) and
 * 5 (summaries) at 1,000, 3,000 and 10,000 units, each point in a process of its own
 * (growth-child.ts). Per scenario and size: the time and the memory the work took (peak RSS
 * less the RSS before it), and both per 1,000 units. Cost that grows no faster than the work
 * keeps the figure per unit flat: the last figure of each scenario is the per-unit time at the
 * largest size over the per-unit time at the smallest (target <= 1). Draws bench/growth.png.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type Figure, type GrowthPoint, type ScenarioResult } from './lib';
import { GROWTH_SCENARIOS } from './growth-scenarios';
import { NODE_FLAGS } from '../app/node-flags';
import { growthChartPng } from './growth-chart';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'growth-child.ts');
/** The sizes of the issue: an office, a city, a province. */
export const GROWTH_UNITS = [1_000, 3_000, 10_000];

export interface GrowthCurve {
  scenario: string;
  what: string;
  points: GrowthPoint[];
}

const perThousand = (value: number, units: number) => (value / units) * 1000;
/** What the work took: a peak below the RSS before it (memory given back) counts as none. */
export const takenMb = (point: GrowthPoint) => Math.max(0, point.peakRssMb - point.baseRssMb);

export async function runGrowth({
  smoke,
  log,
}: {
  smoke: boolean;
  log: (line: string) => void;
}): Promise<{ result: ScenarioResult; png: Buffer }> {
  const sizes = GROWTH_UNITS.map((units) => (smoke ? Math.round(units / 20) : units));
  const figures: Figure[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const curves: GrowthCurve[] = [];
  for (const scenario of GROWTH_SCENARIOS) {
    const points: GrowthPoint[] = [];
    for (const units of sizes) {
      log(`${scenario.name} at ${units} units`);
      let result: ScenarioResult;
      try {
        const out = execFileSync(
          process.execPath,
          // Each point in a process of its own, with the V8 flags the bot runs with.
          ['--import', 'tsx', ...NODE_FLAGS, CHILD, scenario.name, String(units), ...(smoke ? ['--smoke'] : [])],
          {
            encoding: 'utf8',
            maxBuffer: 16 * 1024 * 1024,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        result = JSON.parse(out.trim().split('\n').at(-1)!) as ScenarioResult;
      } catch (error) {
        problems.push(`${scenario.name} at ${units} units threw: ${String((error as Error)?.message ?? error)}`);
        continue;
      }
      for (const problem of result.problems) problems.push(`${scenario.name} at ${units} units: ${problem}`);
      if (!result.growth) {
        problems.push(`${scenario.name} at ${units} units gave no growth point`);
        continue;
      }
      const point = result.growth;
      points.push(point);
      const label = `${scenario.name}, ${units} units`;
      figures.push(
        figure(`${label}: time`, point.ms, 'ms'),
        figure(`${label}: time per 1,000 units`, perThousand(point.ms, units), 'ms'),
        figure(`${label}: peak RSS`, point.peakRssMb, 'MB'),
        figure(`${label}: memory taken per 1,000 units`, perThousand(takenMb(point), units), 'MB'),
      );
    }
    if (points.length === 0) continue;
    curves.push({ scenario: scenario.name, what: points[0]!.what, points });
    const first = points[0]!;
    const last = points.at(-1)!;
    if (points.length === sizes.length) {
      figures.push(
        figure(
          `${scenario.name}: time per unit, ${last.units} over ${first.units} units`,
          last.ms / last.units / (first.ms / first.units),
          '×',
          { op: '<=', limit: 1 },
        ),
      );
    }
    notes.push(`${scenario.name}: time is ${first.what}`);
  }
  const png = await growthChartPng(curves);
  return { result: { figures, problems, notes }, png };
}
