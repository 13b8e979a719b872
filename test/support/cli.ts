/** The command line run in the test's process (bin/cli.ts main), its output collected. */
import { main, type CliIo } from '../../bin/cli';

export async function runCli(args: string[], env: NodeJS.ProcessEnv, now: Date) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, now: () => now };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
