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

  it('accepts reply keyboards, written with strings or objects, and removal and force_reply', () => {
    expect(checkReplyMarkup({ keyboard: [['是', { text: '否' }]], resize_keyboard: true })).toEqual({
      keyboard: [[{ text: '是' }, { text: '否' }]],
      resize_keyboard: true,
    });
    expect(checkReplyMarkup({ remove_keyboard: true })).toEqual({ remove_keyboard: true });
    expect(checkReplyMarkup({ force_reply: true })).toEqual({ force_reply: true });
  });
});
