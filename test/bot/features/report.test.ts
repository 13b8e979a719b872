import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { ADMIN, LIAISON, buttons, startE2E } from '../../support/e2e';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { conversationState, evidence, people, reports, roles, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const OFFICE = 2003; // 张伟, liaison of 办公室: tasks 10 (全年不少于10例) and 11 (全年不少于6例)
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

/** Monday 2 March 2026, 10:00 in Shanghai: the March period is open, due on the 10th. */
const MONDAY = sh('2026-03-02T10:00');

/** The chats with a conversation under way, from the plugin's stored state. */
function activeConversations(db: Awaited<ReturnType<typeof startE2E>>['db']): string[] {
  return db
    .select()
    .from(conversationState)
    .all()
    .filter((row) => Object.values((row.state as { state?: Record<string, unknown[]> }).state ?? {}).some((list) => list.length > 0))
    .map((row) => row.key);
}

const reportsSaved = (e2e: Awaited<ReturnType<typeof startE2E>>) => e2e.db.select().from(reports).all().length;

type Person = ReturnType<Awaited<ReturnType<typeof startE2E>>['as']>;

/** Turns the pages of the requirement list until a button starting with `item` shows, and presses it. */
async function pick(me: Person, list: TranscriptEntry, item: string): Promise<TranscriptEntry> {
  let page = list;
  for (
    let turns = 0;
    !buttons(page)
      .flat()
      .some((b) => b.startsWith(item));
    turns++
  ) {
    if (turns > 10) throw new Error(`no "${item}" on any page`);
    page = (await me.press(page, '下一页 ▶')).message;
  }
  return me.pressForReply(page, label(page, item));
}

function label(entry: TranscriptEntry, startsWith: string): string {
  const found = buttons(entry)
    .flat()
    .find((text) => text.startsWith(startsWith));
  if (!found) throw new Error(`no button starting "${startsWith}" in ${JSON.stringify(buttons(entry))}`);
  return found;
}

describe('/report, through the emulator', () => {
  it('walks a liaison from the most urgent requirement to a saved report with a count and evidence', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const list = await me.send('/report');
    // 办公室 is one of 中心各处室, so it shares their tasks: three pages, those due first on top.
    expect(list.text).toBe('请选择要报送的任务（最紧急的在前，第 1/3 页）：');
    expect(buttons(list)[0]).toEqual(['3① 完成日常工作 · 3月10日（周二）']);
    expect(buttons(list).at(-1)).toEqual(['取消']);

    const ask = await pick(me, list, '10①');
    expect(ask.text).toBe('10① 查询应用信用信息（办公室）\n期次：2026年3月，截止 3月10日（周二）\n请选择进展状态：');
    expect(buttons(ask)).toEqual([['已完成', '进行中'], ['遇到困难', '本期无进展'], ['取消']]);

    const note = await me.pressForReply(ask, '已完成');
    expect(note.text).toBe('请用一两句话说明进展（500 字以内），或点“跳过”。');
    expect((await me.send('本月查询信用记录3例，均已反馈政策法规处。')).text).toBe(
      '本期完成了多少例？目标 10例/年，已报 0例。请输入数字，如 3 或 三。',
    );
    expect((await me.send('-1')).text).toBe('数量不能是负数，请重新输入。');
    expect((await me.send('很多')).text).toBe('“很多”不是数量，请输入数字，如 3 或 三。');
    expect((await me.send('5000')).text).toBe('数量太大了，请核对后重新输入。');
    expect((await me.send('三例')).text).toBe('请发送佐证材料（照片、文件，或网址、文字说明，最多 10 份），发完点“完成”；没有就点“跳过”。');

    expect((await me.sendDocument('setup.exe', new Uint8Array([1, 2, 3]))).text).toBe(
      '不支持这种文件（setup.exe）。请发送照片、PDF、Word、Excel、PPT、文本或压缩包。',
    );
    const added = await me.sendDocument('查询记录.pdf', new TextEncoder().encode('%PDF-1.4 evidence'), 'application/pdf');
    expect(added.text).toBe('已收到第 1 份佐证材料。继续发送，或点“完成”。');
    const confirm = await me.pressForReply(added, '完成');
    expect(confirm.text).toBe(
      '请确认报送内容：\n任务：10① 查询应用信用信息（办公室）\n期次：2026年3月（截止 3月10日（周二））\n状态：已完成\n说明：本月查询信用记录3例，均已反馈政策法规处。\n数量：3例\n佐证材料：1 份',
    );
    const saved = await me.pressForReply(confirm, '✅ 提交');
    expect(saved.text).toBe('✅ 已报送：10① 查询应用信用信息（办公室），2026年3月。');

    const [report] = e2e.db.select().from(reports).all();
    expect(report).toMatchObject({
      period: '2026-03',
      status: 'done',
      count: 3,
      late: false,
      note: '本月查询信用记录3例，均已反馈政策法规处。',
    });
    expect(e2e.db.select({ name: evidence.fileName, kind: evidence.kind }).from(evidence).all()).toEqual([
      { name: '查询记录.pdf', kind: 'document' },
    ]);
    // The conversation is over, and the next /report shows the item as reported.
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([]);
    // Reported items go to the end of the list, ticked.
    const again = await me.send('/report');
    let last = again;
    while (buttons(last).flat().includes('下一页 ▶')) last = (await me.press(last, '下一页 ▶')).message;
    expect(buttons(last).flat()).toContain('✓ 10① 查询应用信用信息 · 3月10日（周二）');
    expect(e2e.errors).toEqual([]);
  });

  it('a title with quotes reads as written in every message of the report, the saved one too', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const ask = await pick(me, await me.send('/report'), '17②');
    expect(ask.text).toMatch(/^17② 实施"茉莉分"应用的相关执行措施（办公室）\n/);
    const note = await me.pressForReply(ask, '已完成');
    const evidenceAsk = await me.send('已填报附件三 & 汇总');
    const confirm = await me.pressForReply(evidenceAsk, '跳过');
    expect(confirm.text).toContain('任务：17② 实施"茉莉分"应用的相关执行措施（办公室）\n');
    expect(confirm.text).toContain('说明：已填报附件三 & 汇总\n');
    expect((await me.pressForReply(confirm, '✅ 提交')).text).toBe('✅ 已报送：17② 实施"茉莉分"应用的相关执行措施（办公室），2026年3月。');
    expect(note.text).toBe('请用一两句话说明进展（500 字以内），或点“跳过”。');
  });

  it("what the person typed or sent is shown back as typed when refused: a count, a file's name", async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const ask = await pick(me, await me.send('/report'), '10①');
    await me.pressForReply(ask, '已完成');
    expect((await me.send('约3例')).text).toBe('本期完成了多少例？目标 10例/年，已报 0例。请输入数字，如 3 或 三。');
    expect((await me.send('"<5 & 6>"')).text).toBe('“"<5 & 6>"”不是数量，请输入数字，如 3 或 三。');
    await me.send('3');
    expect((await me.sendDocument('Q&A <v2>.exe', new Uint8Array([1, 2, 3]))).text).toBe(
      '不支持这种文件（Q&A <v2>.exe）。请发送照片、PDF、Word、Excel、PPT、文本或压缩包。',
    );
  });

  it('/cancel leaves at any step and saves nothing; another command leaves and runs', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    await pick(me, await me.send('/report'), '10①');
    expect((await me.send('/cancel')).text).toBe('已取消报送，没有保存任何内容。');
    expect(e2e.db.select().from(reports).all()).toEqual([]);
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([]);
    expect((await me.send('/cancel')).text).toBe('当前没有进行中的操作。');

    await pick(me, await me.send('/report'), '10①');
    expect((await me.send('/help')).text).toMatch(/^您可以使用这些命令：/);
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([]);
  });

  it("keeps its list's buttons in the conversation's state, not the requirements: the picked one only", async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(LIAISON);
    const storedState = () => JSON.stringify(e2e.db.select().from(conversationState).get()?.state ?? null);
    // Titles longer than a button shows (10 characters): on the list they are cut.
    const longTitles = e2e.db
      .select({ title: tasks.title })
      .from(tasks)
      .all()
      .map((t) => t.title)
      .filter((title) => [...title].length > 10);
    expect(longTitles.length).toBeGreaterThan(1);
    const list = await me.send('/report');
    await e2e.settled();
    const listed = storedState();
    expect(listed).toContain('"version":[0,1]');
    expect(longTitles.filter((title) => listed.includes(title))).toEqual([]);
    // 1② is 部署社会信用体系建设工作, a long title: once picked, that one is kept (its questions show it whole).
    const ask = await pick(me, list, '1②');
    await e2e.settled();
    const picked = longTitles.filter((title) => storedState().includes(title));
    expect(picked).toHaveLength(1);
    expect(ask.text).toContain(picked[0]);
  });

  it('a pick from a list shown before the liaison lost the unit saves nothing and says so', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const list = await me.send('/report');
    const person = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, OFFICE)).get()!;
    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(and(eq(roles.personId, person.id), isNull(roles.revokedAt)))
      .run();
    expect((await me.pressForReply(list, buttons(list)[0]![0]!)).text).toBe('您没有使用这个命令的权限。');
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([]);
    expect(e2e.db.select().from(reports).all()).toEqual([]);
  });

  it('a report begun before an upgrade changed its steps ends with a word in chat; a command still runs', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    /** What a bot of the earlier steps left: the chat's state under version 0. */
    const leftByOldSteps = async () => {
      await e2e.settled();
      e2e.db.run(sql`update conversation_state set state = json_set(state, '$.version', json('[0,0]'))`);
      await e2e.restart();
    };
    const upgraded = '督办刚刚更新过，您进行到一半的 /report 已中止，填写的内容没有保存。请重新发送 /report。';

    // A note typed for the old conversation is answered with the word, not taken for an unknown command.
    const ask = await pick(me, await me.send('/report'), '10①');
    await me.pressForReply(ask, '进行中');
    await leftByOldSteps();
    const noteSent = me.transcript().at(-1)!.message_id;
    expect((await me.send('正在整理本月案例')).text).toBe(upgraded);
    await e2e.settled();
    expect(
      me
        .transcript()
        .filter((m) => m.message_id > noteSent && m.from.kind === 'bot')
        .map((m) => m.text),
    ).toEqual([upgraded]);
    expect(e2e.db.select().from(conversationState).all()).toEqual([]);

    // A button of the old conversation: the word, and the press answered.
    const again = await pick(me, await me.send('/report'), '10①');
    await leftByOldSteps();
    expect((await me.pressForReply(again, '进行中')).text).toBe(upgraded);

    // A command: the word, then the command.
    await pick(me, await me.send('/report'), '10①');
    await leftByOldSteps();
    const before = me.transcript().at(-1)!.message_id;
    expect((await me.send('/report')).text).toBe(upgraded);
    await e2e.settled();
    const after = me.transcript().filter((m) => m.message_id > before && m.from.kind === 'bot');
    expect(after.map((m) => m.text?.slice(0, 9))).toEqual([upgraded.slice(0, 9), '请选择要报送的任务']);
    expect(reportsSaved(e2e)).toBe(0);
  });

  it('survives a restart of the bot in the middle of a report', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const ask = await pick(me, await me.send('/report'), '10①');
    await me.pressForReply(ask, '进行中');
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([String(OFFICE)]);

    await e2e.restart();
    expect((await me.send('正在整理本月案例')).text).toMatch(/^本期完成了多少例？/);
    expect((await me.send('1')).text).toMatch(/^请发送佐证材料/);
    const evidenceAsk = me.transcript().at(-1)!;
    const confirm = await me.pressForReply(evidenceAsk, '跳过');
    await me.pressForReply(confirm, '✅ 提交');
    expect(e2e.db.select({ status: reports.status, count: reports.count, note: reports.note }).from(reports).all()).toEqual([
      { status: 'in_progress', count: 1, note: '正在整理本月案例' },
    ]);
  });

  it("an abandoned report is cancelled after 30 minutes on the bot's clock", async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    await pick(me, await me.send('/report'), '10①');
    await e2e.settled();
    e2e.clock.advance(31 * 60_000);
    const before = me.transcript().length;
    me.transcript();
    const reply = await me.send('你好');
    const after = me
      .transcript()
      .slice(before)
      .filter((m) => m.from.kind === 'bot')
      .map((m) => m.text);
    expect(reply.text).toBe('上一次报送超过 30 分钟没有完成，已自动取消。');
    // The message itself is then handled as if there had been no conversation.
    await e2e.emulator.waitForBotMessage(OFFICE, (m) => m.text === '没有这个命令。发送 /help 查看您可以使用的命令。', {
      since: reply.message_id,
    });
    expect(after[0]).toBe('上一次报送超过 30 分钟没有完成，已自动取消。');
    expect(e2e.db.select().from(reports).all()).toEqual([]);
  });

  it('a report after the due moment is saved as late, counted as not done', async () => {
    const e2e = await startE2E({ now: sh('2026-03-31T23:50') });
    const me = e2e.as(LIAISON);
    // 12① (3月底前, once) is due at midnight, among the first on the list; the status is
    // chosen 20 minutes later (within the 30 minutes a conversation may sit idle).
    const ask = await pick(me, await me.send('/report'), '12①');
    e2e.clock.set(sh('2026-04-01T00:10'));
    await me.pressForReply(ask, '已完成');
    const evidenceAsk = await me.send('已建立');
    const confirm = await me.pressForReply(evidenceAsk, '跳过');
    const saved = await me.pressForReply(confirm, '✅ 提交');
    expect(saved.text).toBe('⚠️ 已报送：12① 建立健全信用承诺制度（政策法规处），一次性任务。已超过截止时间，逾期报送视为工作未完成。');
    expect(e2e.db.select({ period: reports.period, late: reports.late }).from(reports).all()).toEqual([{ period: 'once', late: true }]);
  });

  it("a reminder's report button opens the conversation at that requirement; others may not use it", async () => {
    const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    const reminder = e2e
      .as(OFFICE)
      .transcript()
      .find((m) => m.text?.includes('10①'))!;
    expect(buttons(reminder)).toContainEqual(['✅ 已完成 10①', '📝 报送 10①']);
    const ask = await e2e.as(OFFICE).pressForReply(reminder, '📝 报送 10①');
    expect(ask.text).toBe('10① 查询应用信用信息（办公室）\n期次：2026年3月，截止 3月10日（周二）\n请选择进展状态：');

    // Once 张伟 no longer serves 办公室, the same button is refused.
    e2e.sqlite.prepare(`update roles set revoked_at = 1 where person_id = (select id from people where telegram_id = ?)`).run(OFFICE);
    await e2e.as(OFFICE).send('/cancel');
    expect(await e2e.as(OFFICE).pressForAnswer(reminder, { text: '📝 报送 10①' })).toMatchObject({
      text: '您没有使用这个命令的权限。',
      showAlert: true,
    });
  });

  it('is only for liaisons', async () => {
    const e2e = await startE2E({ now: MONDAY });
    expect((await e2e.as(ADMIN).send('/report')).text).toBe('只有单位联络员可以报送进展。');
    await e2e.settled();
    expect(activeConversations(e2e.db)).toEqual([]);
  });
});
