import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_ANONYMOUS_BOT } from '../../../sandbox/emulator/index';
import { LEAD, LIAISON, NEWCOMER, OFFICE_GROUP, openHarness, telegramError, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function open(options = {}) {
  harness = await openHarness({ floodLimits: false, ...options });
  return harness;
}

describe('users the bot never met', () => {
  it('are "chat not found" until a shared group or an update introduces them', async () => {
    const { api, emulator } = await open();
    const quiet = emulator.createUser({ id: 4300, firstName: '未见' });
    expect((await telegramError(api.sendMessage(quiet.id, 'x'))).description).toBe('Bad Request: chat not found');
    expect((await telegramError(api.getChat(quiet.id))).description).toBe('Bad Request: chat not found');
    emulator.addGroupMembers(OFFICE_GROUP.id, [quiet.id]);
    expect((await telegramError(api.sendMessage(quiet.id, 'x'))).description).toBe(
      "Forbidden: bot can't initiate conversation with a user",
    );
  });

  it('stay known through an update after the shared group is gone, unlike those who only shared it', async () => {
    const { api, emulator } = await open();
    const talker = emulator.createUser({ id: 4301, firstName: '说' });
    const quiet = emulator.createUser({ id: 4302, firstName: '静' });
    emulator.addGroupMembers(OFFICE_GROUP.id, [talker.id, quiet.id]);
    emulator.sendText(talker.id, '/status', { chatId: OFFICE_GROUP.id });
    emulator.kickBot(OFFICE_GROUP.id);
    expect((await telegramError(api.sendMessage(talker.id, 'x'))).error_code).toBe(403);
    expect((await telegramError(api.sendMessage(quiet.id, 'x'))).description).toBe('Bad Request: chat not found');
  });

  it('get the old answer with chatNotFoundForUnseenUsers false', async () => {
    const { api } = await open({ chatNotFoundForUnseenUsers: false });
    expect((await telegramError(api.sendMessage(NEWCOMER.id, 'x'))).description).toBe(
      "Forbidden: bot can't initiate conversation with a user",
    );
  });
});

describe('deactivated users', () => {
  it('answer 403 "user is deactivated" to messages and edits, until reactivated', async () => {
    const { api, emulator } = await open();
    const sent = await api.sendMessage(LIAISON.id, '提醒');
    emulator.deactivateUser(LIAISON.id);
    const error = await telegramError(api.sendMessage(LIAISON.id, '再提醒'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: user is deactivated']);
    expect((await telegramError(api.editMessageText(LIAISON.id, sent.message_id, '改'))).description).toBe(
      'Forbidden: user is deactivated',
    );
    // Reading the chat still works, as on Telegram.
    await expect(api.getChat(LIAISON.id)).resolves.toMatchObject({ id: LIAISON.id });
    expect(() => emulator.sendText(LIAISON.id, 'hi')).toThrow('is deactivated');
    expect(await api.getUpdates()).toEqual([]);
    emulator.reactivateUser(LIAISON.id);
    await expect(api.sendMessage(LIAISON.id, '又见面了')).resolves.toBeDefined();
  });

  it('come before a block: a deleted account that had blocked the bot is reported as deleted', async () => {
    const { api, emulator } = await open();
    emulator.blockBot(LIAISON.id);
    emulator.deactivateUser(LIAISON.id);
    expect((await telegramError(api.sendMessage(LIAISON.id, 'x'))).description).toBe('Forbidden: user is deactivated');
  });
});

describe('a bot kicked from a group', () => {
  it('gets my_chat_member, then 403 for anything it sends there, and nothing from the group', async () => {
    const { api, emulator } = await open();
    emulator.kickBot(OFFICE_GROUP.id, { byUserId: LEAD.id });
    const [kicked] = await api.getUpdates();
    expect(kicked?.my_chat_member).toMatchObject({
      chat: { id: OFFICE_GROUP.id, type: 'group' },
      from: { id: LEAD.id },
      old_chat_member: { status: 'member', user: { id: 1000001 } },
      new_chat_member: { status: 'kicked', user: { id: 1000001 }, until_date: 0 },
    });
    const error = await telegramError(api.sendMessage(OFFICE_GROUP.id, '汇总'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was kicked from the group chat']);
    emulator.sendText(LEAD.id, '/status', { chatId: OFFICE_GROUP.id });
    expect(await api.getUpdates({ offset: (kicked?.update_id ?? 0) + 1 })).toEqual([]);
    // The people see that the bot was removed.
    expect(emulator.transcript(OFFICE_GROUP.id)[0]?.message.left_chat_member?.id).toBe(1000001);
  });

  it('says "supergroup chat" in a supergroup, also to getChat, and works again once added back', async () => {
    const { api, emulator } = await open();
    const supergroup = emulator.createGroup({ id: -1007001, title: '大组', type: 'supergroup', members: [LIAISON.id] });
    emulator.kickBot(supergroup.id);
    expect((await telegramError(api.sendMessage(supergroup.id, 'x'))).description).toBe(
      'Forbidden: bot was kicked from the supergroup chat',
    );
    expect((await telegramError(api.getChat(supergroup.id))).description).toBe('Forbidden: bot was kicked from the supergroup chat');
    expect(() => emulator.kickBot(supergroup.id)).toThrow('is not in group');
    emulator.addBotToGroup(supergroup.id);
    await expect(api.sendMessage(supergroup.id, '回来了')).resolves.toBeDefined();
    const updates = await api.getUpdates();
    expect(updates.map((u) => u.my_chat_member?.new_chat_member.status ?? (u.message?.new_chat_members ? 'joined' : '?'))).toEqual([
      'kicked',
      'member',
      'joined',
    ]);
    expect(updates[1]?.my_chat_member?.old_chat_member.status).toBe('kicked');
  });
});

describe('anonymous group admins', () => {
  it('post as GroupAnonymousBot on behalf of the group', async () => {
    const { api, emulator } = await open();
    const sent = emulator.sendText(LEAD.id, '/status', { chatId: OFFICE_GROUP.id, asAnonymousAdmin: true });
    expect(sent.from).toEqual({ id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' });
    expect(sent.from).toEqual(GROUP_ANONYMOUS_BOT);
    expect(sent.sender_chat).toEqual({ id: OFFICE_GROUP.id, type: 'group', title: '办公室' });
    const [update] = await api.getUpdates();
    expect(update?.message?.from?.id).toBe(1087968824);
    expect(update?.message?.sender_chat?.id).toBe(OFFICE_GROUP.id);
    // The group is the author people see; the bot learns nothing about the person.
    expect(emulator.transcript(OFFICE_GROUP.id)[0]?.from).toMatchObject({ kind: 'user', id: 1087968824, name: '办公室' });
    expect((await telegramError(api.sendMessage(1087968824, 'x'))).description).toBe('Bad Request: chat not found');
    expect(() => emulator.sendText(LEAD.id, 'x', { asAnonymousAdmin: true })).toThrow('only a group message');
  });
});
