/**
 * The worker thread pdf.js runs in (see `textItemsOfPdf` in plans/pdf.ts): loads pdf.js, says
 * it is ready, then reads each PDF it is sent and answers with its text pieces or the refusal.
 */
import { parentPort } from 'node:worker_threads';
import { PlanInputError } from './errors';
import { problem } from './problems';
import { extractTextItems, loadPdfJs, PDF_WORKER_READY, type WorkerReply } from './pdf';

const port = parentPort!;

// pdf.js leaves some of its own promises rejected and unhandled when a file is damaged (an
// xref entry it gave up on, after it recovered): here they end nothing; the answer it gave stands.
process.on('unhandledRejection', () => undefined);

port.on('message', async ({ id, bytes, file }: { id: number; bytes: Uint8Array; file: string }) => {
  let reply: WorkerReply;
  try {
    reply = { id, pages: await extractTextItems(bytes, { file }) };
  } catch (error) {
    reply =
      error instanceof PlanInputError
        ? { id, problem: error.problem }
        : { id, problem: problem('pdf-unreadable', { file }, { detail: String((error as Error)?.message ?? error).slice(0, 200) }) };
  }
  port.postMessage(reply);
});

await loadPdfJs();
port.postMessage(PDF_WORKER_READY);
