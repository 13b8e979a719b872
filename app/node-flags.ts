/**
 * The V8 flags production runs the bot's Node with. `npm run start:prod`, the container's CMD
 * (deploy/Dockerfile) and the systemd unit (deploy/systemd/duban.service) write them out, as a
 * command line must; test/app/node-flags.test.ts holds each to this list. The bench's bot
 * processes (bench/scenarios/reports.ts, planning.ts, startup.ts) run with this list, so the
 * bench measures what production runs.
 *
 * --no-allocation-site-pretenuring: V8 watches where objects are allocated, and once most of a
 * site's objects survive a young-generation collection it allocates that site's objects straight
 * in the old generation. A /report conversation is replayed on every update of the person
 * (@grammyjs/conversations), so the same sites make a whole replay's objects (contexts, Api
 * clients, the parsed state) on every update, and while many conversations are in flight most of
 * them survive: V8 then put every later replay in the old generation. Those objects die with
 * their update, but until a full collection they hold young objects alive, so each young
 * collection copied about 1.4 MB (3–8 ms, mostly on the update that triggered it) and the old
 * generation grew by that much every 60 ms. In a bare grammY bot with the conversations plugin
 * (1,000 six-step conversations, one update at a time) the flag takes a young collection from
 * 2.5 ms to 0.13 ms and the run from 1.8 s to 0.8 s. Bench scenario `reports`, CPU per update one
 * at a time, p99, same machine, same session (issue 17): the process's CPU 11.0–13.4 ms without
 * it (4 runs), 6.5–7.9 ms with it (4 runs); the main thread's 6.7–8.5 against 4.2–5.6.
 *
 * --max-semi-space-size=8 (MB; Node 20's default on 64-bit is 16): a young generation half the
 * size, each young collection shorter. Chosen before the flag above, when the young collections
 * were what made the slow updates (default 11.7–13.4 ms p99, 8 MB 8.3–10.8, 32 MB 18.7–19.3,
 * 64 MB 23.4; 4 MB and 2 MB collect so often that the median rises). With pretenuring off the
 * default 16 MB measured 6.5 and 8.8 ms in two runs, within the 8 MB runs' spread: kept at 8.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--no-allocation-site-pretenuring'];
