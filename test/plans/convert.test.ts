/**
 * The LibreOffice seam for .doc, .wps, .xls and .et. LibreOffice is not installed here and CI
 * must not need it, so these tests put a FAKE `soffice` on PATH: a small shell script written
 * by the test that does what LibreOffice does at its edges (writes the converted file into
 * --outdir, or fails, or hangs). That tests our process handling honestly: the arguments we
 * pass, the timeout killing the whole process group, the temporary folder always removed,
 * and each outcome's refusal code. It does not test LibreOffice's conversion itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { convertWithOffice, officeCommand } from '../../plans/convert';
import { readPlan } from '../../plans/import';
import type { PlanInputError } from '../../plans/errors';

let dir: string;
const originalPath = process.env.PATH;

/** Writes the fake soffice: `behaviour` is the shell run after it has found --outdir and the input file. */
function fakeOffice(behaviour: string): string {
  const bin = path.join(dir, 'bin');
  rmSync(bin, { recursive: true, force: true });
  mkdirSync(bin);
  const script = path.join(bin, 'soffice');
  writeFileSync(
    script,
    `#!/bin/sh
# FAKE soffice for tests (not LibreOffice): records its arguments, then ${behaviour.split('\n')[0]}
outdir=""; target=""; input=""
echo "$@" > "${dir}/args"
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir="$2"; shift ;;
    --convert-to) target="$2"; shift ;;
    *) input="$1" ;;
  esac
  shift
done
base=$(basename "$input"); base="\${base%.*}"
${behaviour}
`,
    { flag: 'w', mode: 0o755 },
  );
  chmodSync(script, 0o755);
  return bin;
}

function withFakeOnPath(bin: string): void {
  process.env.PATH = `${bin}${path.delimiter}${originalPath}`;
}

async function problemOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'read',
    (e: PlanInputError) => e.problem,
  );
}

/** Whether a process runs: it exists and is not a zombie waiting to be reaped (Linux's /proc). */
function running(pid: string): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Conversion leftovers in the temp dir: our folders are duban-convert-*. */
const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith('duban-convert-'));

let docx: string;
let xlsx: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'duban-fake-office-'));
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const row = (...texts: string[]) => new TableRow({ children: texts.map(cell) });
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph('某局2021年工作任务分解表'),
          new Table({
            rows: [row('序号', '工作任务', '任务要求', '完成时限', '责任单位'), row('1', '报送信息', '按月报送', '每月10日前', '办公室')],
          }),
        ],
      },
    ],
  });
  docx = path.join(dir, 'prepared.docx');
  writeFileSync(docx, await Packer.toBuffer(document));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表');
  sheet.addRow(['序号', '工作任务', '任务要求', '完成时限', '责任单位']);
  sheet.addRow(['1', '组织培训', '组织全员培训', '6月底前', '人事科']);
  xlsx = path.join(dir, 'prepared.xlsx');
  writeFileSync(xlsx, Buffer.from(await workbook.xlsx.writeBuffer()));
});

afterEach(() => {
  process.env.PATH = originalPath;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('without LibreOffice', () => {
  it('finds no soffice on this PATH', () => {
    expect(officeCommand(path.join(dir, 'nothing-here'))).toBeNull();
  });

  it('refuses .doc/.wps and .xls/.et with a message saying how to save them as .docx / .xlsx', async () => {
    process.env.PATH = path.join(dir, 'nothing-here');
    expect(await problemOf(readPlan('plan.doc', new Uint8Array([1, 2, 3])))).toEqual({
      code: 'old-document-format',
      args: { type: '.doc' },
      where: { file: 'plan.doc' },
    });
    expect(await problemOf(readPlan('plan.wps', new Uint8Array([1])))).toMatchObject({
      code: 'old-document-format',
      args: { type: '.wps' },
    });
    expect(await problemOf(readPlan('plan.et', new Uint8Array([1])))).toEqual({
      code: 'old-format',
      args: { type: '.et' },
      where: { file: 'plan.et' },
    });
  });
});

describe('with a fake soffice on PATH', () => {
  it('converts a .doc through it: the arguments, the converted .docx read as the plan, the temp folder removed', async () => {
    withFakeOnPath(fakeOffice(`cp "${docx}" "$outdir/$base.$target"`));
    expect(officeCommand()).toBe(path.join(dir, 'bin', 'soffice'));
    const before = leftovers();
    const preview = await readPlan('计划 (final).doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    expect(preview.tasks.map((t) => [t.number, t.title, t.requirements[0]!.lead])).toEqual([['1', '报送信息', ['办公室']]]);
    expect(preview.year).toBe(2021);
    const args = readFileSync(path.join(dir, 'args'), 'utf8').trim().split(' ');
    expect(args.slice(0, 2)).toEqual(['--headless', '--norestore']);
    expect(args[2]).toMatch(/^-env:UserInstallation=file:\/\/.*\/profile$/);
    expect(args.slice(3, 7)).toEqual(['--convert-to', 'docx', '--outdir', expect.stringMatching(/duban-convert-.*\/out$/)]);
    expect(args[7]).toMatch(/duban-convert-.*\/plan\.doc$/);
    expect(leftovers()).toEqual(before);
  });

  it('converts an .et to .xlsx and reads the workbook', async () => {
    withFakeOnPath(fakeOffice(`cp "${xlsx}" "$outdir/$base.$target"`));
    const preview = await readPlan('plan.et', new Uint8Array([1, 2]));
    expect(preview.tasks.map((t) => [t.title, t.requirements[0]!.deadline.text])).toEqual([['组织培训', '6月底前']]);
  });

  it('refuses when it exits with an error, keeping its words', async () => {
    withFakeOnPath(fakeOffice('echo "Error: source file could not be loaded" >&2; exit 1'));
    const before = leftovers();
    expect(await problemOf(readPlan('plan.wps', new Uint8Array([1])))).toEqual({
      code: 'convert-failed',
      args: { type: '.wps', detail: 'Error: source file could not be loaded' },
      where: { file: 'plan.wps' },
    });
    expect(leftovers()).toEqual(before);
  });

  it('refuses when it exits 0 but writes no file', async () => {
    withFakeOnPath(fakeOffice('exit 0'));
    expect(await problemOf(readPlan('plan.xls', new Uint8Array([1])))).toMatchObject({
      code: 'convert-failed',
      args: { type: '.xls', detail: 'no converted file was written' },
    });
  });

  it('kills it, and what it started, when it hangs past the timeout; the temp folder is removed', async () => {
    // The child `sleep` holds stdout: only killing the whole process group ends the wait.
    const bin = fakeOffice(`sleep 30 &\necho $! > "${dir}/child"\nwait`);
    const before = leftovers();
    const start = performance.now();
    const refused = await problemOf(
      convertWithOffice(new Uint8Array([1]), 'plan.doc', 'docx', { command: path.join(bin, 'soffice'), timeoutMs: 1000 }),
    );
    expect(refused).toEqual({ code: 'convert-timeout', args: { type: '.doc', max: 1 }, where: { file: 'plan.doc' } });
    expect(performance.now() - start).toBeLessThan(5000);
    const child = readFileSync(path.join(dir, 'child'), 'utf8').trim();
    expect(running(child)).toBe(false); // the sleep is gone too
    expect(leftovers()).toEqual(before);
  });
});
