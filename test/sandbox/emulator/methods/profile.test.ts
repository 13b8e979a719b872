import { afterEach, describe, expect, it } from 'vitest';
import { openHarness, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

describe('the bot profile', () => {
  it('keeps name and descriptions per language, falling back to the default language', async () => {
    harness = await openHarness();
    const { api } = harness;
    expect(await api.getMyName()).toEqual({ name: 'Duban' });
    await api.setMyName('督办助手', { language_code: 'zh' });
    await api.setMyDescription('Monthly task reminders');
    await api.setMyShortDescription('任务提醒', { language_code: 'zh' });
    expect(await api.getMyName({ language_code: 'zh' })).toEqual({ name: '督办助手' });
    expect(await api.getMyDescription({ language_code: 'zh' })).toEqual({ description: 'Monthly task reminders' });
    expect(await api.getMyShortDescription()).toEqual({ short_description: '' });
    expect(await api.getMyShortDescription({ language_code: 'zh' })).toEqual({ short_description: '任务提醒' });
    await api.setMyName('', { language_code: 'zh' });
    expect(await api.getMyName({ language_code: 'zh' })).toEqual({ name: 'Duban' });
  });

  it('refuses values over Telegram’s limits', async () => {
    harness = await openHarness();
    expect((await telegramError(harness.api.setMyShortDescription('x'.repeat(121)))).description).toBe(
      'Bad Request: short description is too long',
    );
  });
});
