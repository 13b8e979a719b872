/**
 * The V8 flags production runs the bot's Node with. `npm run start:prod`, the container's CMD
 * (deploy/Dockerfile) and the systemd unit (deploy/systemd/duban.service) write them out, as a
 * command line must; test/app/node-flags.test.ts holds each to this list. The bench's bot process
 * (bench/scenarios/reports.ts) runs with this list, so the bench measures what production runs.
 *
 * --max-semi-space-size=8 (MB; Node 20's default on 64-bit is 16): a young generation half the
 * size. Issue 17's target is each update's own CPU, p99 < 10 ms, and most updates over 10 ms
 * were so because a young-generation collection fell in them. A smaller young generation is
 * collected twice as often, each collection shorter; a larger one (32, 64) collects less in all
 * but each collection is longer, and the p99 got worse. Bench scenario `reports`, the bot's CPU
 * per update one at a time, p99, runs back to back on the loaded 2-core bench machine:
 * default 11.7–13.4 ms (5 runs), 8 MB 8.3–10.8 (3), 32 MB 18.7–19.3 (2), 64 MB 23.4 (1);
 * 4 MB and 2 MB collect so often that the median rises (4.1 and 3.1 ms against 2.2–2.7).
 * Peak RSS was no higher (288–305 MB against 296–312).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
