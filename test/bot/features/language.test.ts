import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { LIAISON, STRANGER, buttons, startE2E } from '../../support/e2e';
import { people } from '../../../db/schema';

describe('/language', () => {
  it('switches a person to English: the answer, later replies and their command menu', async () => {
    const e2e = await startE2E();
    const ask = await e2e.as(LIAISON).send('/language');
    expect(buttons(ask)).toEqual([['中文', 'English']]);
    const { message } = await e2e.as(LIAISON).press(ask, 'English');
    expect(message.text).toBe('Language set to English.');
    expect(e2e.db.select({ language: people.language }).from(people).where(eq(people.telegramId, LIAISON)).get()).toEqual({
      language: 'en',
    });
    expect((await e2e.as(LIAISON).send('/help')).text).toMatch(/^Commands you can use:\n\/start — Start/);
    const menu = e2e.emulator.commandsShown({ userId: LIAISON, chatId: LIAISON });
    expect(menu.map((c) => c.description)).toContain("Your unit's tasks and deadlines");
  });

  it('answers a stranger in the chosen language without storing them', async () => {
    const e2e = await startE2E();
    const ask = await e2e.as(STRANGER).send('/language');
    const { message } = await e2e.as(STRANGER).press(ask, 'English');
    expect(message.text).toBe('Language set to English.');
    expect(e2e.db.select().from(people).where(eq(people.telegramId, STRANGER)).all()).toEqual([]);
  });
});
