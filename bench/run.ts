/**
 * The benchmark runner: `npm run bench` (full scale, writes bench/results.json),
 * `npm run bench:smoke` (every scenario at ~1/20 scale; exits 1 only when one is BROKEN),
 * `--only NAME` runs one scenario.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario, ScenarioResult } from './lib';
import { importScenario } from './scenarios/import';
import { planningScenario } from './scenarios/planning';
import { summariesScenario } from './scenarios/summaries';
import { dispatchScenario } from './scenarios/dispatch';
import { reportsScenario } from './scenarios/reports';
import { floodScenario } from './scenarios/flood';

const SCENARIOS: Scenario[] = [importScenario, planningScenario, summariesScenario, dispatchScenario, reportsScenario, floodScenario];

function parseArgs(argv: string[]) {
  const smoke = argv.includes('--smoke');
  const at = argv.indexOf('--only');
  const only = at >= 0 ? argv[at + 1] : undefined;
  return { smoke, only };
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

async function main() {
  const { smoke, only } = parseArgs(process.argv.slice(2));
  const scale = smoke ? 1 / 20 : 1;
  const chosen = only ? SCENARIOS.filter((s) => s.name === only) : SCENARIOS;
  if (chosen.length === 0) {
    console.error(`no scenario named ${only}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
  console.log(`duban bench${smoke ? ' (smoke, 1/20 scale)' : ''} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, node ${machine.node}`);
  const results: Record<string, ScenarioResult & { ms: number }> = {};
  let broken = 0;
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    const started = performance.now();
    let result: ScenarioResult;
    try {
      result = await scenario.run({ scale, smoke, log: (line) => console.log(`   ${line}`) });
    } catch (error) {
      result = { figures: [], problems: [`threw: ${String((error as Error)?.stack ?? error)}`], notes: [] };
    }
    const ms = performance.now() - started;
    results[scenario.name] = { ...result, ms };
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
    const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
    // A partial run (--only) keeps the other scenarios' figures from the last full run.
    let previous: { scenarios?: Record<string, unknown> } = {};
    if (only) {
      try {
        previous = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
      } catch {
        previous = {};
      }
    }
    writeFileSync(out, `${JSON.stringify({ machine, scenarios: { ...(previous.scenarios ?? {}), ...results } }, null, 2)}\n`);
    console.log(`\nwrote ${out}`);
  }
  if (broken > 0) {
    console.log(`\n${broken} scenario(s) BROKEN`);
    process.exit(1);
  }
  process.exit(0);
}

await main();
