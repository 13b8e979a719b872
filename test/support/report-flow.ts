/** A liaison's /report walked through the emulator, for tests about what comes after it. */
import { expect } from 'vitest';
import { buttons, type startE2E } from './e2e';
import type { TranscriptEntry } from '../../sandbox/emulator';

type E2E = Awaited<ReturnType<typeof startE2E>>;
type Person = ReturnType<E2E['as']>;
/** A 1×1 PNG: the emulator, as Telegram, takes only real images as photos. */
export const PNG_1X1 = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);

export type Evidence = { document: [string, Uint8Array] } | { photo: Uint8Array };

/** /report, paged until item `item` (18③) shows, and pressed: resolves with the question of its status. */
export async function pickItem(me: Person, item: string): Promise<TranscriptEntry> {
  let page = await me.send('/report');
  for (
    let turns = 0;
    !buttons(page)
      .flat()
      .some((b) => b.startsWith(item));
    turns++
  ) {
    if (turns > 10) throw new Error(`no ${item}`);
    page = (await me.press(page, '下一页 ▶')).message;
  }
  return me.pressForReply(
    page,
    buttons(page)
      .flat()
      .find((b) => b.startsWith(item))!,
  );
}

/** /report of item `item` as done with `note` (and `count` when asked): resolves with the request for evidence. */
export async function askForEvidence(me: Person, item: string, answers: { note?: string; count?: string } = {}): Promise<TranscriptEntry> {
  await me.pressForReply(await pickItem(me, item), '已完成');
  const reply = await me.send(answers.note ?? '本月工作已完成。');
  return reply.text?.startsWith('本期完成了多少') ? me.send(answers.count ?? '1') : reply;
}

/** /report of item `item` as done, with the given files; resolves with the bot's messages after ✅ 提交. */
export async function reportWith(e2e: E2E, me: Person, item: string, files: Evidence[]): Promise<TranscriptEntry[]> {
  const reply = await askForEvidence(me, item);
  let last: TranscriptEntry = reply;
  for (const file of files) {
    last =
      'document' in file ? await me.sendDocument(file.document[0], file.document[1], 'application/pdf') : await me.sendPhoto(file.photo);
    expect(last.text).toMatch(/^已收到第 \d+ 份佐证材料/);
  }
  const confirm = await me.pressForReply(last, '完成');
  const saved = await me.pressForReply(confirm, '✅ 提交');
  await e2e.settled();
  return me.transcript().filter((m) => m.message_id >= saved.message_id && m.from.kind === 'bot');
}
