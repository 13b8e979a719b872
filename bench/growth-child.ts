/**
 * One point of the growth curve in a process of its own, so its memory is not the earlier
 * points' (a long-lived process keeps the heap it grew): runs one scenario at a number of units
 * and prints its result as the last line of JSON. Its log goes to stderr.
 *   node --import tsx bench/growth-child.ts SCENARIO UNITS [--smoke]
 */
import { GROWTH_SCENARIOS } from './growth-scenarios';

const [name, units, smoke] = process.argv.slice(2);
const scenario = GROWTH_SCENARIOS.find((s) => s.name === name);
if (!scenario) throw new Error(`no growth scenario named ${name}`);
const result = await scenario.run({
  scale: smoke === '--smoke' ? 1 / 20 : 1,
  smoke: smoke === '--smoke',
  units: Number(units),
  log: (line) => console.error(`   ${line}`),
});
console.log(JSON.stringify(result));
// Scenarios may leave handles (the chart renderer's thread pool): the point is done.
process.exit(0);
