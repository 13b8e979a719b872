/**
 * The old binary formats (.doc, .wps, .xls, .et) through LibreOffice: `soffice --headless
 * --convert-to docx|xlsx` in a temporary folder, when LibreOffice is installed. The project
 * does not need it: without it, the importer refuses these files with a message telling the
 * admin to save them as .docx / .xlsx (另存为) in Word, WPS or Excel.
 *
 * LibreOffice is run as a separate process group, so a conversion that hangs is ended with
 * everything it started; its temporary folder (the input, the output and a profile of its
 * own, so that two conversions never wait on each other's profile lock) is always removed.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { refusal } from './errors';
import type { Location } from './problems';

/** How long a conversion may take: LibreOffice starts in 2–5 s and converts a plan in a few more. */
export const CONVERT_TIMEOUT_MS = 60_000;
/** LibreOffice's own words kept for the message, at most. */
const MAX_DETAIL = 300;

export type OfficeTarget = 'docx' | 'xlsx';

/** The LibreOffice command on PATH (`soffice`, or `libreoffice` as some distributions name it), or null. */
export function officeCommand(pathVariable = process.env.PATH ?? ''): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of pathVariable.split(path.delimiter)) {
      if (dir === '') continue;
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export interface ConvertOptions {
  /** The LibreOffice executable; default: found on PATH. */
  command?: string;
  timeoutMs?: number;
}

/**
 * The file converted to `target` by LibreOffice. Refuses (PlanInputError naming the file)
 * when LibreOffice fails, writes nothing, or takes longer than the timeout. The caller checks
 * that LibreOffice is there first (`officeCommand`): its absence has its own message.
 */
export async function convertWithOffice(
  bytes: Uint8Array,
  fileName: string,
  target: OfficeTarget,
  options: ConvertOptions = {},
): Promise<Uint8Array> {
  const where: Location = { file: fileName };
  const type = path.extname(fileName).toLowerCase();
  const command = options.command ?? officeCommand();
  if (command === null) throw refusal('convert-failed', where, { type, detail: 'LibreOffice is not installed' });
  const timeoutMs = options.timeoutMs ?? CONVERT_TIMEOUT_MS;
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-convert-'));
  try {
    // A fixed input name: the admin's file name may hold anything, LibreOffice names the output after it.
    const input = path.join(dir, `plan${type}`);
    const outDir = path.join(dir, 'out');
    await writeFile(input, bytes);
    await mkdir(outDir);
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--convert-to',
      target,
      '--outdir',
      outDir,
      input,
    ];
    const result = await run(command, args, timeoutMs);
    if (result.kind === 'timeout') throw refusal('convert-timeout', where, { type, max: Math.round(timeoutMs / 1000) });
    if (result.kind === 'failed') throw refusal('convert-failed', where, { type, detail: result.detail });
    try {
      return new Uint8Array(await readFile(path.join(outDir, `plan.${target}`)));
    } catch {
      throw refusal('convert-failed', where, { type, detail: result.detail || 'no converted file was written' });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type RunResult = { kind: 'done'; detail: string } | { kind: 'failed'; detail: string } | { kind: 'timeout' };

/** Runs the command in a process group of its own; on timeout the whole group is killed. */
function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < MAX_DETAIL) output = (output + chunk.toString('utf8')).slice(0, MAX_DETAIL);
    };
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'failed', detail: error.message.slice(0, MAX_DETAIL) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ kind: 'timeout' });
      else if (code === 0) resolve({ kind: 'done', detail: output.trim() });
      else resolve({ kind: 'failed', detail: output.trim() || `exit ${code ?? signal}` });
    });
  });
}
