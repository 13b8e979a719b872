/**
 * /unit shows what a unit submitted (issue 15 item 3): each item's latest report with its note
 * and evidence; a button sends the files back, by Telegram's file id or, when Telegram no
 * longer has the file, from the archive. Admins and leads in scope only, checked at the press.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { and, eq } from 'drizzle-orm';
import { ADMIN, LEAD, buttons, startE2E } from '../../support/e2e';
import { PNG_1X1, reportWith } from '../../support/report-flow';
import { evidence, people, roles } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

const OFFICE = 2003; // 张伟, liaison of 办公室
const MONDAY = DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PDF = new TextEncoder().encode('%PDF-1.4 会议纪要 <第1次>');

async function submitted() {
  const e2e = await startE2E({ now: MONDAY });
  await reportWith(e2e, e2e.as(OFFICE), '10①', [{ document: ['会议纪要<1>.pdf', PDF] }, { photo: PNG_1X1 }]);
  return e2e;
}

/** /unit 办公室 as `who`: the evidence list's text and the message with the file buttons. */
async function unitView(e2e: Awaited<ReturnType<typeof startE2E>>, who: number) {
  const me = e2e.as(who);
  const first = await me.send('/unit 办公室');
  const pick = await e2e.emulator.waitForBotMessage(who, (m) => m.text?.startsWith('点按钮取回') ?? false, { since: first.message_id - 1 });
  const list = me.transcript().filter((m) => m.from.kind === 'bot' && (m.text ?? '').includes('的报送与佐证材料'));
  return { me, pick, list: list.map((m) => m.text ?? '').join('\n') };
}

describe('/unit: what a unit submitted', () => {
  it("lists each item's latest report, note and evidence, and sends the files back on a press", async () => {
    const e2e = await submitted();
    const { me, pick, list } = await unitView(e2e, LEAD);
    expect(list).toContain('办公室 的报送与佐证材料（每项最近一次报送）');
    expect(list).toContain(
      '10① 查询应用信用信息\n最近报送：2026年3月 · 已完成 · 3月2日（周一）\n说明：本月工作已完成。\n材料：会议纪要<1>.pdf；照片',
    );
    // Items with nothing reported, in one line.
    expect(list).toMatch(/尚未报送（\d+ 项）：[^\n]*、11①、/);
    expect(list).not.toContain('10① 查询应用信用信息\n尚未报送');
    expect(buttons(pick)).toEqual([['📎 10①（2）']]);

    const before = me.transcript().length;
    await me.press(pick, '📎 10①（2）');
    await e2e.settled();
    const sent = me
      .transcript()
      .slice(before)
      .filter((m) => m.from.kind === 'bot');
    expect(sent.map((m) => (m.document ? `document:${m.document.file_name}` : m.photo ? 'photo' : m.text))).toEqual([
      'document:会议纪要<1>.pdf',
      'photo',
    ]);
    expect(new Uint8Array(e2e.emulator.file(sent[0]!.document!.file_id)!.data)).toEqual(PDF);
    expect(e2e.errors).toEqual([]);
  });

  it('uploads a file again from the archive when Telegram no longer has its id, and says so when neither has it', async () => {
    const e2e = await submitted();
    // As after a change of bot token: the stored ids mean nothing to Telegram now.
    e2e.db.update(evidence).set({ fileId: 'BQACAgUAAxkBAAIGone' }).run();
    const { me, pick } = await unitView(e2e, ADMIN);
    let before = me.transcript().length;
    await me.press(pick, '📎 10①（2）');
    await e2e.settled();
    let sent = me
      .transcript()
      .slice(before)
      .filter((m) => m.from.kind === 'bot');
    expect(sent.map((m) => m.document?.file_name ?? (m.photo ? 'photo' : m.text))).toEqual(['会议纪要<1>.pdf', 'photo']);
    expect(sha256(new Uint8Array(e2e.emulator.file(sent[0]!.document!.file_id)!.data))).toBe(sha256(PDF));

    // Neither Telegram nor the archive: said, with the file's name escaped.
    e2e.db.update(evidence).set({ sha256: null }).where(eq(evidence.kind, 'document')).run();
    before = me.transcript().length;
    await me.press(pick, '📎 10①（2）');
    await e2e.settled();
    sent = me
      .transcript()
      .slice(before)
      .filter((m) => m.from.kind === 'bot');
    expect(sent.map((m) => (m.photo ? 'photo' : m.text))).toEqual([
      '材料“会议纪要<1>.pdf”已无法取回：Telegram 不再提供这个文件，佐证材料档案中也没有。请联系该单位联络员重新报送。',
      'photo',
    ]);
  });

  it('is refused at the press to a lead who no longer leads the unit, and the list is refused to a liaison', async () => {
    const e2e = await submitted();
    const { me, pick } = await unitView(e2e, LEAD);
    // The lead steps down after the list was sent: the button checks again when pressed.
    const lead = e2e.db.select().from(people).where(eq(people.telegramId, LEAD)).get()!;
    e2e.db
      .delete(roles)
      .where(and(eq(roles.personId, lead.id), eq(roles.role, 'lead')))
      .run();
    const before = me.transcript().length;
    const answer = await me.pressForAnswer(pick, { text: '📎 10①（2）' });
    expect(answer).toMatchObject({ text: '您没有使用这个命令的权限。', showAlert: true });
    await e2e.settled();
    expect(
      me
        .transcript()
        .slice(before)
        .filter((m) => m.from.kind === 'bot'),
    ).toEqual([]);
    // A liaison has no /unit at all.
    expect((await e2e.as(OFFICE).send('/unit 办公室')).text).not.toContain('报送与佐证材料');
  });
});
