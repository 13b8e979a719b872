/**
 * `npm run build`: the compiled JavaScript production runs (`npm run start:prod`, the container,
 * the systemd unit), in dist/.
 *
 * 1. tsc with tsconfig.build.json (type errors fail the build), dist/ mirroring the source tree.
 * 2. Relative import specifiers get their file: the sources import `./config` and `../db`
 *    (moduleResolution Bundler, which tsx resolves), Node's ESM loader wants `./config.js` and
 *    `../db/index.js`. Each one is resolved against the compiled files; one that names no file
 *    fails the build.
 * 3. The files the code reads beside itself through `import.meta.url` are copied to the same
 *    places relative to the compiled files: db/migrations, locales, sandbox/web/public. (The
 *    chart font and the harfbuzz wasm are resolved in node_modules, as from the sources.)
 * 4. dist/.gitignore (everything in dist/ is built) and dist/.built, whose time says when.
 * All in `.dist-building-<pid>`, renamed to dist/ when complete.
 *
 * `buildIsCurrent()` tells whether dist/ is newer than every input, for tests and the bench that
 * run the compiled code and build only when needed.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');

/** Compiled entry points, relative to the repository (and to /app in the container). */
export const BOT_ENTRY = 'dist/app/main.js';
export const CLI_ENTRY = 'dist/bin/main.js';

/** Source folders compiled (tsconfig.build.json's include) and folders copied as they are. */
const SOURCES = ['core', 'db', 'plans', 'schedules', 'bot', 'app', 'sandbox', 'bin'];
const ASSETS = ['db/migrations', 'locales', 'sandbox/web/public'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'deploy/build.ts'];

/** Matches the specifier of `from '…'`, `import '…'` and `import('…')` when it is relative. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\2/g;

export function build(log: (line: string) => void = (line) => console.log(line)): void {
  const started = performance.now();
  // Built beside dist/ (the same depth, so the source maps' relative paths hold) and swapped in
  // at the end: a process running dist/ meanwhile, or a second build at the same time (two test
  // runs in one working tree), never sees a half-built or half-deleted dist/.
  const staging = join(ROOT, `.dist-building-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', staging], { cwd: ROOT, stdio: 'inherit' });
    const files = jsFiles(staging);
    const unresolved: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fixed = text.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
        const target = resolveSpecifier(dirname(file), specifier);
        if (target === null) {
          unresolved.push(`${relative(staging, file)}: ${specifier}`);
          return whole;
        }
        return `${lead}${quote}${target}${quote}`;
      });
      if (fixed !== text) writeFileSync(file, fixed);
    }
    if (unresolved.length > 0) throw new Error(`build: imports that name no compiled file:\n  ${unresolved.join('\n  ')}`);
    for (const asset of ASSETS) cpSync(join(ROOT, asset), join(staging, asset), { recursive: true });
    writeFileSync(join(staging, '.gitignore'), '# Built by npm run build (deploy/build.ts).\n*\n');
    writeFileSync(join(staging, '.built'), `${new Date().toISOString()}\n`);
    const old = `${staging}-old`;
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(staging, DIST);
    rmSync(old, { recursive: true, force: true });
    log(`built ${files.length} files in ${relative(process.cwd(), DIST) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `./config` → `./config.js`, `../db` → `../db/index.js`; a specifier that already names a file stays. */
function resolveSpecifier(folder: string, specifier: string): string | null {
  const base = resolve(folder, specifier);
  if (/\.(m?js|json|cjs)$/.test(specifier) && existsSync(base)) return specifier;
  if (existsSync(`${base}.js`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.js'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  return null;
}

function jsFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...jsFiles(path));
    else if (entry.name.endsWith('.js')) out.push(path);
  }
  return out;
}

function newestIn(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, entry)));
  return newest;
}

/** Whether dist/ was built after the last change to any source, asset or build setting. */
export function buildIsCurrent(): boolean {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  const inputs = [...SOURCES, ...ASSETS.filter((a) => !SOURCES.some((s) => a.startsWith(`${s}/`))), ...INPUT_FILES];
  return inputs.every((input) => newestIn(join(ROOT, input)) <= built);
}

/** Builds unless dist/ is current; returns whether it built. */
export function ensureBuilt(log?: (line: string) => void): boolean {
  if (buildIsCurrent()) return false;
  build(log);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  build();
}
