/**
 * The worker thread PDFs and Word documents are read in (see plans/document-thread.ts for
 * why): loads pdf.js, says it is ready, then reads each file it is sent (pdf.js's text pieces
 * of a PDF, the blocks of a .docx) and answers with them, in parts, or with the refusal.
 */
import { parentPort } from 'node:worker_threads';
import { PlanInputError } from './errors';
import { problem, type Location, type PlanProblem } from './problems';
import { extractTextItems, loadPdfJs } from './pdf';
import { readDocx } from './docx';
import { DOCUMENT_WORKER_READY, type ReaderKind, type ReaderMessage, type ReaderReply } from './document-thread';

const port = parentPort!;

// pdf.js leaves some of its own promises rejected and unhandled when a file is damaged (an
// xref entry it gave up on, after it recovered): here they end nothing; the answer it gave stands.
process.on('unhandledRejection', () => undefined);

const UNREADABLE = { pdf: 'pdf-unreadable', docx: 'docx-unreadable' } as const;

/**
 * Objects a part of an answer holds, about: the bot's thread rebuilds each part in one go
 * (structured clone), 20,000 objects in a few milliseconds. A million paragraphs sent whole
 * held it for 1 to 2 s, longer than parsing them there took.
 */
const PART_OBJECTS = 20_000;

/** How many objects an element of an answer is: a page of text pieces, a table, a paragraph. */
function objectsIn(kind: ReaderKind, element: unknown): number {
  if (kind === 'pdf') return 1 + (element as unknown[]).length;
  const block = element as Awaited<ReturnType<typeof readDocx>>[number];
  return block.kind === 'table' ? block.grid.rows.reduce((n, row) => n + 1 + row.cells.length, 1) : 1;
}

/** The answer cut into parts of about PART_OBJECTS objects (an element larger than that alone). */
function parts(kind: ReaderKind, value: unknown[]): unknown[][] {
  const out: unknown[][] = [[]];
  let objects = 0;
  for (const element of value) {
    const size = objectsIn(kind, element);
    if (objects + size > PART_OBJECTS && out.at(-1)!.length > 0) {
      out.push([]);
      objects = 0;
    }
    out.at(-1)!.push(element);
    objects += size;
  }
  return out;
}

/** The file's refusal when its reader failed with an error of its own (not a PlanInputError). */
function unreadable(kind: ReaderKind, where: Location, error: unknown): PlanProblem {
  return problem(UNREADABLE[kind], where, { detail: String((error as Error)?.message ?? error).slice(0, 200) });
}

/** The parts of the answer being sent, after the first: the next goes when the bot's thread asks for it. */
let sending: { id: number; kind: ReaderKind; file: string; parts: unknown[][] } | null = null;

function sendPart(): void {
  const { id, kind, file, parts } = sending!;
  const part = parts.shift()!;
  const done = parts.length === 0;
  if (done) sending = null;
  try {
    port.postMessage({ id, part, done } satisfies ReaderReply);
  } catch (error) {
    // A value structured clone cannot copy (none is known): refused, rather than never answered.
    sending = null;
    port.postMessage({ id, problem: unreadable(kind, { file }, error) } satisfies ReaderReply);
  }
}

port.on('message', async (message: ReaderMessage) => {
  if ('next' in message) {
    if (sending?.id === message.id) sendPart();
    return;
  }
  const { id, kind, bytes, file } = message;
  const where: Location = { file };
  let value: unknown[];
  try {
    value = kind === 'pdf' ? await extractTextItems(bytes, where) : await readDocx(bytes, where);
  } catch (error) {
    port.postMessage({
      id,
      problem: error instanceof PlanInputError ? error.problem : unreadable(kind, where, error),
    } satisfies ReaderReply);
    return;
  }
  sending = { id, kind, file, parts: parts(kind, value) };
  sendPart();
});

await loadPdfJs();
port.postMessage(DOCUMENT_WORKER_READY);
