import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../sandbox/emulator/api-error';
import { checkReplyMarkup } from '../../../sandbox/emulator/keyboard';

function descriptionOf(markup: unknown): string {
  try {
    checkReplyMarkup(markup);
  } catch (error) {
    if (error instanceof ApiError) return error.description;
    throw error;
  }
  throw new Error('expected the markup to be refused');
}

describe('checkReplyMarkup', () => {
  it('keeps a valid inline keyboard and drops empty rows', () => {
    const markup = { inline_keyboard: [[{ text: '确认', callback_data: 'ack:1' }], [], [{ text: '网页', url: 'https://example.com' }]] };
    expect(checkReplyMarkup(markup)).toEqual({
      inline_keyboard: [[{ text: '确认', callback_data: 'ack:1' }], [{ text: '网页', url: 'https://example.com' }]],
    });
  });

  it('treats an empty inline keyboard as no keyboard', () => {
    expect(checkReplyMarkup({ inline_keyboard: [] })).toBeUndefined();
  });

  it('refuses callback data outside 1 to 64 bytes, counting bytes not characters', () => {
    expect(descriptionOf({ inline_keyboard: [[{ text: 'x', callback_data: '' }]] })).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(descriptionOf({ inline_keyboard: [[{ text: 'x', callback_data: 'a'.repeat(65) }]] })).toBe('Bad Request: BUTTON_DATA_INVALID');
    // 22 Chinese characters are 66 bytes.
    expect(descriptionOf({ inline_keyboard: [[{ text: 'x', callback_data: '任'.repeat(22) }]] })).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(checkReplyMarkup({ inline_keyboard: [[{ text: 'x', callback_data: 'a'.repeat(64) }]] })).toBeDefined();
  });

  it('refuses buttons that do nothing, buttons without text, bad URLs and malformed keyboards', () => {
    expect(descriptionOf({ inline_keyboard: [[{ text: 'x' }]] })).toBe('Bad Request: text buttons are unallowed in the inline keyboard');
    expect(descriptionOf({ inline_keyboard: [[{ callback_data: 'x' }]] })).toMatch(/Field "text" must be of type String/);
    expect(descriptionOf({ inline_keyboard: [[{ text: 'x', url: 'example' }]] })).toMatch(/button URL 'example' is invalid/);
    expect(descriptionOf({ inline_keyboard: [{ text: 'x', callback_data: 'y' }] })).toMatch(/should be an Array of Arrays/);
    expect(descriptionOf('nonsense')).toBe("Bad Request: can't parse reply keyboard markup JSON object");
  });

  it('holds inline keyboards to 100 buttons and 8 a row, unless limits are off', () => {
    const row = (n: number) => Array.from({ length: n }, (_, i) => ({ text: String(i), callback_data: String(i) }));
    expect(descriptionOf({ inline_keyboard: [row(9)] })).toBe('Bad Request: reply markup is too long');
    expect(descriptionOf({ inline_keyboard: Array.from({ length: 13 }, () => row(8)) })).toBe('Bad Request: reply markup is too long');
    expect(checkReplyMarkup({ inline_keyboard: [...Array.from({ length: 12 }, () => row(8)), row(4)] })).toBeDefined();
    expect(checkReplyMarkup({ inline_keyboard: [row(9)] }, { limits: false })).toEqual({ inline_keyboard: [row(9)] });
  });

  it('drops empty-text buttons and the rows they leave empty; only empty ones make no keyboard', () => {
    expect(
      checkReplyMarkup({
        inline_keyboard: [
          [
            { text: '', url: 'https://example.com' },
            { text: '是', callback_data: 'y' },
          ],
          [{ text: '', callback_data: 'n' }],
        ],
      }),
    ).toEqual({
      inline_keyboard: [[{ text: '是', callback_data: 'y' }]],
    });
    expect(checkReplyMarkup({ inline_keyboard: [[{ text: '', callback_data: 'n' }]] })).toBeUndefined();
    // The button must still be valid: an empty text does not excuse a missing action.
    expect(descriptionOf({ inline_keyboard: [[{ text: '' }]] })).toBe('Bad Request: text buttons are unallowed in the inline keyboard');
  });

  it('cuts reply keyboards as TDLib does: no empty buttons, 12 a row', () => {
    const labels = Array.from({ length: 14 }, (_, i) => `k${i}`);
    expect(checkReplyMarkup({ keyboard: [['', '是'], labels] })).toEqual({
      keyboard: [[{ text: '是' }], labels.slice(0, 12).map((text) => ({ text }))],
    });
  });

  it('accepts reply keyboards, written with strings or objects, and removal and force_reply', () => {
    expect(checkReplyMarkup({ keyboard: [['是', { text: '否' }]], resize_keyboard: true })).toEqual({
      keyboard: [[{ text: '是' }, { text: '否' }]],
      resize_keyboard: true,
    });
    expect(checkReplyMarkup({ remove_keyboard: true })).toEqual({ remove_keyboard: true });
    expect(checkReplyMarkup({ force_reply: true })).toEqual({ force_reply: true });
  });
});
