/**
 * The V8 flags production runs the bot's Node with. `npm run start:prod`, the container's CMD
 * (deploy/Dockerfile) and the systemd unit (deploy/systemd/duban.service) write them out, as a
 * command line must; test/app/node-flags.test.ts holds each to this list. The bench runs with
 * it too: `npm run bench` starts the bench's own process with it (the scenarios measured there:
 * summaries, import, dispatch, flood), and its bot processes take the list (bench/scenarios/
 * reports.ts, planning.ts, startup.ts; bench/growth.ts's points), so the bench measures what
 * production runs.
 *
 * --no-allocation-site-pretenuring: turns off V8's allocation-site tracking (the mementos it
 * places behind new objects to decide which sites to allocate straight in the old generation).
 * With it on, the objects a /report conversation's replay makes on every update of the person
 * (@grammyjs/conversations replays the conversation each time: contexts, Api clients, the parsed
 * state) were still alive at the next young collection: ~1.4 MB was copied or promoted at each
 * (3–8 ms, mostly on the update that triggered it), and the old generation grew by that much
 * every 60 ms until a full collection (`--trace-gc` in the bench's bot process). Why the tracking
 * keeps them alive was not established: V8's pretenuring statistics show those sites' objects
 * all surviving, and none of the sites tenured. What was measured: a bare grammY bot with the
 * conversations plugin (1,000 six-step conversations, one update at a time) takes 2.5 ms per
 * young collection and promotes 2 MB at each with the tracking, 0.13 ms and nothing without,
 * and the run 1.8 s against 0.8 s. Bench scenario `reports`, CPU per update one at a time, p99,
 * same machine, same session (issue 17): the process's CPU 11.0–13.4 ms with the tracking (4
 * runs), 6.3–9.4 ms without (6 runs); the main thread's 6.7–8.5 against 3.9–5.6. Without it the
 * planner measured no worse and the weekly summary about 7% slower, at half its target
 * (bench/README.md, fourth pass).
 *
 * --max-semi-space-size=8 (MB; Node 20's default on 64-bit is 16): a young generation half the
 * size, each young collection shorter. Chosen before the flag above, when the young collections
 * were what made the slow updates (default 11.7–13.4 ms p99, 8 MB 8.3–10.8, 32 MB 18.7–19.3,
 * 64 MB 23.4; 4 MB and 2 MB collect so often that the median rises). With pretenuring off the
 * default 16 MB measured 6.5 and 8.8 ms in two runs, within the 8 MB runs' spread: kept at 8.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--no-allocation-site-pretenuring'];
