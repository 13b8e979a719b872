import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, LIAISON, LIAISON_EN, STRANGER, startE2E } from '../../support/e2e';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { STRAY_REPLY_INTERVAL_MS } from '../../../bot/reply-throttle';

describe('/start, through the emulator', () => {
  it('greets each person by role, in their language', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/start')).html).toContain('您是督办的<b>管理员</b>');
    expect((await e2e.as(LIAISON).send('/start')).text).toMatch(/^您好，李娜！您是 政策法规处 的联络员。/);
    expect((await e2e.as(LIAISON_EN).send('/start')).text).toMatch(/^Hello, Gang Chen! You are the liaison of 信息管理处\./);
    expect((await e2e.as(LEAD).send('/start')).text).toMatch(/您是 福州市不动产登记和交易中心2026年社会信用体系建设任务分解表 的分管领导/);
    expect(e2e.errors).toEqual([]);
  });

  it('tells a stranger how to join, and keeps no record of them', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(STRANGER).send('/start')).text).toBe('您好！督办还没有登记您。请向管理员索取本单位的邀请链接，打开链接即可加入。');
    // Strangers are answered once per few minutes (test/bot/never-stops.test.ts checks a flood).
    e2e.clock.advance(STRAY_REPLY_INTERVAL_MS);
    expect((await e2e.as(STRANGER).send('随便说点什么')).text).toMatch(/^您好！督办还没有登记您/);
    expect(e2e.sqlite.prepare('select count(*) as n from people where telegram_id = ?').get(STRANGER)).toEqual({ n: 0 });
  });

  it("escapes a person's name before showing it in HTML", async () => {
    const e2e = await startE2E();
    e2e.sqlite.prepare('update people set name = ? where telegram_id = ?').run('<b>王</b> & co', ADMIN);
    // The middleware refreshes the name from Telegram for known people; a differing stored name is shown escaped until then.
    const reply = await e2e.as(ADMIN).send('/start');
    expect(reply.text).toMatch(/^您好，王敏！/);
    e2e.emulator.createUser({ id: 4242, firstName: '<i>赵</i>', languageCode: 'zh-hans' });
    e2e.sqlite.prepare(`insert into people (telegram_id, chat_id, name) values (4242, 4242, '<i>赵</i>')`).run();
    e2e.sqlite.prepare(`insert into roles (person_id, role) select id, 'admin' from people where telegram_id = 4242`).run();
    expect((await e2e.as(4242).send('/start')).text).toMatch(/^您好，<i>赵<\/i>！/);
  });

  it("says hello in the leading group's chat", async () => {
    const e2e = await startE2E();
    expect((await e2e.as(LEAD, DEMO_GROUP.id).send('/start')).text).toBe('督办已在本群。领导小组的周报和通报会发到这里。');
  });
});
