/**
 * The benchmark runner: `npm run bench` (full scale, writes bench/results.json),
 * `npm run bench:smoke` (every scenario at ~1/20 scale; exits 1 only when one is BROKEN),
 * `--only NAME` runs one scenario. Each scenario's figures are stored with their run: the date
 * the scenario started, the commit and whether the tree had other changes, the machine. A full
 * or `--only` run then regenerates the figures table of bench/README.md from results.json, as
 * `npm run bench:readme` (`--readme`) does alone; `--readme --check` only says whether the
 * README's table is what results.json gives (exit 1 when not). `--units N` sizes the scenarios
 * sized by units (import, planning, summaries). `--growth` runs the growth curve alone
 * (bench/growth.ts: those three at 1,000, 3,000 and 10,000 units; 1/20 of that with --smoke),
 * stored as the scenario "growth" and drawn as bench/growth.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue, gitState, machineInfo, withFigures, type ResultsFile, type RunInfo, type Scenario, type ScenarioResult } from './lib';
import { importScenario } from './scenarios/import';
import { planningScenario } from './scenarios/planning';
import { summariesScenario } from './scenarios/summaries';
import { dispatchScenario } from './scenarios/dispatch';
import { reportsScenario } from './scenarios/reports';
import { floodScenario } from './scenarios/flood';
import { startupScenario } from './scenarios/startup';
import { pdfImportScenario } from './scenarios/pdf-import';
import { packScenario } from './scenarios/pack';
import { runGrowth } from './growth';

const SCENARIOS: Scenario[] = [
  importScenario,
  planningScenario,
  summariesScenario,
  dispatchScenario,
  reportsScenario,
  floodScenario,
  startupScenario,
  pdfImportScenario,
  packScenario,
];

function parseArgs(argv: string[]) {
  const smoke = argv.includes('--smoke');
  const at = argv.indexOf('--only');
  const only = at >= 0 ? argv[at + 1] : undefined;
  const unitsAt = argv.indexOf('--units');
  const units = unitsAt >= 0 ? Number(argv[unitsAt + 1]) : undefined;
  if (units !== undefined && !(Number.isInteger(units) && units > 0))
    throw new Error(`--units wants a whole number of units, not ${argv[unitsAt + 1]}`);
  return { smoke, only, units, growth: argv.includes('--growth'), readme: argv.includes('--readme'), check: argv.includes('--check') };
}

const format = formatValue;
const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, 'results.json');
const README = join(here, 'README.md');
const GROWTH_PNG = join(here, 'growth.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** The growth curve as a scenario; its chart goes to bench/growth.png (with --smoke: only checked). */
const growthScenario: Scenario = {
  name: 'growth',
  description: 'import, planning and summaries at 1,000, 3,000 and 10,000 units: time and memory per unit (bench/growth.png)',
  async run({ smoke, log }) {
    const { result, png } = await runGrowth({ smoke, log });
    if (!png.subarray(0, 4).equals(PNG_SIGNATURE)) result.problems.push('the growth chart is not a PNG');
    if (!smoke) {
      writeFileSync(GROWTH_PNG, png);
      log(`wrote ${GROWTH_PNG}`);
    }
    return result;
  },
};

/** Rewrites the figures table of bench/README.md from results.json; with `check`, only compares. Returns whether it was up to date. */
function updateReadme(check: boolean): boolean {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
  const readme = readFileSync(README, 'utf8');
  const generated = withFigures(readme, results);
  if (generated === readme) return true;
  if (!check) writeFileSync(README, generated);
  return false;
}

async function main() {
  const { smoke, only, units, growth, readme, check } = parseArgs(process.argv.slice(2));
  if (readme) {
    const current = updateReadme(check);
    console.log(
      current
        ? `${README}: the figures table is what results.json gives`
        : check
          ? `${README}: the figures table differs from results.json (npm run bench:readme rewrites it)`
          : `${README}: figures table rewritten from results.json`,
    );
    process.exit(check && !current ? 1 : 0);
  }
  const scale = smoke ? 1 / 20 : 1;
  const chosen = growth ? [growthScenario] : only ? SCENARIOS.filter((s) => s.name === only) : SCENARIOS;
  if (chosen.length === 0) {
    console.error(`no scenario named ${only}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const machine = machineInfo();
  const root = join(here, '..');
  console.log(
    `duban bench${smoke ? ' (smoke, 1/20 scale)' : ''} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, node ${machine.node}`,
  );
  const results: ResultsFile['scenarios'] = {};
  let broken = 0;
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    const run: RunInfo = { date: new Date().toISOString(), ...gitState(root), machine };
    const started = performance.now();
    let result: ScenarioResult;
    try {
      result = await scenario.run({ scale, smoke, units, log: (line) => console.log(`   ${line}`) });
    } catch (error) {
      result = { figures: [], problems: [`threw: ${String((error as Error)?.stack ?? error)}`], notes: [] };
    }
    const ms = performance.now() - started;
    results[scenario.name] = { run, ...result, ms };
    const table = result.figures.map((f) => ({
      figure: f.name,
      value: `${format(f.value)} ${f.unit}`,
      target: f.target ? `${f.target} ${f.unit}` : '',
      met: f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    }));
    if (table.length > 0) console.table(table);
    for (const note of result.notes) console.log(`   note: ${note}`);
    for (const problem of result.problems) console.log(`   BROKEN: ${problem}`);
    if (result.problems.length > 0) broken++;
    console.log(`   (${(ms / 1000).toFixed(1)} s)`);
  }
  if (!smoke) {
    // A partial run (--only) keeps the other scenarios' figures, each with the run it came from.
    let previous: Partial<ResultsFile> = {};
    if (only || growth) {
      try {
        previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
      } catch {
        previous = {};
      }
    }
    const file: ResultsFile = { scenarios: { ...(previous.scenarios ?? {}), ...results } };
    writeFileSync(RESULTS, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`\nwrote ${RESULTS}`);
    updateReadme(false);
    console.log(`rewrote the figures table of ${README}`);
  }
  if (broken > 0) {
    console.log(`\n${broken} scenario(s) BROKEN`);
    process.exit(1);
  }
  process.exit(0);
}

await main();
