/**
 * The deployment files say what the README promises: the systemd unit (restart always, a stop
 * timeout longer than the bot's graceful stop, a dedicated user, the database on a persistent
 * path), the nightly backup timer, the Dockerfile and compose file (a volume for the database,
 * the health check, a non-root user); and the licences. The compiled commands they run are run
 * for real in compiled.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { thirdPartyLicenses, THIRD_PARTY_FILE } from '../../deploy/licenses';
import { BOT_ENTRY, CLI_ENTRY } from '../../deploy/build';
import { NODE_FLAGS } from '../../app/node-flags';
import { cjkFontPath } from '../../digests/charts/cjk-font';

const root = new URL('../..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** The bot exits at most this long after SIGTERM (app/main.ts HARD_EXIT_MS is 9 s; the promise is 10 s). */
const GRACEFUL_STOP_S = 10;

/** A systemd unit as section → key → values (a key may repeat: Environment=). */
function unit(path: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const raw of read(path).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = sections[section[1]!] = {};
      continue;
    }
    const at = line.indexOf('=');
    (current![line.slice(0, at)] ??= []).push(line.slice(at + 1));
  }
  return sections;
}

function seconds(value: string): number {
  const match = /^(\d+)(s|min)?$/.exec(value);
  if (!match) throw new Error(`not a time span: ${value}`);
  return Number(match[1]) * (match[2] === 'min' ? 60 : 1);
}

describe('systemd', () => {
  const service = unit('deploy/systemd/duban.service').Service!;

  it('the bot: restarted always, a stop timeout longer than its graceful stop, a dedicated user, the database in its state directory', () => {
    expect(service.Restart).toEqual(['always']);
    expect(service.KillSignal).toEqual(['SIGTERM']);
    expect(seconds(service.TimeoutStopSec![0]!)).toBeGreaterThan(GRACEFUL_STOP_S);
    expect(service.User).toEqual(['duban']);
    expect(service.Group).toEqual(['duban']);
    expect(service.StateDirectory).toEqual(['duban']);
    expect(service.Environment).toContain('DUBAN_DB=/var/lib/duban/duban.sqlite');
    expect(service.ProtectSystem).toEqual(['strict']); // so nothing but /var/lib/duban is writable
    expect(service.EnvironmentFile).toEqual(['/etc/duban/duban.env']);
    expect(service.WorkingDirectory).toEqual(['/opt/duban']);
    expect(service.ExecStart).toEqual([`/usr/bin/node --enable-source-maps ${NODE_FLAGS.join(' ')} /opt/duban/${BOT_ENTRY}`]);
  });

  it('the nightly backup: the compiled `duban backup` as the same user into the state directory, by a persistent timer', () => {
    const backup = unit('deploy/systemd/duban-backup.service').Service!;
    expect(backup.User).toEqual(['duban']);
    expect(backup.Type).toEqual(['oneshot']);
    expect(backup.Environment).toContain('DUBAN_DB=/var/lib/duban/duban.sqlite');
    expect(backup.ExecStart![0]).toContain(
      `/usr/bin/node /opt/duban/${CLI_ENTRY} backup "/var/lib/duban/backups/duban-$$(date +%%F).sqlite"`,
    );
    // Old copies go, the evidence files' folders with them (duban-YYYY-MM-DD-files/).
    expect(backup.ExecStartPost).toEqual([
      "/usr/bin/find /var/lib/duban/backups -maxdepth 1 -name 'duban-*.sqlite' -mtime +14 -delete",
      "/usr/bin/find /var/lib/duban/backups -mindepth 1 -maxdepth 1 -type d -name 'duban-*-files' -mtime +14 -exec rm -rf {} +",
    ]);
    const timer = unit('deploy/systemd/duban-backup.timer').Timer!;
    expect(timer.OnCalendar).toEqual(['*-*-* 03:30:00']);
    expect(timer.Persistent).toEqual(['yes']);
  });

  // systemd-analyze comes with Debian's systemd package, which .ci/run installs (nothing is started).
  it('systemd-analyze verify finds nothing to say about the units', () => {
    expect(spawnSync('systemd-analyze', ['--version']).status).toBe(0);
    const units = ['duban.service', 'duban-backup.service', 'duban-backup.timer'].map((name) => join(root, 'deploy/systemd', name));
    const result = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((line) => line.includes('deploy/systemd'))).toEqual([]);
  });
});

describe('docker', () => {
  const dockerfile = read('deploy/Dockerfile');
  const compose = read('deploy/compose.yaml');

  it('the Dockerfile builds with npm run build, runs the compiled bot as a dedicated user, with /data a volume and a health check', () => {
    expect(dockerfile).toMatch(/^RUN npm run build \\\n && npm prune --omit=dev/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production \\\n\s+DUBAN_DB=\/data\/duban\.sqlite$/m);
    expect(dockerfile).toMatch(/^USER duban$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toMatch(
      /^HEALTHCHECK --interval=60s --timeout=20s --start-period=60s --retries=3 \\\n {2}CMD \["node", "dist\/bin\/main\.js", "status"\]$/m,
    );
    expect(dockerfile).toContain(
      `\nCMD ${JSON.stringify(['node', '--enable-source-maps', ...NODE_FLAGS, 'dist/app/main.js'])}\n`.replaceAll(',', ', '),
    );
    // Everything the build reads is copied into the build stage.
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'deploy/build.ts',
      'bot',
      'db',
      'schedules',
      'plans',
      'sandbox',
      'bin',
      'locales',
    ]) {
      expect(dockerfile).toMatch(new RegExp(`^COPY [^\\n]*\\b${path.replace(/[.]/g, '\\.')}\\b`, 'm'));
    }
    const include = (JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include;
    for (const folder of include) expect(dockerfile).toContain(`COPY ${folder} ${folder}`);
    // The build context leaves out what must never go into an image.
    const ignored = read('deploy/Dockerfile.dockerignore').split('\n');
    for (const path of ['node_modules', 'dist', 'data', '.env', '*.sqlite', '.git']) expect(ignored).toContain(path);
  });

  it('compose: the same image, a named volume on /data, the same health check, a stop grace period longer than the graceful stop, restarts', () => {
    expect(compose).toMatch(/^ {6}dockerfile: deploy\/Dockerfile$/m);
    expect(compose).toMatch(/^ {6}- duban-data:\/data$/m);
    expect(compose).toMatch(/^volumes:\n {2}duban-data:$/m);
    expect(compose).toMatch(/^ {6}DUBAN_DB: \/data\/duban\.sqlite$/m);
    expect(compose).toMatch(/^ {6}test: \["CMD", "node", "dist\/bin\/main\.js", "status"\]$/m);
    expect(seconds(/^ {4}stop_grace_period: (\w+)$/m.exec(compose)![1]!)).toBeGreaterThan(GRACEFUL_STOP_S);
    expect(compose).toMatch(/^ {4}restart: unless-stopped$/m);
    expect(compose).toMatch(/^ {4}env_file: duban\.env$/m);
    expect(existsSync(join(root, 'deploy/duban.env.example'))).toBe(true);
    expect(read('deploy/duban.env.example')).toMatch(/^BOT_TOKEN=$/m);
  });
});

describe('licences', () => {
  it('LICENSE is there, and THIRD_PARTY_LICENSES.md lists every shipped package as package-lock.json has it (npm run licenses)', () => {
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(readFileSync(THIRD_PARTY_FILE, 'utf8')).toBe(thirdPartyLicenses());
  });

  it('names the font the charts use, its package and its licence (OFL-1.1)', () => {
    const text = readFileSync(THIRD_PARTY_FILE, 'utf8');
    expect(cjkFontPath()).toMatch(/@embedpdf\/fonts-sc\/fonts\/NotoSansHans-Regular\.otf$/);
    expect(existsSync(cjkFontPath())).toBe(true);
    expect(text).toContain('Noto Sans Hans Regular (NotoSansHans-Regular.otf');
    expect(text).toContain('SIL Open Font License 1.1');
    expect(text).toMatch(/^\| @embedpdf\/fonts-sc \| 1\.0\.0 \| OFL-1\.1 \|$/m);
    // Every production dependency is in the list.
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(pkg.dependencies)) expect(text).toContain(`| ${name} | ${version} |`);
  });

  it('npm ls agrees: nothing shipped is missing from the list', () => {
    const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: root, encoding: 'utf8' })) as Dependencies;
    interface Dependencies {
      dependencies?: Record<string, { version: string } & Dependencies>;
    }
    const text = readFileSync(THIRD_PARTY_FILE, 'utf8');
    const walk = (node: Dependencies): void => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        if (!child.version) continue; // deduped or missing optional
        expect(text).toMatch(
          new RegExp(
            `^\\| ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( \\(optional: one platform\\))? \\| ${child.version.replace(/[.]/g, '\\.')} \\|`,
            'm',
          ),
        );
        walk(child);
      }
    };
    walk(tree);
  }, 30_000);
});
