/**
 * The document reader's worker thread (plans/document-thread.ts), shared by PDFs and Word
 * documents: a .docx is unzipped and parsed there, so the bot's thread keeps answering while
 * a large one is read; a document over its budget is refused and the worker replaced; PDFs
 * and documents sent at once are read one after the other, each with its own answer.
 *
 * The bot's thread is watched with a setImmediate loop: while it runs, the longest gap between
 * two turns is the longest the bot would have answered nobody.
 */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { blocksFromDocx, readDocx } from '../../plans/docx';
import { documentWorkerThread } from '../../plans/document-thread';
import { readPlan } from '../../plans/import';
import type { PlanInputError } from '../../plans/errors';
import { linesPdf } from '../faults/support/pdf-files';

const PLAN = [
  '一、工作任务',
  '（一）报送信用信息。（责任单位：办公室；完成时限：每月10日前）',
  '（二）公示行政许可信息。（责任单位：法规科；完成时限：7个工作日内）',
];
const leads = (preview: { tasks: { requirements: { lead: string[] }[] }[] }) =>
  preview.tasks.flatMap((t) => t.requirements.flatMap((r) => r.lead));

async function planDocx(lines: string[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] })));
}

/**
 * A document of 1.6 million empty paragraphs, stored (not packed) so that the file stays under
 * the 10 MB limit: little to unzip, and the most paragraphs a file can hold, which makes the
 * reader's synchronous part (parsing the XML into blocks) as long as it gets, and the answer
 * (a block per paragraph) as large. On this thread the parse held it for 0.5 to 4 s.
 */
const PARAGRAPHS = 1_600_000;
async function manyParagraphs(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p/>'.repeat(PARAGRAPHS)}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

let big: Promise<Uint8Array> | null = null;
const bigDocx = () => (big ??= manyParagraphs());

/**
 * Calls `read` while a setImmediate loop turns on this thread; the read's time, the loop's
 * turns and the longest gap between two of them. The loop is ended, and its last gap counted,
 * after the read: work done where the read ends (rebuilding its answer) shows there.
 */
async function watchingThisThread<T>(read: () => Promise<T>): Promise<{ value: T; maxGapMs: number; turns: number; readMs: number }> {
  let running = true;
  let turns = 0;
  let maxGapMs = 0;
  let last = performance.now();
  const loopEnded = new Promise<void>((resolve) => {
    const turn = () => {
      const now = performance.now();
      maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
      turns++;
      if (running) setImmediate(turn);
      else resolve();
    };
    setImmediate(turn);
  });
  const start = performance.now();
  let value: T;
  try {
    value = await read();
  } finally {
    running = false;
  }
  const readMs = performance.now() - start;
  await loopEnded;
  return { value, maxGapMs, turns, readMs };
}

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'read',
    (e: PlanInputError) => e.problem ?? e,
  );

describe("a .docx is read in the document worker, not on the bot's thread", () => {
  it('this thread keeps turning while 1.6 million paragraphs are read, in the worker; read here, it stands still', async () => {
    const bytes = await bigDocx();
    await blocksFromDocx(await planDocx(PLAN), 'warm.docx'); // the worker started: its start is not the read
    const inWorker = await watchingThisThread(() => blocksFromDocx(bytes, 'big.docx'));
    expect(inWorker.value).toHaveLength(PARAGRAPHS);
    console.log(
      `${PARAGRAPHS} paragraphs in the worker: read in ${inWorker.readMs.toFixed(0)} ms, ${inWorker.turns} turns of this thread, longest gap ${inWorker.maxGapMs.toFixed(0)} ms`,
    );
    expect(inWorker.turns).toBeGreaterThan(1000);
    expect(inWorker.maxGapMs).toBeLessThan(inWorker.readMs / 10);

    // The same read in this thread, as it was: the same measure sees it stand still.
    const here = await watchingThisThread(() => readDocx(bytes, { file: 'big.docx' }));
    expect(here.value).toHaveLength(PARAGRAPHS);
    console.log(`the same read on this thread: ${here.readMs.toFixed(0)} ms, longest gap ${here.maxGapMs.toFixed(0)} ms`);
    expect(here.maxGapMs).toBeGreaterThan(here.readMs / 10);
    expect(here.maxGapMs).toBeGreaterThan(inWorker.maxGapMs);
  }, 120_000);

  it('a document over its budget is refused as docx-too-complex, the worker is ended, and the next file reads in a new one', async () => {
    const bytes = await bigDocx();
    await blocksFromDocx(await planDocx(PLAN), 'warm.docx');
    const before = await documentWorkerThread()!;
    // 1.6 million paragraphs take the reader a second or more; 100 ms is far too little.
    expect(await problemOf(blocksFromDocx(bytes, 'slow.docx', { budgetMs: 100 }))).toEqual({
      code: 'docx-too-complex',
      args: { max: 1 },
      where: { file: 'slow.docx' },
    });
    expect(documentWorkerThread()).toBeNull(); // given up on
    const next = await readPlan('next.docx', await planDocx(PLAN));
    expect(leads(next)).toEqual(['办公室', '法规科']);
    const after = await documentWorkerThread()!;
    expect(after).not.toBe(before);
    // And a PDF after it, in the same new worker.
    expect(leads(await readPlan('next.pdf', await linesPdf(PLAN)))).toEqual(['办公室', '法规科']);
    expect(await documentWorkerThread()).toBe(after);
  }, 120_000);

  it('a PDF and documents sent at once are each read, with their own answers', async () => {
    const [pdf, docx] = await Promise.all([linesPdf(PLAN), planDocx(PLAN)]);
    const damaged = docx.slice(0, 200);
    const [fromPdf, fromDocx, refused, second] = await Promise.all([
      readPlan('a.pdf', pdf),
      readPlan('b.docx', docx),
      problemOf(readPlan('c.docx', damaged)),
      readPlan('d.docx', await planDocx([...PLAN, '（三）报送年度总结。（责任单位：信用科；完成时限：12月底前）'])),
    ]);
    expect(leads(fromPdf)).toEqual(['办公室', '法规科']);
    expect(leads(fromDocx)).toEqual(['办公室', '法规科']);
    expect(refused).toMatchObject({ code: 'docx-zip-damaged', where: { file: 'c.docx' } });
    expect(leads(second)).toEqual(['办公室', '法规科', '信用科']);
  }, 60_000);
});
