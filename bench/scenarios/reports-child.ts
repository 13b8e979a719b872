/**
 * The bot of the reports scenario, in a process of its own: the real bot (createBot, polling
 * over HTTP) on the scenario's database, against the emulator in the parent process, so what
 * this process measures is the bot's time and not the emulator's or the simulated people's.
 *   node --import tsx bench/scenarios/reports-child.ts FILE API_ROOT TOKEN NOW_MS
 *
 * Talks to the parent over IPC (ReportsChildMessage): the parent names each phase before it
 * begins and asks for the figures at the end.
 * - `burst`: every update's wall time in bot.handleUpdate (up to the runner's 100 at once), and
 *   the process's CPU over the phase.
 * - `alone`: the parent sends one update at a time and waits for `handled` before the next, so
 *   each update's process CPU (process.cpuUsage round bot.handleUpdate) is its own.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { openDatabase } from '../../db';
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { createBot } from '../../bot/create-bot';
import { startPolling } from '../../bot/polling';
import { ManualClock } from '../../core/clock';
import { readConfig } from '../../app/config';

export type ReportsPhase = 'burst' | 'alone';

/** What the parent sends. */
export type ReportsParentMessage = { type: 'phase'; phase: ReportsPhase } | { type: 'stop' };

/** One phase's figures, per update handled in it. */
export interface PhaseFigures {
  /** Wall time of each bot.handleUpdate, ms. */
  wallMs: number[];
  /** CPU of the process during each bot.handleUpdate handled with no other in flight, ms (with several, it is theirs together). */
  cpuMs: number[];
  /** CPU of the whole process over the phase, ms (polling, HTTP, GC included). */
  phaseCpuMs: number;
  /**
   * The main thread's share of `cpuMs` (same order), ms: the time the update held the event loop,
   * without V8's helper threads (parallel scavenges, concurrent marking) that run beside it on
   * another core. Empty where Linux's schedstat is not there to read.
   */
  mainThreadMs: number[];
  /** Updates whose handling overlapped another's: their `cpuMs` is left out ('alone' expects none). */
  overlapped: number;
  /**
   * Garbage collection within each update of `cpuMs` (same order), ms: a collection is paid by
   * whichever update runs when it comes (and V8's helper threads, collecting beside it, count in
   * process.cpuUsage too), so it explains an update's tail rather than belonging to it.
   */
  gcMs: number[];
  /** `cpuMs` by step: the command ('/report'), a 'text', or the button's callback data without its fields ('rp:pick'). */
  cpuMsByStep: Record<string, number[]>;
}

/** What the child sends. */
export type ReportsChildMessage =
  | { type: 'phase-started'; phase: ReportsPhase }
  | { type: 'handled'; count: number }
  | { type: 'result'; phases: Record<ReportsPhase, PhaseFigures>; errors: string[]; peakRssMb: number };

const [file, apiRoot, token, nowMs] = process.argv.slice(2);
const database = openDatabase(file!);
const clock = new ManualClock(new Date(Number(nowMs)));
const errors: string[] = [];
const describe = (error: unknown) => String((error as Error)?.stack ?? (error as Error)?.message ?? error);
const { bot } = createBot({
  token: token!,
  apiRoot,
  deps: { db: database.db, config: readConfig({}), clock, files: new FileStore(fileStoreRoot(file!)) },
  onError: (error) => errors.push(describe(error)),
});

const emptyPhase = (): PhaseFigures => ({
  wallMs: [],
  cpuMs: [],
  mainThreadMs: [],
  phaseCpuMs: 0,
  overlapped: 0,
  cpuMsByStep: {},
  gcMs: [],
});
const phases: Record<ReportsPhase, PhaseFigures> = { burst: emptyPhase(), alone: emptyPhase() };
/** When each update of `cpuMs` ran; its collections are counted at the end (their entries arrive late). */
const timedSpans = new Map<PhaseFigures, { from: number; to: number }[]>(Object.values(phases).map((figures) => [figures, []]));
let phase: ReportsPhase | null = null;
let phaseCpu = process.cpuUsage();
let inFlight = 0;
let handled = 0;
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

function closePhase(): void {
  if (phase) phases[phase].phaseCpuMs = cpuMsSince(phaseCpu);
}

/**
 * The main thread's time on a CPU so far, ns (Linux: the first field of its schedstat), or null.
 * The main thread's task id is the process id.
 */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const hasSchedstat = existsSync(SCHEDSTAT);
function mainThreadNs(): number | null {
  return hasSchedstat ? Number(readFileSync(SCHEDSTAT, 'latin1').split(' ')[0]) : null;
}

/** Garbage collections so far: when each began and how long it took (performance.now() ms). */
const collections: { start: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, ms: entry.duration });
}).observe({ entryTypes: ['gc'] });

/** Collection time between two instants. */
function gcWithin(from: number, to: number): number {
  let ms = 0;
  for (const { start, ms: length } of collections) ms += Math.max(0, Math.min(to, start + length) - Math.max(from, start));
  return ms;
}

/** What a person did, for the figures by step. */
function stepOf(update: Update): string {
  const text = update.message?.text;
  if (text !== undefined) return text.startsWith('/') ? text.split(' ')[0]! : 'text';
  return update.callback_query?.data?.split(':').slice(0, 2).join(':') ?? 'other';
}

// createBot installs its own middleware first (sequentialize, the log), so a timing middleware
// could not see the whole update: the wrapper round handleUpdate does.
const original = bot.handleUpdate.bind(bot);
/** Updates begun so far: one handled alone saw none begin while it ran, and none running when it began. */
let begun = 0;
bot.handleUpdate = async (update, webhook) => {
  const current = phase;
  const alreadyRunning = inFlight > 0;
  const mine = ++begun;
  inFlight++;
  const cpu = process.cpuUsage();
  const mainBefore = mainThreadNs();
  const start = performance.now();
  try {
    return await original(update, webhook);
  } finally {
    const wall = performance.now() - start;
    const cpuMs = cpuMsSince(cpu);
    const mainAfter = mainThreadNs();
    inFlight--;
    if (current) {
      const figures = phases[current];
      figures.wallMs.push(wall);
      if (!alreadyRunning && begun === mine) {
        figures.cpuMs.push(cpuMs);
        if (mainBefore !== null && mainAfter !== null) figures.mainThreadMs.push((mainAfter - mainBefore) / 1e6);
        timedSpans.get(figures)!.push({ from: start, to: start + wall });
        (figures.cpuMsByStep[stepOf(update)] ??= []).push(cpuMs);
      } else figures.overlapped++;
    }
    handled++;
    if (current === 'alone') process.send!({ type: 'handled', count: handled } satisfies ReportsChildMessage);
  }
};

const polling = startPolling(bot, { db: database.db, clock, warn: (line) => errors.push(line) });
polling.task.catch((error: unknown) => errors.push(`polling stopped: ${describe(error)}`));

/**
 * DUBAN_BENCH_HEAP_PROFILE=dir: what the updates one at a time allocate, written there as
 * alone.heapprofile (V8's sampling heap profiler, every allocation sampled whether collected or
 * not: the garbage that makes the collections, not what is left).
 */
const heapProfileDir = process.env.DUBAN_BENCH_HEAP_PROFILE;
const inspector = heapProfileDir ? new Session() : null;
inspector?.connect();
async function startHeapSampling(): Promise<void> {
  await inspector?.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
async function writeHeapProfile(): Promise<void> {
  if (!inspector) return;
  const { profile } = await inspector.post('HeapProfiler.stopSampling');
  writeFileSync(join(heapProfileDir!, 'alone.heapprofile'), JSON.stringify(profile));
  inspector.disconnect();
}

process.on('message', (message: ReportsParentMessage) => {
  if (message.type === 'phase') {
    const next = message.phase;
    // The last phase's updates end in it: its last writes come after the answers people saw.
    void polling.idle().then(async () => {
      closePhase();
      if (next === 'alone') await startHeapSampling();
      phase = next;
      phaseCpu = process.cpuUsage();
      process.send!({ type: 'phase-started', phase: next } satisfies ReportsChildMessage);
    });
    return;
  }
  void polling
    .idle()
    .then(() => {
      closePhase();
      phase = null;
      return Promise.all([polling.stop(), writeHeapProfile()]);
    })
    .then(() => {
      database.close();
      for (const [figures, spans] of timedSpans) figures.gcMs = spans.map(({ from, to }) => gcWithin(from, to));
      const result: ReportsChildMessage = { type: 'result', phases, errors, peakRssMb: process.resourceUsage().maxRSS / 1024 };
      // Exits by itself (a CPU profile, when asked for, is written at exit).
      process.send!(result, () => process.exit(0));
    });
});
