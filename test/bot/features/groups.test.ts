import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, LIAISON, startE2E } from '../../support/e2e';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';

describe("in the leading group's chat", () => {
  it("answers /start and /help only, and never shows a unit's tasks or reports there", async () => {
    const e2e = await startE2E();
    const group = (id: number) => e2e.as(id, DEMO_GROUP.id);
    expect((await group(LEAD).send('/help')).text).toBe('督办已在本群。领导小组的周报和通报会发到这里。');
    for (const [person, command] of [
      [LIAISON, '/tasks'],
      [LIAISON, '/report'],
      [LEAD, '/summary'],
      [LEAD, '/unit 办公室'],
      [ADMIN, '/units'],
      [LEAD, '/yearly'],
      [ADMIN, '/invite 办公室'],
    ] as const) {
      expect((await group(person).send(command)).text, command).toBe('请在与督办的私聊中使用这个命令。');
    }
    const texts = e2e.emulator
      .transcript(DEMO_GROUP.id)
      .filter((m) => m.from.kind === 'bot')
      .map((m) => m.text ?? '');
    expect(texts.some((t) => /政策法规处|办公室|截止/.test(t))).toBe(false);
    // A command for another bot is ignored.
    const other = e2e.emulator.sendText(LEAD, '/summary@some_other_bot', { chatId: DEMO_GROUP.id });
    await e2e.settled();
    expect(e2e.emulator.transcript(DEMO_GROUP.id).at(-1)!.message_id).toBe(other.message_id);
  });
});
